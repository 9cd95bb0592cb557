#pragma once
// PayPal's replies in unified terms: error bodies ({name, message, debug_id, details[{issue,
// field, description}]}), the order with the payments under its purchase unit, and the status
// words of orders, authorizations and captures (README.md has the tables).

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::paypal {

// The 2xx body, parsed (it lives in the thread's JSON parser: read it before parsing anything
// else), or the domain error for anything else. A 422 whose issue is a card refusal
// (INSTRUMENT_DECLINED, TRANSACTION_REFUSED) comes back as `decline` instead: the payment was
// answered, with a no.
struct reply {
  std::optional<simdjson::dom::element> object;
  std::optional<domain::processor_error> decline;
};
domain::result<reply> read_reply(const domain::http_response& r, std::string_view access_token);

// `status` of a PayPal object when it is a status word (upper-case letters and underscores, at
// most 40), else "": whatever else a reply puts there must not travel on into results or logs.
std::string status_of(simdjson::dom::element object);

// Authorization.status / Capture.status (payments v2) → unified; unknown words → unrecognized.
domain::payment_status map_authorization_status(std::string_view status) noexcept;
domain::payment_status map_capture_status(std::string_view status) noexcept;
domain::refund_status map_refund_status(std::string_view status) noexcept;
// processor_response.response_code ("5120", "0500", …) → decline code.
domain::decline_code map_response_code(std::string_view code) noexcept;

// What an order says about its payment: the order id as connector_payment_id, the latest
// authorization or capture as the operation and status, PAYER_ACTION_REQUIRED as
// AUTHENTICATION_PENDING with the payer-action link. `needs` is set while the order waits for
// the merchant's authorize or capture call (CREATED / APPROVED).
struct order_view {
  domain::payment_result payment;
  std::string status;                           // the order's own status word
  std::string intent;                           // AUTHORIZE or CAPTURE
  std::string authorization_id;                 // the latest authorization, if any
  std::string capture_id;                       // the latest capture, if any
  std::optional<domain::money> captured_total;  // sum of COMPLETED captures
};
domain::result<order_view> read_order(simdjson::dom::element order,
                                      std::string_view merchant_reference);

}  // namespace cs::connectors::paypal
