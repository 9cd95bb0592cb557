#pragma once
// Building blocks shared by the PayPal flows (internal to this folder): credentials and the
// OAuth2 token, the request envelope (Bearer token, PayPal-Request-Id), ids in paths and money
// as PayPal's decimal strings.

#include <simdjson.h>
#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "domain/connector.hpp"

namespace cs::connectors::paypal::wire {

inline constexpr std::string_view connector_name = "paypal";
// PayPal-Request-Id: at most 108 characters (Orders v2 components.parameters).
inline constexpr std::size_t max_request_id = 108;

struct auth {
  std::string client_id;
  std::string access_token;  // from the pool's token cache (token_source below)
};

// client_id and the access token, or UNAUTHENTICATED naming the missing credential.
domain::result<auth> require_auth(const domain::credentials& creds);

// POST /v1/oauth2/token (Basic client_id:client_secret, grant_type=client_credentials), the
// reply's access_token and expires_in, and the cache key (a hash of both credentials).
const domain::token_source& token_source() noexcept;

// A JSON request with `Authorization: Bearer` (sensitive) and `Prefer: return=representation`;
// a mutating one also carries PayPal-Request-Id = `request_id` (the hex SHA-256 of the key when
// it exceeds 108 characters, stable across retries).
domain::http_request post(std::string target, const boost::json::object* body, const auth& a,
                          std::string_view request_id);
domain::http_request get(std::string target, const auth& a);
domain::http_request del(std::string target, const auth& a);
std::string request_id(std::string_view idempotency_key, std::string_view step = {});

// A PayPal id (order, authorization, capture, refund): letters and digits, at most 36; anything
// else is refused naming `field` before it can reach a path.
domain::status check_id(std::string_view value, std::string_view field, std::string_view what);

// A validated card as PayPal's `payment_source.card` (number, expiry "YYYY-MM", security_code and
// name when given), with `experience_context` (return_context) when `return_url` is given — where
// PayPal sends the payer back after 3-D Secure. Errors name `payment_method.card.*`.
domain::result<boost::json::object> card_json(const domain::card& c, const std::string& return_url);
// {"return_url", "cancel_url"}: both the merchant's return URL.
boost::json::object return_context(const std::string& return_url);

// {"currency_code", "value"} with the value a decimal string in PayPal's decimals ("10.00",
// JPY "1000"); an amount without an exact value there is refused naming `field`.
domain::result<boost::json::object> money_json(const domain::money& m, std::string_view field);
// PayPal's {"currency_code", "value"} → domain money; nullopt when absent, malformed or not exact.
std::optional<domain::money> read_money(simdjson::dom::element e, std::string_view key = "amount");

}  // namespace cs::connectors::paypal::wire
