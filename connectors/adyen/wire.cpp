#include "connectors/adyen/wire.hpp"

#include "connectors/common/requests.hpp"

#include <openssl/evp.h>

#include <boost/json/serialize.hpp>
#include <boost/url/url.hpp>

#include "connectors/adyen/currencies.hpp"
#include "connectors/adyen/errors.hpp"
#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::adyen::wire {

domain::result<auth> require_auth(const domain::credentials& creds) {
  auto key = creds.require(connector_name, "api_key");
  if (!key) return key.err();
  auto account = creds.require(connector_name, "merchant_account");
  if (!account) return account.err();
  return auth{std::string(*key), std::string(*account)};
}

std::string idempotency_key(std::string_view domain_key) {
  constexpr std::size_t adyen_max = 64;
  if (domain_key.size() <= adyen_max) return std::string(domain_key);
  return sha256_hex(domain_key).substr(0, adyen_max);  // 64 hex characters already
}

domain::http_request make_request(domain::http_method method, std::string_view base,
                                  std::string target, const boost::json::object* body,
                                  const auth& a, std::string_view idem) {
  domain::http_request r;
  r.method = method;
  r.base = std::string(base);
  r.target = std::move(target);
  // Content-Type travels in r.content_type (the transport writes the header), not in headers.
  r.content_type = "application/json";
  r.headers.push_back({"X-API-Key", a.api_key, true});
  r.headers.push_back({"Accept", "application/json", false});
  if (method == domain::http_method::post) {
    r.idempotency_key = std::string(idem);
    r.headers.push_back({"Idempotency-Key", r.idempotency_key, false});
  }
  if (body) r.body = boost::json::serialize(*body);
  return r;
}

domain::result<boost::json::object> amount_json(const domain::money& m, std::string_view field,
                                                bool allow_zero) {
  auto value = currencies().to_wire(m, field, allow_zero);
  if (!value) return std::move(value).err();
  return boost::json::object{{"currency", m.currency}, {"value", *value}};
}

std::optional<domain::money> to_money(std::int64_t adyen_value, std::string_view currency) {
  auto m = currencies().from_wire(adyen_value, currency);
  if (!m) return std::nullopt;
  return std::move(m).value();
}

std::optional<domain::money> read_amount(simdjson::dom::element e, std::string_view key) {
  auto a = json::obj(e, key);
  if (!a) return std::nullopt;
  auto value = json::int64(*a, "value");
  auto currency = json::str(*a, "currency");
  if (!value || currency.empty()) return std::nullopt;
  return to_money(*value, currency);
}

domain::status check_reference(std::string_view value, std::string_view field) {
  if (value.empty()) return domain::missing_field(std::string(field));
  if (value.size() > 64)
    return domain::invalid_argument(std::string(field), "is longer than an Adyen reference");
  for (char c : value) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '-' || c == '_';
    if (!ok)
      return domain::invalid_argument(std::string(field),
                                      "must be an Adyen reference (letters, digits, '-', '_')");
  }
  return domain::ok_status();
}

std::string payment_path(std::string_view psp_reference, std::string_view action) {
  return encoded_path({"payments", psp_reference, action});
}

domain::result<simdjson::dom::element> parse_reply(const domain::http_response& r,
                                                   std::string_view api_key) {
  if (r.status < 200 || r.status > 299) return error_from_response(r, api_key);
  return json::parse(r.body, connector_name);
}

std::string reference_or(std::string_view merchant_reference, std::string_view fallback) {
  return std::string(merchant_reference.empty() ? fallback : merchant_reference);
}

}  // namespace cs::connectors::adyen::wire
