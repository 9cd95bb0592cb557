#pragma once
// Checkout.com objects as JSON (nas_spec PaymentResponse, Payment, PaymentAction, Dispute) and
// the figures derived from a payment's actions: its status word and balances. `base` is the
// simulator's "https://127.0.0.1:PORT/checkout_com" for the _links.

#include "checkout_com_state.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace processor_sim::checkout_com {

struct balances {
  std::int64_t total_authorized = 0, total_captured = 0, total_refunded = 0, total_voided = 0;
  std::int64_t available_to_capture = 0, available_to_refund = 0, available_to_void = 0;
};

balances balances_of(const payment& p);
boost::json::object balances_json(const balances& b);
// Pending, Declined, Card Verified, Authorized, Partially Captured, Captured, Partially Refunded,
// Refunded or Voided.
std::string status_of(const payment& p);

// The card as payments show it: no number, no CVV.
boost::json::object source_json(const payment& p);
// The 201 reply of POST /payments (PaymentResponse).
boost::json::object payment_reply_json(const payment& p, const std::string& base);
// The 202 reply of a payment waiting for 3-D Secure (PaymentAcceptedResponse).
boost::json::object pending_reply_json(const payment& p, const std::string& base);
// GET /payments/{id}: the Payment; `by_session` adds the action summaries, as Checkout.com does
// when the payment is fetched by its `sid_`.
boost::json::object payment_json(const payment& p, const std::string& base, bool by_session);
boost::json::object action_json(const action& a);
boost::json::object dispute_json(const dispute& d, const payment& p, const std::string& base);

}  // namespace processor_sim::checkout_com
