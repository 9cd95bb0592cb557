// POST /payments/{id}/captures, /voids and /refunds. Checkout.com only *accepts* these (202 with
// the action id); the simulator completes them at once, so the outcome is already in
// GET /payments/{id}/actions, in the payment's status and balances, and on its way by webhook.
#include "checkout_com_cards.hpp"
#include "checkout_com_errors.hpp"
#include "checkout_com_fields.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_objects.hpp"
#include "checkout_com_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::checkout_com {
namespace {

// reference (≤ 50) and metadata, which every action request may carry.
void check_common(const boost::json::object& body, std::vector<std::string>& errors) {
  const auto reference = string_field(body, "reference");
  if (reference.bad() || reference.value.size() > 50) errors.push_back("reference_invalid");
  const auto* metadata = body.if_contains("metadata");
  if (metadata && !metadata->is_object() && !metadata->is_null()) {
    errors.push_back("metadata_invalid");
  }
}

// `amount`: omitted = everything available; otherwise a positive integer.
field<std::int64_t> read_amount(const boost::json::object& body, std::vector<std::string>& errors) {
  const auto amount = int_field(body, "amount");
  if (amount.bad() || (amount.valid && amount.value <= 0)) errors.push_back("amount_invalid");
  return amount;
}

}  // namespace

action& simulator::add_action(payment& p, const std::string& type, std::int64_t amount,
                              bool approved, const std::string& code,
                              const boost::json::object& body) {
  action a;
  a.id = new_id("act_");
  a.type = type;
  a.amount = amount;
  a.approved = approved;
  a.response_code = code;
  a.response_summary = summary_for(code);
  a.processed_on = iso_time();
  a.reference = string_field(body, "reference").value;
  if (const auto* m = body.if_contains("metadata"); m && m->is_object()) {
    a.metadata = m->as_object();
  }
  p.actions.push_back(std::move(a));
  return p.actions.back();
}

sim_response simulator::accepted(const payment& p, const action& a) const {
  boost::json::object out{{"action_id", a.id}};
  if (!a.reference.empty()) out["reference"] = a.reference;
  out["_links"] = {{"payment", {{"href", base() + "/payments/" + p.id}}}};
  return json_response(202, out);
}

sim_response simulator::capture(payment& p, const boost::json::object& body) {
  std::vector<std::string> errors;
  const auto amount = read_amount(body, errors);
  const auto type = string_field(body, "capture_type");
  if (type.bad() || (type.valid && type.value != "Final" && type.value != "NonFinal")) {
    errors.push_back("capture_type_invalid");
  }
  check_common(body, errors);
  if (!errors.empty()) return validation_error(request_id_, errors);
  const std::int64_t available = balances_of(p).available_to_capture;
  const std::int64_t value = amount.valid ? amount.value : available;
  if (available == 0 || value > available) return not_allowed(request_id_, "capture_not_allowed");
  p.captured += value;
  if (type.value == "Final") p.final_capture = true;
  ++captures_;
  action& a = add_action(p, "Capture", value, true, "10000", body);
  emit_payment("payment_captured", p, &a);
  return accepted(p, a);
}

sim_response simulator::void_payment(payment& p, const boost::json::object& body) {
  std::vector<std::string> errors;
  check_common(body, errors);
  if (!errors.empty()) return validation_error(request_id_, errors);
  // Only an authorization nothing was captured from can be voided (the whole of it).
  const std::int64_t available = balances_of(p).available_to_void;
  if (available == 0) return not_allowed(request_id_, "void_not_allowed");
  p.voided = available;
  ++voids_;
  action& a = add_action(p, "Void", available, true, "10000", body);
  emit_payment("payment_voided", p, &a);
  return accepted(p, a);
}

sim_response simulator::refund(payment& p, const boost::json::object& body) {
  std::vector<std::string> errors;
  const auto amount = read_amount(body, errors);
  check_common(body, errors);
  if (!errors.empty()) return validation_error(request_id_, errors);
  const std::int64_t available = balances_of(p).available_to_refund;
  const std::int64_t value = amount.valid ? amount.value : available;
  if (available == 0 || value > available) return not_allowed(request_id_, "refund_not_allowed");
  // Sim trigger: an amount ending in 05 is declined by the issuer (after the 202, like a real
  // refund that fails later), so a client can test its refund-failure path.
  if (value % 100 == 5) {
    ++refund_declines_;
    action& a = add_action(p, "Refund", value, false, refund_declined_code, body);
    emit_payment("payment_refund_declined", p, &a);
    return accepted(p, a);
  }
  p.refunded += value;
  ++refunds_;
  action& a = add_action(p, "Refund", value, true, "10000", body);
  emit_payment("payment_refunded", p, &a);
  return accepted(p, a);
}

}  // namespace processor_sim::checkout_com
