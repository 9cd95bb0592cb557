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
  auth a{std::string(*key), {}};
  if (const auto* channel = creds.find("processing_channel_id")) {
    if (auto s = check_processing_channel(channel->reveal(), "processing_channel_id"); !s)
      return s.err();
    a.processing_channel_id = channel->reveal();
  }
  return a;
}

domain::status check_processing_channel(std::string_view value, std::string_view field) {
  bool lower = value.size() == 29 && value.starts_with("pc_") &&
               std::all_of(value.begin() + 3, value.end(), [](unsigned char c) {
                 return std::islower(c) != 0 || std::isdigit(c) != 0;
               });
  if (!lower)
    return domain::invalid_argument(std::string(field),
                                    "is not a Checkout.com processing channel id (pc_ and 26 "
                                    "lowercase letters or digits)");
  return domain::ok_status();
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

domain::http_request bodiless(domain::http_method m, std::string target, const auth& a) {
  return envelope(m, std::move(target), a);
}

domain::http_request put(std::string target, const boost::json::object& body, const auth& a) {
  auto r = envelope(domain::http_method::put, std::move(target), a);
  r.body = boost::json::serialize(body);
  return r;
}

bool is_id(std::string_view value, std::string_view prefix, std::size_t length) {
  auto word = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; };
  return value.size() == prefix.size() + length && value.starts_with(prefix) &&
         std::all_of(value.begin() + static_cast<std::ptrdiff_t>(prefix.size()), value.end(), word);
}

domain::status check_payment_id(std::string_view value, std::string_view field) {
  if (value.empty()) return domain::missing_field(std::string(field));
  if (!is_id(value, "pay_") && !is_id(value, "sid_"))
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

domain::result<boost::json::object> token_source(std::string_view token) {
  // nas_spec RequestSources: token `^(tok)_(\w{26})$`, id `^(src)_(\w{26})$`.
  if (is_id(token, "tok_")) return boost::json::object{{"type", "token"}, {"token", token}};
  if (is_id(token, "src_")) return boost::json::object{{"type", "id"}, {"id", token}};
  return domain::invalid_argument("payment_method.token",
                                  "is not a Checkout.com card token (tok_ and 26 letters or "
                                  "digits) or stored source id (src_ and 26 letters or digits)");
}

domain::result<boost::json::object> source_of(const domain::payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return domain::missing_field("payment_method");
  if (const auto* c = std::get_if<domain::card>(&m)) return card_source(*c);
  if (const auto* t = std::get_if<domain::processor_token>(&m)) return token_source(t->value);
  return domain::invalid_argument("payment_method",
                                  "the Checkout.com connector takes cards (payment_method.card) "
                                  "and Checkout.com tokens (payment_method.token: tok_… or src_…)");
}

domain::result<boost::json::object> payment_body(const domain::money& m, bool allow_zero,
                                                 std::string_view payment_type,
                                                 std::string_view merchant_reference,
                                                 const auth& a) {
  auto units = amount(m, "amount", allow_zero);
  if (!units) return units.err();
  boost::json::object body{
      {"amount", *units},
      {"currency", m.currency},
      {"payment_type", payment_type},
  };
  if (!merchant_reference.empty()) body["reference"] = reference(merchant_reference);
  if (!a.processing_channel_id.empty()) body["processing_channel_id"] = a.processing_channel_id;
  return body;
}

domain::status add_three_ds(boost::json::object& body, std::string_view return_url) {
  // PaymentRequest success_url / failure_url: format uri, maxLength 255.
  bool web = return_url.starts_with("https://") || return_url.starts_with("http://");
  if (!web || return_url.size() > 255 ||
      std::any_of(return_url.begin(), return_url.end(),
                  [](unsigned char c) { return c <= 0x20 || c >= 0x7f; }))
    return domain::invalid_argument("return_url",
                                    "must be an http(s) URL of at most 255 characters without "
                                    "spaces: Checkout.com sends the shopper back there after 3-D "
                                    "Secure (success_url / failure_url)");
  body["3ds"] = boost::json::object{{"enabled", true}};
  body["success_url"] = return_url;
  body["failure_url"] = return_url;
  return domain::ok_status();
}

std::string mandate_id(std::string_view source_id, std::string_view payment_id) {
  std::string id(source_id);
  id += mandate_separator;
  id += payment_id;
  return id;
}

domain::result<stored_card> read_mandate_id(std::string_view value, std::string_view field) {
  if (value.empty()) return domain::missing_field(std::string(field));
  auto at = value.find(mandate_separator);
  auto source = value.substr(0, at);
  auto payment = at == std::string_view::npos ? std::string_view() : value.substr(at + 1);
  if (!is_id(source, "src_") || !is_id(payment, "pay_"))
    return domain::invalid_argument(
        std::string(field),
        "is not a Checkout.com mandate of this connector: src_….pay_… (the stored card's source "
        "id and the id of the payment that stored it, as SetupMandate returned them)");
  return stored_card{std::string(source), std::string(payment)};
}

domain::result<std::int64_t> amount(const domain::money& m, std::string_view field,
                                    bool allow_zero) {
  if (allow_zero && m.minor_amount == 0) return currencies().to_wire(m, field, true);
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
