// Capture (full amount only) and refunds (partial, several, X-Refund-Idempotency).

#include "razorpay_errors.hpp"
#include "razorpay_json.hpp"
#include "razorpay_sim.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace processor_sim::razorpay {

sim_response simulator::capture(const std::string& id, const boost::json::object& body) {
  auto it = payments_.find(id);
  if (it == payments_.end()) return id_not_found();
  payment& p = it->second;
  sim_response err;
  auto amount = int_field(body, "amount", true, &err);
  if (!amount) return err;
  auto currency = string_field(body, "currency", true, &err);
  if (!currency) return err;
  for (auto& ch : *currency) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (p.captured) return bad_request("This payment has already been captured");
  if (p.status != "authorized") {
    return bad_request(
        "Only payments which have been authorized and not yet captured can be captured");
  }
  if (*amount != p.amount) {
    return bad_request("Capture amount must be equal to the amount authorized", "amount");
  }
  if (*currency != p.currency) {
    return bad_request("The currency should be the same as the payment currency.", "currency");
  }
  capture_now(p);
  return json_response(200, payment_json(p));
}

sim_response simulator::create_refund(const sim_request& req, const std::string& id,
                                      const boost::json::object& body) {
  auto it = payments_.find(id);
  if (it == payments_.end()) return id_not_found();
  payment& p = it->second;
  const std::string key = req.header("x-refund-idempotency");
  if (!key.empty()) {
    if (auto known = refund_keys_.find(key); known != refund_keys_.end()) {
      const refund& r = refunds_.at(known->second);
      if (r.payment_id != id) {
        return bad_request("The idempotency key was already used for a refund of another payment.");
      }
      if (r.status == "pending") {
        api_error e;
        e.status = 409;
        e.description = "A refund request with the same idempotency key is being processed.";
        return error_reply(e);
      }
      return json_response(200, refund_json(r));
    }
  }
  if (!p.captured) return bad_request("Only captured payments can be refunded");
  const std::int64_t remaining = p.amount - p.amount_refunded;
  if (remaining <= 0) return bad_request("The payment has been fully refunded already");
  sim_response err;
  auto amount = int_field(body, "amount", false, &err);
  if (!amount) return err;
  if (!body.if_contains("amount") || body.at("amount").is_null()) *amount = remaining;
  if (*amount <= 0) return bad_request("The amount must be at least 1.", "amount");
  if (*amount > remaining) {
    return bad_request("The refund amount provided is greater than amount captured", "amount");
  }
  auto speed = string_field(body, "speed", false, &err);
  if (!speed) return err;
  if (speed->empty()) *speed = "normal";
  if (*speed != "normal" && *speed != "optimum") {
    return bad_request("The selected speed is invalid.", "speed");
  }
  auto receipt = string_field(body, "receipt", false, &err);
  if (!receipt) return err;
  auto notes = notes_field(body, &err);
  if (!notes) return err;

  refund r;
  r.id = new_id("rfnd");
  r.payment_id = p.id;
  r.currency = p.currency;
  r.amount = *amount;
  r.speed_requested = *speed;
  r.receipt = *receipt;
  r.notes = std::move(*notes);
  r.idempotency_key = key;
  r.created_at = unix_now();
  r.due = std::chrono::steady_clock::now() + std::chrono::milliseconds(cfg_.refund_delay_ms);
  p.amount_refunded += r.amount;
  refresh_refund_status(p);
  if (!key.empty()) refund_keys_[key] = r.id;
  refund& stored = refunds_.emplace(r.id, std::move(r)).first->second;
  emit("refund.created", stored.id,
       {{"refund", {{"entity", refund_json(stored)}}}, {"payment", {{"entity", payment_json(p)}}}});
  if (cfg_.refund_delay_ms == 0) {
    settle_refund(stored, "processed");
  } else {
    schedule(due_kind::refund, stored.id, stored.due);
  }
  return json_response(200, refund_json(stored));
}

void simulator::settle_refund(refund& r, const std::string& status) {
  payment& p = payments_.at(r.payment_id);
  r.status = status;
  if (status == "failed") {
    p.amount_refunded -= r.amount;
    refresh_refund_status(p);
  }
  emit(status == "failed" ? "refund.failed" : "refund.processed", r.id,
       {{"refund", {{"entity", refund_json(r)}}}, {"payment", {{"entity", payment_json(p)}}}});
}

void simulator::refresh_refund_status(payment& p) {
  if (p.amount_refunded == 0) {
    p.refund_status.clear();
  } else {
    p.refund_status = p.amount_refunded >= p.amount ? "full" : "partial";
  }
  if (p.captured) p.status = p.refund_status == "full" ? "refunded" : "captured";
}

}  // namespace processor_sim::razorpay
