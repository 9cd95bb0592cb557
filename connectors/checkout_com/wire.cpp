#include "connectors/checkout_com/wire.hpp"

#include <algorithm>
#include <cctype>

#include "connectors/checkout_com/currencies.hpp"

namespace cs::connectors::checkout_com::wire {
namespace {

domain::http_request envelope(domain::http_method m, std::string target, const auth& a) {
  domain::http_request r;
  r.method = m;
  r.target = std::move(target);
  // NAS keys are Bearer tokens; the previous platform's (sk_test_<uuid>) went bare, and are not
  // taken here (secret_shape refuses them).
  r.headers.push_back({"Authorization", "Bearer " + a.secret_key, true});
  r.headers.push_back({"Accept", "application/json", false});
  return r;
}

}  // namespace

domain::result<auth> read_auth(const domain::credentials& creds) {
  auto key = creds.require(connector_name, "secret_key");
  if (!key) return key.err();
  return auth{std::string(*key)};
}

domain::http_request post(std::string target, const boost::json::object& body, const auth& a,
                          std::string_view idempotency_key) {
  auto r = envelope(domain::http_method::post, std::move(target), a);
  r.body = boost::json::serialize(body);
  if (!idempotency_key.empty()) {
    r.headers.push_back({"Cko-Idempotency-Key", std::string(idempotency_key), false});
    r.idempotency_key = std::string(idempotency_key);
  }
  return r;
}

domain::http_request get(std::string target, const auth& a) {
  auto r = envelope(domain::http_method::get, std::move(target), a);
  r.content_type.clear();
  return r;
}

domain::status check_payment_id(std::string_view value, std::string_view field) {
  if (value.empty()) return domain::missing_field(std::string(field));
  auto word = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; };
  bool prefix = value.starts_with("pay_") || value.starts_with("sid_");
  if (!prefix || value.size() != 30 || !std::all_of(value.begin() + 4, value.end(), word))
    return domain::invalid_argument(
        std::string(field), "is not a Checkout.com payment id (pay_ and 26 letters or digits)");
  return domain::ok_status();
}

domain::result<boost::json::object> card_source(const domain::card& c) {
  if (auto s = domain::validate_card(c, "payment_method.card"); !s) return s.err();
  boost::json::object src{
      {"type", "card"},
      {"number", c.number.reveal()},
      {"expiry_month", c.expiry_month},
      {"expiry_year", c.expiry_year},
  };
  if (!c.cvc.reveal().empty()) src["cvv"] = c.cvc.reveal();
  if (!c.holder_name.empty()) src["name"] = c.holder_name;
  return src;
}

domain::result<std::int64_t> amount(const domain::money& m, std::string_view field) {
  if (auto s = check_amount(m, field); !s) return s.err();
  return currencies().to_wire(m, field);
}

std::optional<domain::money> read_amount(std::int64_t value, std::string_view currency) {
  auto m = currencies().from_wire(value, currency);
  if (!m) return std::nullopt;
  return *m;
}

std::string reference(std::string_view merchant_reference) {
  return std::string(merchant_reference.substr(0, max_reference));
}

}  // namespace cs::connectors::checkout_com::wire
