#include "connectors/braintree/wire.hpp"

#include "connectors/common/crypto.hpp"

namespace cs::connectors::braintree::wire {

domain::result<auth> read_auth(const domain::credentials& creds) {
  auto pub = creds.require(connector_name, "public_key");
  if (!pub) return pub.err();
  auto priv = creds.require(connector_name, "private_key");
  if (!priv) return priv.err();
  auth a{std::string(*pub), std::string(*priv), {}};
  if (const auto* m = creds.find("merchant_account_id")) a.merchant_account_id = m->reveal();
  return a;
}

domain::http_request graphql(std::string_view step, std::string_view query,
                             boost::json::object variables, const auth& a) {
  domain::http_request r;
  r.method = domain::http_method::post;
  r.target = "/graphql";
  r.step = step;
  r.headers.push_back(
      {"Authorization", "Basic " + base64_encode(a.public_key + ":" + a.private_key), true});
  r.headers.push_back({"Braintree-Version", std::string(api_version), false});
  r.headers.push_back({"Accept", "application/json", false});
  r.body = boost::json::serialize(
      boost::json::object{{"query", query}, {"variables", std::move(variables)}});
  return r;
}

domain::result<std::string> order_id(std::string_view merchant_reference,
                                     std::string_view idempotency_key) {
  if (!merchant_reference.empty()) {
    if (merchant_reference.size() > max_order_id)
      return domain::invalid_argument("merchant_reference",
                                      "is longer than Braintree's orderId (255 characters)");
    return std::string(merchant_reference);
  }
  if (idempotency_key.empty()) return domain::missing_field("idempotency_key");
  if (idempotency_key.size() > max_order_id)
    return domain::invalid_argument("idempotency_key",
                                    "is longer than Braintree's orderId (255 characters)");
  return std::string(idempotency_key);
}

}  // namespace cs::connectors::braintree::wire
