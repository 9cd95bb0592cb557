#pragma once
// Razorpay entities (payment, refund, dispute) and create replies read into unified results.
// Every element belongs to the thread's JSON parser: read before the next parse.

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::razorpay {

// A payment entity: status per the mapping, amount, order_id as the operation id, error_* as
// processor_error when failed, token_id (+ customer_id) as the mandate once Razorpay has one.
domain::payment_result read_payment(simdjson::dom::element pay, std::string_view key_secret);

// The reply of a call that answers a payment entity (GET /v1/payments/{id}, capture).
domain::result<domain::payment_result> payment_reply(const domain::http_response& r,
                                                     std::string_view key_secret,
                                                     std::string_view merchant_reference);

domain::refund_result read_refund(simdjson::dom::element refund);
domain::result<domain::refund_result> refund_reply(const domain::http_response& r,
                                                   std::string_view key_secret);

domain::dispute_result read_dispute(simdjson::dom::element dispute);
domain::result<domain::dispute_result> dispute_reply(const domain::http_response& r,
                                                     std::string_view key_secret);

// notes.merchant_reference, which this connector sets on every order, payment and refund.
std::string merchant_reference_of(simdjson::dom::element obj);

// The `id` of a created entity (order_…, cust_…) or the error of the call.
domain::result<std::string> created_id(const domain::http_response& r, std::string_view key_secret,
                                       std::string_view what);

// The reply of POST /v1/payments/create/{json,upi,recurring}:
// {razorpay_payment_id, next:[{action:"redirect", url}]}, or a decline (400 about the payment).
struct payment_created {
  std::string payment_id;
  std::optional<domain::redirect_data> redirect;
  std::string intent_link;  // next[].action "intent": the upi://pay link (UPI intent)
  std::optional<domain::processor_error> decline;
};
domain::result<payment_created> payment_create_reply(const domain::http_response& r,
                                                     std::string_view key_secret);

}  // namespace cs::connectors::razorpay
