#pragma once
// The simulator's in-memory view of Razorpay entities. Card numbers stay in memory only (they
// pick the test behaviour) and never appear in a reply or a log.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace processor_sim::razorpay {

using steady_time = std::chrono::steady_clock::time_point;

struct order {
  std::string id, currency, receipt, status = "created";  // created, attempted, paid
  std::string customer_id, method;
  std::int64_t amount = 0, amount_paid = 0, created_at = 0;
  unsigned attempts = 0;
  bool auto_capture = false;
  bool wants_token = false;         // token{...} present: a successful card payment creates a token
  boost::json::object token_terms;  // max_amount, expire_at, frequency
  boost::json::value notes;
  std::vector<std::string> payments;
  unsigned successful_payments = 0;  // authorized (or captured) payments: > 1 = double charge
};

struct card_details {
  std::string id, name, last4, network, number;  // number: in memory only
  std::int64_t expiry_month = 0, expiry_year = 0;
};

struct payment {
  std::string id, order_id, currency, status = "created", method;
  std::string email, contact, description, vpa, customer_id, token_id, callback_url;
  std::string upi_flow;    // "intent" for a UPI intent payment (no VPA until the app pays)
  std::string bank_token;  // guards the bank page URL
  std::string error_code, error_description, error_source, error_step, error_reason;
  std::string refund_status;  // "", partial, full
  std::int64_t amount = 0, amount_refunded = 0, created_at = 0;
  std::optional<std::int64_t> fee, tax;
  bool captured = false, recurring = false;
  std::optional<card_details> card;
  boost::json::value notes;
  std::string dispute_id;
  // Asynchronous outcome (UPI): settled by run_due() once due (queued in simulator::due_).
  std::string pending_outcome;  // "", "success", "failure"
  steady_time due{};
};

struct refund {
  std::string id, payment_id, currency, receipt, status = "pending";  // pending, processed, failed
  std::string speed_requested = "normal", idempotency_key;
  std::int64_t amount = 0, created_at = 0;
  boost::json::value notes;
  steady_time due{};
};

struct customer {
  std::string id, name, email, contact, gstin;
  std::int64_t created_at = 0;
  boost::json::value notes;
};

struct token {
  std::string id, customer_id, token_value, method = "card", status = "active";
  card_details card;
  std::int64_t created_at = 0, expired_at = 0, used_at = 0, max_amount = 0, expire_at = 0;
  std::string frequency;
  bool deleted = false;
};

struct dispute {
  std::string id, payment_id, currency, reason_code = "chargeback", status = "open";
  std::string phase = "chargeback";
  std::int64_t amount = 0, amount_deducted = 0, created_at = 0, respond_by = 0;
  boost::json::object evidence;  // every field, unset ones null
};

}  // namespace processor_sim::razorpay
