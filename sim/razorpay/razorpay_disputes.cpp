// Disputes: accept, contest (draft / submit), and the simulator's ways to open and resolve them.

#include "razorpay_errors.hpp"
#include "razorpay_json.hpp"
#include "razorpay_sim.hpp"

#include <boost/json.hpp>

#include <array>

namespace processor_sim::razorpay {
namespace {

constexpr std::array<const char*, 10> document_fields{
    "shipping_proof",         "billing_proof",       "cancellation_proof",
    "customer_communication", "proof_of_service",    "explanation_letter",
    "refund_confirmation",    "access_activity_log", "refund_cancellation_policy",
    "term_and_conditions"};

bool is_document_field(std::string_view key) {
  for (const char* f : document_fields) {
    if (key == f) return true;
  }
  return false;
}

bool strings_only(const boost::json::value& v) {
  if (!v.is_array()) return false;
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) return false;
  }
  return true;
}

bool has_documents(const boost::json::object& evidence) {
  for (const char* f : document_fields) {
    const auto& v = evidence.at(f);
    if (v.is_array() && !v.as_array().empty()) return true;
  }
  const auto& others = evidence.at("others");
  return others.is_array() && !others.as_array().empty();
}

sim_response control_error(const std::string& message) {
  return json_response(422, {{"error", message}});
}

}  // namespace

void simulator::emit_dispute(const std::string& event, const dispute& d) {
  emit(event, d.id,
       {{"payment", {{"entity", payment_json(payments_.at(d.payment_id))}}},
        {"dispute", {{"entity", dispute_json(d)}}}});
}

sim_response simulator::accept_dispute(const std::string& id) {
  auto it = disputes_.find(id);
  if (it == disputes_.end()) return id_not_found();
  dispute& d = it->second;
  if (d.status != "open") {
    return bad_request("The dispute is not in open state and cannot be accepted.");
  }
  d.status = "lost";
  d.amount_deducted = d.amount;
  emit_dispute("payment.dispute.lost", d);
  return json_response(200, dispute_json(d));
}

sim_response simulator::contest_dispute(const std::string& id, const boost::json::object& body) {
  auto it = disputes_.find(id);
  if (it == disputes_.end()) return id_not_found();
  dispute& d = it->second;
  for (const auto& [key, value] : body) {
    if (key != "amount" && key != "summary" && key != "others" && key != "action" &&
        !is_document_field(key)) {
      return bad_request(std::string(key) + " is/are not required and should not be sent", key);
    }
  }
  if (d.status != "open") {
    return bad_request("The dispute is not in open state and cannot be contested.");
  }
  sim_response err;
  auto action = string_field(body, "action", false, &err);
  if (!action) return err;
  if (action->empty()) *action = "draft";
  if (*action != "draft" && *action != "submit") {
    return bad_request("The selected action is invalid.", "action");
  }
  auto evidence = d.evidence;
  if (body.contains("amount")) {
    auto amount = int_field(body, "amount", true, &err);
    if (!amount) return err;
    if (*amount <= 0 || *amount > d.amount) {
      return bad_request("The amount must not be greater than the disputed amount.", "amount");
    }
    evidence["amount"] = *amount;
  }
  if (body.contains("summary")) {
    auto summary = string_field(body, "summary", false, &err);
    if (!summary) return err;
    if (summary->size() > 1000) {
      return bad_request("The summary may not be greater than 1000 characters.", "summary");
    }
    evidence["summary"] = *summary;
  }
  for (const char* f : document_fields) {
    const auto* v = body.if_contains(f);
    if (!v) continue;
    if (!v->is_null() && !strings_only(*v)) {
      return bad_request(std::string("The ") + f + " must be an array of document ids.", f);
    }
    evidence[f] = *v;
  }
  if (const auto* others = body.if_contains("others")) {
    bool ok = others->is_array();
    for (const auto& o : ok ? others->as_array() : boost::json::array{}) {
      const auto* obj = o.if_object();
      ok = ok && obj && obj->contains("type") && obj->at("type").is_string() &&
           obj->contains("document_ids") && strings_only(obj->at("document_ids"));
    }
    if (!ok) return bad_request("The others must be a list of {type, document_ids}.", "others");
    evidence["others"] = *others;
  }
  if (*action == "submit") {
    if (!has_documents(evidence)) {
      return bad_request("At least one document is required to contest the dispute.");
    }
    evidence["submitted_at"] = unix_now();
  }
  d.evidence = std::move(evidence);
  if (*action == "submit") {
    d.status = "under_review";
    emit_dispute("payment.dispute.under_review", d);
  }
  return json_response(200, dispute_json(d));
}

sim_response simulator::control_open_dispute(const boost::json::object& body) {
  sim_response err;
  auto payment_id = string_field(body, "payment_id", true, &err);
  if (!payment_id) return control_error("expected {\"payment_id\":\"pay_...\"}");
  auto it = payments_.find(*payment_id);
  if (it == payments_.end()) return control_error("unknown payment " + *payment_id);
  payment& p = it->second;
  if (!p.captured) return control_error("payment is not captured");
  if (!p.dispute_id.empty()) return control_error("payment is already disputed");
  dispute d;
  d.id = new_id("disp");
  d.payment_id = p.id;
  d.currency = p.currency;
  auto amount = int_field(body, "amount", false, &err);
  d.amount = amount && *amount > 0 ? *amount : p.amount;
  if (auto v = string_field(body, "reason_code", false, &err); v && !v->empty()) d.reason_code = *v;
  if (auto v = string_field(body, "phase", false, &err); v && !v->empty()) d.phase = *v;
  d.created_at = unix_now();
  d.respond_by = d.created_at + 7 * 86400;
  d.evidence = {{"amount", d.amount}, {"summary", nullptr}};
  for (const char* f : document_fields) d.evidence[f] = nullptr;
  d.evidence["others"] = nullptr;
  d.evidence["submitted_at"] = nullptr;
  p.dispute_id = d.id;
  auto& stored = disputes_.emplace(d.id, std::move(d)).first->second;
  emit_dispute("payment.dispute.created", stored);
  return json_response(200, dispute_json(stored));
}

sim_response simulator::control_resolve_dispute(const std::string& id,
                                                const boost::json::object& body) {
  auto it = disputes_.find(id);
  if (it == disputes_.end()) return json_response(404, {{"error", "unknown dispute"}});
  sim_response err;
  auto status = string_field(body, "status", true, &err).value_or("");
  if (status != "won" && status != "lost" && status != "closed" && status != "under_review" &&
      status != "action_required") {
    return control_error("status must be won, lost, closed, under_review or action_required");
  }
  dispute& d = it->second;
  d.status = status == "action_required" ? "open" : status;
  if (status == "lost") d.amount_deducted = d.amount;
  emit_dispute("payment.dispute." + status, d);
  return json_response(200, dispute_json(d));
}

}  // namespace processor_sim::razorpay
