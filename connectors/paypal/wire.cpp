#include "connectors/paypal/wire.hpp"

#include <fmt/format.h>

#include <boost/url.hpp>
#include <cctype>
#include <charconv>
#include <limits>

#include "connectors/common/crypto.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/paypal/currencies.hpp"

namespace cs::connectors::paypal::wire {
namespace {

std::string cache_key(const domain::credentials& c) {
  auto id = c.find("client_id");
  auto secret = c.find("client_secret");
  // Distinct credentials, distinct tokens; the key holds no secret in clear.
  return "paypal:" + sha256_hex((id ? id->reveal() : "") + ":" + (secret ? secret->reveal() : ""));
}

domain::result<domain::http_request> token_request(const domain::credentials& c) {
  auto id = c.require(connector_name, "client_id");
  if (!id) return id.err();
  auto secret = c.require(connector_name, "client_secret");
  if (!secret) return secret.err();
  domain::http_request r;
  r.method = domain::http_method::post;
  r.target = "/v1/oauth2/token";
  r.content_type = "application/x-www-form-urlencoded";
  r.body = "grant_type=client_credentials";
  r.headers.push_back({"Authorization",
                       "Basic " + base64_encode(std::string(*id) + ":" + std::string(*secret)),
                       true});
  r.headers.push_back({"Accept", "application/json", false});
  return r;
}

// The token reply is never echoed: its body is the token.
domain::result<domain::issued_token> read_token(const domain::http_response& r) {
  if (r.status == 401 || r.status == 403)
    return domain::make_error(domain::error_code::unauthenticated,
                              domain::reason::missing_credentials,
                              fmt::format("PayPal refused the client_id/client_secret (HTTP {} on "
                                          "/v1/oauth2/token)",
                                          r.status));
  if (r.status != 200)
    return domain::make_error(
        domain::error_code::unavailable, domain::reason::processor_error,
        fmt::format("PayPal answered HTTP {} to the token request", r.status));
  auto doc = json::parse(r.body, connector_name);
  if (!doc) return doc.err();
  auto token = json::str(*doc, "access_token");
  auto lifetime = json::int64(*doc, "expires_in");
  if (token.empty() || !lifetime || *lifetime <= 0)
    return domain::make_error(domain::error_code::unavailable, domain::reason::bad_processor_reply,
                              "PayPal's token reply has no access_token or expires_in");
  return domain::issued_token{domain::secret<std::string>(std::move(token)),
                              std::chrono::seconds(*lifetime)};
}

const domain::token_source source{&cache_key, &token_request, &read_token};

domain::http_request envelope(domain::http_method m, std::string target, const auth& a) {
  domain::http_request r;
  r.method = m;
  r.target = std::move(target);
  r.headers.push_back({"Authorization", "Bearer " + a.access_token, true});
  r.headers.push_back({"Prefer", "return=representation", false});
  r.headers.push_back({"Accept", "application/json", false});
  return r;
}

}  // namespace

domain::result<auth> require_auth(const domain::credentials& creds) {
  auto id = creds.require(connector_name, "client_id");
  if (!id) return id.err();
  auto token = creds.require(connector_name, domain::access_token_key);
  if (!token) return token.err();
  return auth{std::string(*id), std::string(*token)};
}

const domain::token_source& token_source() noexcept {
  return source;
}

std::string request_id(std::string_view idempotency_key, std::string_view step) {
  std::string id(idempotency_key);
  if (!step.empty()) id += ":" + std::string(step);
  return id.size() <= max_request_id ? id : sha256_hex(id);
}

domain::http_request post(std::string target, const boost::json::object* body, const auth& a,
                          std::string_view request_id) {
  auto r = envelope(domain::http_method::post, std::move(target), a);
  if (body) r.body = boost::json::serialize(*body);
  if (!request_id.empty()) {
    r.headers.push_back({"PayPal-Request-Id", std::string(request_id), false});
    r.idempotency_key = std::string(request_id);
  }
  return r;
}

domain::http_request get(std::string target, const auth& a) {
  auto r = envelope(domain::http_method::get, std::move(target), a);
  r.content_type.clear();
  return r;
}

domain::http_request del(std::string target, const auth& a) {
  auto r = envelope(domain::http_method::del, std::move(target), a);
  r.content_type.clear();
  return r;
}

domain::result<boost::json::object> card_json(const domain::card& c,
                                              const std::string& return_url) {
  if (auto s = domain::validate_card(c, "payment_method.card"); !s) return s.err();
  boost::json::object card{
      {"number", c.number.reveal()},
      {"expiry", fmt::format("{:04d}-{:02d}", c.expiry_year, c.expiry_month)},
  };
  if (!c.cvc.reveal().empty()) card["security_code"] = c.cvc.reveal();
  if (!c.holder_name.empty()) card["name"] = c.holder_name;
  if (!return_url.empty()) card["experience_context"] = return_context(return_url);
  return card;
}

boost::json::object return_context(const std::string& return_url) {
  return boost::json::object{{"return_url", return_url}, {"cancel_url", return_url}};
}

domain::status check_id(std::string_view value, std::string_view field, std::string_view what) {
  if (value.empty()) return domain::missing_field(std::string(field));
  if (value.size() > 36 || !std::all_of(value.begin(), value.end(),
                                        [](unsigned char c) { return std::isalnum(c) != 0; }))
    return domain::invalid_argument(
        std::string(field), fmt::format("is not a PayPal {} id (letters and digits)", what));
  return domain::ok_status();
}

domain::result<boost::json::object> money_json(const domain::money& m, std::string_view field) {
  auto units = currencies().to_wire(m, field);
  if (!units) return units.err();
  auto exponent = currencies().find(m.currency)->exponent;
  std::string value = std::to_string(*units);
  if (exponent > 0) {
    if (value.size() <= static_cast<std::size_t>(exponent))
      value.insert(0, static_cast<std::size_t>(exponent) + 1 - value.size(), '0');
    value.insert(value.size() - static_cast<std::size_t>(exponent), ".");
  }
  return boost::json::object{{"currency_code", m.currency}, {"value", value}};
}

std::optional<domain::money> read_money(simdjson::dom::element e, std::string_view key) {
  auto o = json::obj(e, key);
  if (!o) return std::nullopt;
  auto code = json::str(*o, "currency_code");
  auto value = json::str(*o, "value");
  auto dot = value.find('.');
  std::string digits = value.substr(0, dot);
  std::size_t decimals = 0;
  if (dot != std::string::npos) {
    decimals = value.size() - dot - 1;
    digits += value.substr(dot + 1);
  }
  if (digits.empty() || decimals > 18 ||
      !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  std::int64_t units = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), units).ec != std::errc{})
    return std::nullopt;
  // PayPal writes "10.00" or "10.5": bring it to the table's decimals before converting.
  auto* rule = currencies().find(code);
  int exponent = rule ? rule->exponent : static_cast<int>(decimals);
  for (; static_cast<int>(decimals) < exponent; ++decimals) {
    if (units > std::numeric_limits<std::int64_t>::max() / 10) return std::nullopt;
    units *= 10;
  }
  if (static_cast<int>(decimals) > exponent) return std::nullopt;
  auto m = currencies().from_wire(units, code);
  if (!m) return std::nullopt;
  return *m;
}

}  // namespace cs::connectors::paypal::wire
