// POST /payments: validation (every failing field at once, as one 422 with its error codes), the
// source types (card, stored `src_` here; token and network_token in _sources), 3-D Secure (202
// Pending) and the outcome of the test cards. settle() is shared with the 3-D Secure return.
#include "checkout_com_cards.hpp"
#include "checkout_com_errors.hpp"
#include "checkout_com_fields.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_objects.hpp"
#include "checkout_com_sim.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace processor_sim::checkout_com {
namespace {

constexpr std::array<std::string_view, 5> payment_types{"Regular", "Recurring", "MOTO",
                                                        "Installment", "Unscheduled"};

bool is_url(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

bool is_currency(const std::string& s) {
  return s.size() == 3 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

void simulator::read_source(const boost::json::object& body, payment& p,
                            std::vector<std::string>& errors) {
  const auto* v = body.if_contains("source");
  if (!v || !v->is_object()) {
    errors.push_back("payment_source_required");
    return;
  }
  const auto& src = v->as_object();
  const auto type = string_field(src, "type");
  p.source_type = type.value;
  if (type.value == "card") {
    read_card_details(src, p.details, errors);
  } else if (type.value == "token") {
    read_token(src, p, errors);
  } else if (type.value == "network_token") {
    read_network_token(src, body, p, errors);
  } else if (type.value == "id") {
    const auto id = string_field(src, "id");
    auto stored = id.valid ? sources_.find(id.value) : sources_.end();
    if (!id.present) {
      errors.push_back("source_id_required");
    } else if (stored == sources_.end()) {
      errors.push_back("source_id_invalid");
    } else {
      p.details = stored->second.details;
      p.source_id = stored->first;
    }
    check_cvv(src, errors);
  } else {
    errors.push_back("source_type_invalid");
  }
}

sim_response simulator::create_payment(const boost::json::object& body) {
  std::vector<std::string> errors;
  payment p;
  read_source(body, p, errors);
  const auto amount = int_field(body, "amount");
  if (amount.bad() || (amount.valid && amount.value < 0)) errors.push_back("amount_invalid");
  const auto currency = string_field(body, "currency");
  if (!currency.present) errors.push_back("currency_required");
  if (currency.present && !(currency.valid && is_currency(currency.value))) {
    errors.push_back("currency_invalid");
  }
  const auto type = string_field(body, "payment_type");
  if (type.bad() || (type.valid && std::find(payment_types.begin(), payment_types.end(),
                                             type.value) == payment_types.end())) {
    errors.push_back("payment_type_invalid");
  }
  const auto capture = bool_field(body, "capture");
  if (capture.bad()) errors.push_back("capture_invalid");
  const auto mit = bool_field(body, "merchant_initiated");
  if (mit.bad()) errors.push_back("merchant_initiated_invalid");
  const auto reference = string_field(body, "reference");
  if (reference.bad() || reference.value.size() > 50) errors.push_back("reference_invalid");
  const auto description = string_field(body, "description");
  if (description.bad() || description.value.size() > 100) {
    errors.push_back("description_invalid");
  }
  const auto previous = string_field(body, "previous_payment_id");
  if (previous.bad() || (previous.valid && !payments_.count(previous.value))) {
    errors.push_back("previous_payment_id_invalid");
  }
  const auto channel = string_field(body, "processing_channel_id");
  if (channel.bad() || (channel.valid && !is_id(channel.value, "pc_"))) {
    errors.push_back("processing_channel_id_invalid");
  }
  const auto* metadata = body.if_contains("metadata");
  if (metadata && !metadata->is_object() && !metadata->is_null()) {
    errors.push_back("metadata_invalid");
  }
  bool three_ds = false;
  if (const auto* t = body.if_contains("3ds"); t && !t->is_null()) {
    const auto enabled = t->is_object() ? bool_field(t->as_object(), "enabled") : field<bool>{};
    if (!t->is_object() || enabled.bad()) errors.push_back("3ds_invalid");
    three_ds = enabled.value;
  }
  const auto success_url = string_field(body, "success_url");
  if (success_url.bad() || (success_url.valid && !is_url(success_url.value))) {
    errors.push_back("success_url_invalid");
  }
  const auto failure_url = string_field(body, "failure_url");
  if (failure_url.bad() || (failure_url.valid && !is_url(failure_url.value))) {
    errors.push_back("failure_url_invalid");
  }
  if (!errors.empty()) return validation_error(request_id_, errors);
  if (!p.token_id.empty()) tokens_.at(p.token_id).used = true;  // Checkout's tokens: single use

  p.id = new_id("pay_");
  p.requested_on = iso_time();
  p.idempotency_key = idempotency_key_;
  p.amount = amount.value;
  p.currency = currency.value;
  if (type.valid) p.payment_type = type.value;
  p.capture = !capture.valid || capture.value;
  p.merchant_initiated = mit.value;
  p.reference = reference.value;
  p.description = description.value;
  p.previous_payment_id = previous.value;
  p.processing_channel_id = channel.value;
  if (metadata && metadata->is_object()) p.metadata = metadata->as_object();
  p.success_url = success_url.value;
  p.failure_url = failure_url.value;
  p.three_ds = three_ds;
  if (three_ds) {
    p.session_id = new_id("sid_");
    sessions_[p.session_id] = p.id;
    auto& pending = payments_[p.id] = std::move(p);
    emit_payment("payment_pending", pending, nullptr);
    return json_response(202, pending_reply_json(pending, base()));
  }
  auto& stored = payments_[p.id] = std::move(p);
  settle(stored, outcome_for(stored.details.number).response_code);
  return json_response(201, payment_reply_json(stored, base()));
}

void simulator::settle(payment& p, const std::string& response_code) {
  const bool approved = response_code == "10000";
  p.outcome = approved ? "approved" : "declined";
  p.response_code = response_code;
  p.response_summary = summary_for(response_code);
  if (approved) p.auth_code = random_digits(6);
  {
    action& auth = add_action(p, p.amount == 0 ? "Card Verification" : "Authorization", p.amount,
                              approved, response_code, {});
    auth.auth_code = p.auth_code;
    auth.reference = p.reference;
    p.action_id = auth.id;
  }
  if (!approved) {
    emit_payment("payment_declined", p, &p.actions.back());
    return;
  }
  // Every approved card can be charged again by its `src_` (a stored source keeps its id).
  if (p.source_id.empty()) {
    p.source_id = new_id("src_");
    sources_[p.source_id] = {p.source_id, p.details};
  }
  emit_payment("payment_approved", p, &p.actions.back());
  if (p.amount == 0) return;  // a card verification moves no money
  ++charges_;
  if (!p.idempotency_key.empty()) ++idempotency_[p.idempotency_key].charges;
  if (p.capture) {
    p.captured = p.amount;
    ++captures_;
    action& cap = add_action(p, "Capture", p.amount, true, "10000", {});
    cap.reference = p.reference;
    emit_payment("payment_captured", p, &cap);
  }
}

}  // namespace processor_sim::checkout_com
