#pragma once
// Building blocks shared by the Checkout.com flows (internal to this folder): the secret key and
// the optional processing channel, the request envelope (Bearer key, Cko-Idempotency-Key), ids in
// paths, the payment sources (card, token, stored id) and amounts as Checkout.com's integers.

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
  // Optional: the NAS processing channel (pc_…) sent on POST /payments when set.
  std::string processing_channel_id;
};

// The secret_key credential (UNAUTHENTICATED naming it when missing) and the optional
// `processing_channel_id` credential (INVALID_ARGUMENT naming it when it is not pc_ and 26
// lowercase letters or digits).
domain::result<auth> read_auth(const domain::credentials& creds);
// The shape of a processing channel id: `pc_` and 26 lowercase letters or digits.
domain::status check_processing_channel(std::string_view value, std::string_view field);

// A JSON POST with the Bearer key (sensitive) and, when `idempotency_key` is given,
// Cko-Idempotency-Key (also the request's idempotency_key, so the pool may retry it).
domain::http_request post(std::string target, const boost::json::object& body, const auth& a,
                          std::string_view idempotency_key);
domain::http_request get(std::string target, const auth& a);
// A call without a body and without Cko-Idempotency-Key (dispute actions, instrument deletion:
// the spec gives them neither): POST / DELETE.
domain::http_request bodiless(domain::http_method m, std::string target, const auth& a);
// A JSON PUT (dispute evidence), without Cko-Idempotency-Key.
domain::http_request put(std::string target, const boost::json::object& body, const auth& a);

// A payment id as the path takes it (`^(pay|sid)_(\w{26})$`); anything else is refused naming
// `field` before it can reach a path.
domain::status check_payment_id(std::string_view value, std::string_view field);
// `value` is `prefix` followed by exactly `length` word characters (letters, digits, `_`), the
// spec's `^(prefix)_(\w{length})$`; prefix includes the underscore ("act_", "src_").
bool is_id(std::string_view value, std::string_view prefix, std::size_t length = 26);

// A validated card as `{"type":"card", number, expiry_month, expiry_year, cvv?, name?}`; errors
// name `payment_method.card.*`.
domain::result<boost::json::object> card_source(const domain::card& c);
// A token the processor holds as a source: `tok_…` (Frames / mobile SDK card token) as
// `{"type":"token","token"}`, `src_…` (a stored card) as `{"type":"id","id"}`; anything else is
// INVALID_ARGUMENT naming `payment_method.token`.
domain::result<boost::json::object> token_source(std::string_view token);
// The payment method as a source: card or token; others INVALID_ARGUMENT naming payment_method.
domain::result<boost::json::object> source_of(const domain::payment_method& m);

// The fields every POST /payments of this connector shares: amount, currency, payment_type,
// reference (≤ 50), processing_channel_id when configured.
domain::result<boost::json::object> payment_body(const domain::money& m, bool allow_zero,
                                                 std::string_view payment_type,
                                                 std::string_view merchant_reference,
                                                 const auth& a);
// `3ds: {enabled: true}`, success_url and failure_url (both the return URL: the shopper comes
// back there either way, with cko-session-id); INVALID_ARGUMENT naming `return_url` when it is
// not an http(s) URL of at most 255 characters.
domain::status add_three_ds(boost::json::object& body, std::string_view return_url);

// A mandate as this connector hands it out: `<src_…>.<pay_…>` — the stored card (source.id)
// and the customer-initiated payment that stored it (previous_payment_id of every later
// merchant-initiated payment). `.` because the API's ids take `[A-Za-z0-9-_.~=+]` only.
inline constexpr char mandate_separator = '.';
std::string mandate_id(std::string_view source_id, std::string_view payment_id);
struct stored_card {
  std::string source_id;   // src_…
  std::string payment_id;  // pay_…
};
// INVALID_ARGUMENT naming `field` unless `value` is `src_<26>.pay_<26>`.
domain::result<stored_card> read_mandate_id(std::string_view value, std::string_view field);

// The money as Checkout.com's integer amount (checked: currency, exactness, nine digits).
domain::result<std::int64_t> amount(const domain::money& m, std::string_view field,
                                    bool allow_zero = false);
// An integer amount in Checkout.com's units → domain money; nullopt when it has no exact value.
std::optional<domain::money> read_amount(std::int64_t value, std::string_view currency);

// The merchant reference cut to Checkout.com's 50 characters.
std::string reference(std::string_view merchant_reference);

}  // namespace cs::connectors::checkout_com::wire
