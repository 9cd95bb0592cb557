#pragma once
// Stripe's replies: {"error":{type, code, decline_code, message, param, payment_intent, …}}.
// A 402 card_error is a decline (an answer: a result with processor_error); every other non-2xx
// is a domain error (no answer about the payment).

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/http.hpp"
#include "domain/payment_method.hpp"
#include "domain/result.hpp"

namespace cs::connectors::stripe {

// Removes what must never reach a client from processor text: the API key itself, anything
// shaped like a Stripe secret (sk_…, rk_…, whsec_…) and digit runs long enough to be a card
// number.
std::string scrub(std::string text, std::string_view api_key);

// A decline's processor_error: code mapped from decline_code (preferred) or code.
domain::processor_error decline_error(std::string_view code, std::string_view decline_code,
                                      std::string_view message, std::string_view api_key);

// What a call answered. `object` is the 2xx body, or for a decline the object Stripe embedded
// in the error under `embedded` (payment_intent, setup_intent) when it sent one. The element
// lives in the thread's JSON parser: read it before parsing anything else.
struct reply {
  std::optional<simdjson::dom::element> object;
  std::optional<domain::processor_error> decline;
};

domain::result<reply> read_reply(const domain::http_response& r, std::string_view api_key,
                                 std::string_view embedded = {});

// The domain error for a non-2xx reply that is not a decline.
domain::error error_from_response(const domain::http_response& r, std::string_view api_key);

}  // namespace cs::connectors::stripe
