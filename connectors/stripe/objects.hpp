#pragma once
// Stripe objects (PaymentIntent, SetupIntent, Refund, Dispute) read into unified results.
// Every element belongs to the thread's JSON parser: read before the next parse.

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::stripe {

// A PaymentIntent: status per the mapping, amounts, latest_charge as the operation id, the
// 3-D Secure redirect (next_action.redirect_to_url.url, GET) and last_payment_error.
domain::payment_result read_payment_intent(simdjson::dom::element pi, std::string_view api_key);

// The reply of a call that answers a PaymentIntent (create, confirm, capture, cancel, GET). A
// 402 decline is a failure result with processor_error, from the embedded intent when present.
domain::result<domain::payment_result> payment_reply(const domain::http_response& r,
                                                     std::string_view api_key,
                                                     std::string_view merchant_reference);

domain::result<domain::refund_result> refund_reply(const domain::http_response& r,
                                                   std::string_view api_key);

domain::result<domain::dispute_result> dispute_reply(const domain::http_response& r,
                                                     std::string_view api_key);

// metadata.merchant_reference, which this connector sets on every object it creates.
std::string merchant_reference_of(simdjson::dom::element obj);

// next_action.redirect_to_url.url as a GET redirect, when Stripe sent one.
std::optional<domain::redirect_data> redirect_of(simdjson::dom::element intent);

// The id of a created object (2xx) or the error; for preparatory steps (customer, payment
// method). A decline comes back in `decline` with an empty id.
struct created {
  std::string id;
  std::optional<domain::processor_error> decline;
};
domain::result<created> created_reply(const domain::http_response& r, std::string_view api_key);

}  // namespace cs::connectors::stripe
