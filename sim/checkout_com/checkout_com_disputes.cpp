// Disputes: GET /disputes/{id}, accept, provide evidence (PUT), read it back (GET) and submit it
// (POST), as in nas_spec paths/disputes@{dispute_id}*. A dispute is opened and resolved by the
// card scheme, so here by control routes (checkout_com_control.cpp) through open_dispute() and
// resolve_dispute().
#include "checkout_com_errors.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_objects.hpp"
#include "checkout_com_sim.hpp"

#include <boost/json.hpp>

#include <array>
#include <chrono>

namespace processor_sim::checkout_com {
namespace {

// ProvideEvidenceRequest: each evidence type as a `_file` (a `file_…` id) and a `_text`.
constexpr std::array<std::string_view, 8> evidence_types{"proof_of_delivery_or_service",
                                                         "invoice_or_receipt",
                                                         "invoice_showing_distinct_transactions",
                                                         "customer_communication",
                                                         "refund_or_cancellation_policy",
                                                         "recurring_transaction_agreement",
                                                         "additional_evidence",
                                                         "proof_of_delivery_or_service_date"};

bool is_evidence_field(std::string_view key) {
  for (auto type : evidence_types) {
    if (key.size() == type.size() + 5 && key.substr(0, type.size()) == type &&
        (key.substr(type.size()) == "_text" || key.substr(type.size()) == "_file")) {
      return true;
    }
  }
  return false;
}

constexpr std::size_t max_evidence_text = 500;

}  // namespace

sim_response simulator::dispute_route(const std::string& method,
                                      const std::vector<std::string>& parts,
                                      const boost::json::value& body) {
  auto it = disputes_.find(parts[1]);
  if (it == disputes_.end() || parts.size() > 3) {
    return not_found(request_id_, it == disputes_.end() ? "dispute_not_found" : "route_not_found");
  }
  dispute& d = it->second;
  const std::string self = base() + "/disputes/" + d.id;
  if (parts.size() == 2 && method == "GET") {
    return json_response(200, dispute_json(d, payments_.at(d.payment_id), base()));
  }
  const std::string what = parts.size() == 3 ? parts[2] : std::string{};
  if (what == "evidence" && method == "GET") {
    boost::json::object out = d.evidence;
    out["_links"] = {{"self", {{"href", self + "/evidence"}}}, {"parent", {{"href", self}}}};
    return json_response(200, out);
  }
  if (what == "evidence" && method == "PUT") return provide_evidence(d, body);
  const bool accept = what == "accept" && method == "POST";
  const bool submit = what == "evidence" && method == "POST";
  if (!accept && !submit) return not_found(request_id_, "route_not_found");
  // Accepting or submitting is a one-way step: only a dispute still waiting for the merchant.
  if (d.status != "evidence_required") {
    return not_allowed(request_id_, "dispute_action_not_allowed");
  }
  d.status = accept ? "accepted" : "evidence_under_review";
  d.last_update = iso_time();
  return no_content();
}

sim_response simulator::provide_evidence(dispute& d, const boost::json::value& body) {
  if (d.status != "evidence_required") {
    return not_allowed(request_id_, "dispute_action_not_allowed");
  }
  const auto& fields = body.as_object();
  // "You must provide at least one evidence type in the body of your request."
  if (fields.empty()) return validation_error(request_id_, {"evidence_required"});
  for (const auto& [key, value] : fields) {
    const bool text = key.ends_with("_text");
    if (!is_evidence_field(key) || !value.is_string() ||
        (text && value.as_string().size() > max_evidence_text)) {
      return validation_error(request_id_, {"evidence_invalid"});
    }
  }
  for (const auto& [key, value] : fields) d.evidence[key] = value;
  d.last_update = iso_time();
  return no_content();
}

dispute& simulator::open_dispute(payment& p, std::int64_t amount, const std::string& category,
                                 const std::string& reason_code) {
  const auto now = std::chrono::system_clock::now();
  dispute d;
  d.id = new_id("dsp_");
  d.payment_id = p.id;
  d.amount = amount;
  d.currency = p.currency;
  if (!category.empty()) d.category = category;
  if (!reason_code.empty()) d.reason_code = reason_code;
  d.received_on = iso_time(now);
  d.last_update = d.received_on;
  d.evidence_required_by = iso_time(now + std::chrono::hours(24 * 7));
  d.arn = random_digits(23);
  p.dispute_id = d.id;
  auto& stored = disputes_[d.id] = std::move(d);
  emit_dispute("dispute_evidence_required", stored);
  return stored;
}

void simulator::resolve_dispute(dispute& d, const std::string& outcome) {
  d.status = outcome;
  d.last_update = iso_time();
  emit_dispute(outcome == "won" ? "dispute_won" : "dispute_lost", d);
}

}  // namespace processor_sim::checkout_com
