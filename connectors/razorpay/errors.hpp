#pragma once
// Razorpay's error replies: {"error":{code, description, source, step, reason, field,
// metadata:{payment_id, order_id}}}. On a payment-create call a 400 that is about the payment
// (the bank or customer said no) is a decline: a result with processor_error. Everything else
// that is not 2xx is a domain error (no answer about the payment).

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/http.hpp"
#include "domain/payment_method.hpp"
#include "domain/result.hpp"

namespace cs::connectors::razorpay {

// Removes what must never reach a client from processor text: the key secret and digit runs
// long enough to be a card number.
std::string scrub(std::string text, std::string_view key_secret);

// A decline's processor_error: code from Razorpay's error_reason.
domain::processor_error decline_error(std::string_view code, std::string_view description,
                                      std::string_view reason, std::string_view key_secret);

// What a call answered. `object` is the 2xx body (it lives in the thread's JSON parser: read
// it before parsing anything else); `decline` is set for a declined payment create, with the
// payment id Razorpay put in error.metadata when it sent one.
struct reply {
  std::optional<simdjson::dom::element> object;
  std::optional<domain::processor_error> decline;
  std::string payment_id;
};

enum class call_kind { other, payment_create };

domain::result<reply> read_reply(const domain::http_response& r, std::string_view key_secret,
                                 call_kind kind = call_kind::other);

// The domain error for a non-2xx reply that is not a decline.
domain::error error_from_response(const domain::http_response& r, std::string_view key_secret);

}  // namespace cs::connectors::razorpay
