#pragma once
// Building blocks shared by the Stripe flows (internal to this folder): credentials, the request
// envelope, per-step idempotency keys, ids in paths, money on the wire and reply parsing.

#include <simdjson.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/common/flow_steps.hpp"
#include "connectors/stripe/form.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::stripe::wire {

inline constexpr std::string_view connector_name = "stripe";
inline constexpr std::string_view api_version = "2023-08-16";  // the spec's version, pinned
inline constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";
inline constexpr std::size_t max_idempotency_key = 255;

domain::result<std::string> require_api_key(const domain::credentials& creds);

// The Idempotency-Key of one step: "<key>" for the flow's main call, "<key>:<step>" for a
// preparatory call (payment_method, customer), so each step replays on its own. Keys that would
// exceed Stripe's 255 characters use the hex SHA-256 of the request key instead (stable).
std::string step_key(std::string_view request_key, std::string_view step = {});

// A request to api.stripe.com: Authorization (sensitive), Stripe-Version and, on POST, the
// Idempotency-Key header and field. GET carries no body.
domain::http_request post(std::string target, const form& body, std::string_view api_key,
                          std::string idempotency_key);
domain::http_request get(std::string target, std::string_view api_key);

// "/v1/<collection>/<id>[/<action>]" with the segments encoded by Boost.URL.
std::string path(std::string_view collection, std::string_view id, std::string_view action = {});

// A Stripe object id ("pi_…", "pm_card_visa"): one of the prefixes, then letters, digits, '_'.
// Anything else is refused before it can reach a URL path or a form.
domain::status check_id(std::string_view value, std::string_view field,
                        std::initializer_list<std::string_view> prefixes, std::string_view what);

// Amount and currency as Stripe takes them (Stripe's units, lower-case code); an amount with no
// exact value in Stripe's units is refused naming `field`.
domain::status add_money(form& f, const domain::money& m, std::string_view field);
// One amount in Stripe's units under `key` (amount_to_capture, a refund's amount).
domain::status add_amount(form& f, std::string_view key, const domain::money& m,
                          std::string_view field);
// A Stripe amount of `currency` (any case) → domain money; nullopt when it has no exact value in
// ISO minor units (never rounded).
std::optional<domain::money> to_money(std::int64_t stripe_amount, std::string_view currency);
std::string lower(std::string_view s);
std::string upper(std::string_view s);
// {"amount": 1000, "currency": "usd"} on a Stripe object → domain money (upper-case code).
std::optional<domain::money> read_money(simdjson::dom::element obj,
                                        std::string_view amount_key = "amount");

// Metadata keys Stripe accepts (≤ 40 characters, no brackets); names `field` in the error.
domain::status check_metadata(const std::map<std::string, std::string>& metadata);
// The request's metadata plus merchant_reference (read back from webhooks and results).
void add_metadata(form& f, const std::map<std::string, std::string>& metadata,
                  std::string_view merchant_reference);

}  // namespace cs::connectors::stripe::wire
