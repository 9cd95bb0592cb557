// Refunds and disputes.

#include "stripe_amounts.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

namespace processor_sim::stripe {
namespace {

constexpr std::int64_t seconds_to_respond = 7 * 24 * 3600;

bool needs_response(const dispute& d) {
  return d.status == "needs_response" || d.status == "warning_needs_response";
}

}  // namespace

sim_response simulator::create_refund(const form& f) {
  const std::string pi_id = f.get("payment_intent");
  std::string ch_id = f.get("charge");
  if (pi_id.empty() && ch_id.empty()) {
    return invalid_request(
        "One of the following params should be provided for this request: payment_intent or "
        "charge.",
        "", "parameter_missing");
  }
  if (!pi_id.empty()) {
    auto it = intents_.find(pi_id);
    if (it == intents_.end()) return resource_missing("payment_intent", pi_id, "payment_intent");
    if (it->second.status != "succeeded") {
      return invalid_request(
          "This PaymentIntent (" + pi_id + ") does not have a successful charge to refund.",
          "payment_intent", "charge_not_refundable");
    }
    ch_id = it->second.latest_charge;
  }
  auto ch_it = charges_.find(ch_id);
  if (ch_it == charges_.end()) return resource_missing("charge", ch_id, "charge");
  auto& ch = ch_it->second;
  if (ch.status != "succeeded" || !ch.captured) {
    return invalid_request("Charge " + ch.id + " has not been captured and cannot be refunded.",
                           "charge", "charge_not_refundable");
  }
  const std::int64_t remaining = ch.amount_captured - ch.amount_refunded;
  if (remaining <= 0) {
    return invalid_request("Charge " + ch.id + " has already been refunded.", "",
                           "charge_already_refunded");
  }
  std::int64_t amount = remaining;
  if (f.has("amount")) {
    auto v = parse_int(f.get("amount"));
    if (!v) return invalid_integer("amount", f.get("amount"));
    if (*v < 1) {
      return invalid_request("Invalid positive integer", "amount", "parameter_invalid_integer");
    }
    if (*v > remaining) {
      return invalid_request("Refund amount (" + format_amount(*v, ch.currency) +
                                 ") is greater than unrefunded amount on charge (" +
                                 format_amount(remaining, ch.currency) + ")",
                             "amount", "amount_too_large");
    }
    amount = *v;
  }
  const std::string reason = f.get("reason");
  if (f.has("reason") && reason != "duplicate" && reason != "fraudulent" &&
      reason != "requested_by_customer") {
    return invalid_request(
        "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
  }
  refund r;
  r.id = new_id("re_");
  r.charge = ch.id;
  r.payment_intent = ch.payment_intent;
  r.currency = ch.currency;
  r.amount = amount;
  r.reason = reason;
  r.metadata = metadata_json(f);
  r.created = unix_now();
  ch.amount_refunded += amount;
  const auto& saved = refunds_[r.id] = std::move(r);
  emit("refund.created", refund_json(saved));
  auto pm = methods_.find(ch.payment_method);
  emit("charge.refunded", charge_json(ch, pm == methods_.end() ? nullptr : &pm->second));
  return json_response(200, refund_json(saved));
}

std::string simulator::open_dispute(const std::string& charge_id) {
  auto& ch = charges_.at(charge_id);
  dispute d;
  d.id = new_id("dp_");
  d.charge = ch.id;
  d.payment_intent = ch.payment_intent;
  d.amount = ch.amount_captured;
  d.currency = ch.currency;
  d.created = unix_now();
  d.due_by = d.created + seconds_to_respond;
  ch.dispute = d.id;
  const auto& saved = disputes_[d.id] = std::move(d);
  emit("charge.dispute.created", dispute_json(saved));
  return saved.id;
}

sim_response simulator::update_dispute(const std::string& id, const form& f) {
  auto it = disputes_.find(id);
  if (it == disputes_.end()) return resource_missing("dispute", id, "dispute");
  auto& d = it->second;
  for (const auto& [field, value] : f.children("evidence")) {
    if (!is_evidence_field(field)) {
      return invalid_request("Received unknown parameter: evidence[" + field + "]",
                             "evidence[" + field + "]", "parameter_unknown");
    }
  }
  bool submit = true;  // Stripe's default
  if (f.has("submit")) {
    auto b = parse_bool(f.get("submit"));
    if (!b) return invalid_request("Invalid boolean: " + f.get("submit"), "submit");
    submit = *b;
  }
  if (!needs_response(d)) {
    return invalid_request("This dispute has status " + d.status +
                               "; evidence can only be updated while it needs a response.",
                           "", "dispute_unexpected_state");
  }
  for (const auto& [field, value] : f.children("evidence")) {
    if (value.empty()) {
      d.evidence.erase(field);
    } else {
      d.evidence[field] = value;
    }
  }
  for (const auto& [k, v] : f.children("metadata")) {
    if (v.empty()) {
      d.metadata.erase(k);
    } else {
      d.metadata[k] = v;
    }
  }
  if (submit) {
    d.status = d.status == "warning_needs_response" ? "warning_under_review" : "under_review";
    ++d.submission_count;
  }
  emit("charge.dispute.updated", dispute_json(d));
  return json_response(200, dispute_json(d));
}

sim_response simulator::close_dispute(const std::string& id) {
  auto it = disputes_.find(id);
  if (it == disputes_.end()) return resource_missing("dispute", id, "dispute");
  auto& d = it->second;
  if (!needs_response(d)) {
    return invalid_request("This dispute has status " + d.status + " and cannot be closed.", "",
                           "dispute_unexpected_state");
  }
  close_dispute_as(d, d.status == "warning_needs_response" ? "warning_closed" : "lost");
  return json_response(200, dispute_json(d));
}

void simulator::close_dispute_as(dispute& d, const std::string& status) {
  d.status = status;
  emit("charge.dispute.closed", dispute_json(d));
}

}  // namespace processor_sim::stripe
