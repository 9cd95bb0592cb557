#pragma once
// Building blocks shared by the Checkout.com flows (internal to this folder): the secret key, the
// request envelope (Bearer key, Cko-Idempotency-Key), ids in paths, the card source and amounts
// as Checkout.com's integers.

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "domain/connector.hpp"

namespace cs::connectors::checkout_com::wire {

inline constexpr std::string_view connector_name = "checkout_com";
// `reference` on payments, captures, voids and refunds: maxLength 50 (nas_spec).
inline constexpr std::size_t max_reference = 50;

struct auth {
  std::string secret_key;  // sk_sbox_… / sk_… (NAS): sent as `Authorization: Bearer <key>`
};

// The secret_key credential, or UNAUTHENTICATED naming it.
domain::result<auth> read_auth(const domain::credentials& creds);

// A JSON POST with the Bearer key (sensitive) and, when `idempotency_key` is given,
// Cko-Idempotency-Key (also the request's idempotency_key, so the pool may retry it).
domain::http_request post(std::string target, const boost::json::object& body, const auth& a,
                          std::string_view idempotency_key);
domain::http_request get(std::string target, const auth& a);

// A payment id as the path takes it (`^(pay|sid)_(\w{26})$`); anything else is refused naming
// `field` before it can reach a path.
domain::status check_payment_id(std::string_view value, std::string_view field);

// A validated card as `{"type":"card", number, expiry_month, expiry_year, cvv?, name?}`; errors
// name `payment_method.card.*`.
domain::result<boost::json::object> card_source(const domain::card& c);

// The money as Checkout.com's integer amount (checked: currency, exactness, nine digits).
domain::result<std::int64_t> amount(const domain::money& m, std::string_view field);
// An integer amount in Checkout.com's units → domain money; nullopt when it has no exact value.
std::optional<domain::money> read_amount(std::int64_t value, std::string_view currency);

// The merchant reference cut to Checkout.com's 50 characters.
std::string reference(std::string_view merchant_reference);

}  // namespace cs::connectors::checkout_com::wire
