// accept (POST /v1/disputes/{id}/accept), submit_evidence (PATCH /v1/disputes/{id}/contest with
// document ids per evidence field, action draft|submit) and get_dispute (GET).
#include <fmt/format.h>

#include <array>
#include <boost/json/array.hpp>

#include "connectors/common/flow_steps.hpp"
#include "connectors/razorpay/flow_parts.hpp"
#include "connectors/razorpay/objects.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

inline constexpr std::string_view document_id_type = "application/vnd.razorpay.document-id";
inline constexpr std::size_t max_summary = 1000;

// The contest fields that take a list of document ids ("others" takes {type, document_ids}).
constexpr std::array<std::string_view, 11> document_fields{"shipping_proof",
                                                           "billing_proof",
                                                           "cancellation_proof",
                                                           "customer_communication",
                                                           "proof_of_service",
                                                           "explanation_letter",
                                                           "refund_confirmation",
                                                           "access_activity_log",
                                                           "refund_cancellation_policy",
                                                           "term_and_conditions",
                                                           "others"};

bool is_document_field(std::string_view f) {
  for (auto x : document_fields)
    if (x == f) return true;
  return false;
}

std::string_view default_field(evidence_type t) {
  switch (t) {
    case evidence_type::receipt:
      return "billing_proof";
    case evidence_type::shipping_proof:
      return "shipping_proof";
    case evidence_type::customer_communication:
      return "customer_communication";
    case evidence_type::refund_policy:
    case evidence_type::cancellation_policy:
      return "refund_cancellation_policy";
    case evidence_type::other:
    case evidence_type::unspecified:
      break;
  }
  return "others";
}

bool is_document_id(std::string_view s) {
  if (!s.starts_with("doc_") || s.size() <= 4 || s.size() > 64) return false;
  for (char c : s.substr(4))
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

status check_dispute_id(std::string_view id) {
  return wire::check_id(id, "connector_dispute_id", "disp_", "dispute");
}

}  // namespace

step_result<dispute_result> accept_dispute(const dispute_request& req, const wire::keys& k,
                                           const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto d = dispute_reply(*resp, k.secret);
    if (!d) return d.err();
    // Accepting makes the dispute lost (the amount is deducted) or closed: both are what
    // accepting means.
    if (d->processor_status == "lost" || d->processor_status == "closed")
      d->status = dispute_status::accepted;
    return domain::final_result<dispute_result>(std::move(d));
  }
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return domain::next_request<dispute_result>(
      wire::post(wire::path("disputes", req.dispute_id, "accept"), {}, k));
}

step_result<dispute_result> submit_evidence(const submit_evidence_request& req, const wire::keys& k,
                                            const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(dispute_reply(*resp, k.secret));

  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  if (req.text.size() > max_summary)
    return invalid_argument("text", fmt::format("is longer than Razorpay's {} characters (the "
                                                "contest summary)",
                                                max_summary));
  if (req.text.empty() && req.documents.empty())
    return invalid_argument("documents", "give text or at least one document to contest");

  boost::json::object body;
  if (!req.text.empty()) body["summary"] = req.text;
  boost::json::array others;
  for (std::size_t i = 0; i < req.documents.size(); ++i) {
    const auto& d = req.documents[i];
    auto field =
        d.processor_type.empty() ? default_field(d.type) : std::string_view(d.processor_type);
    if (!is_document_field(field))
      return invalid_argument(
          fmt::format("documents[{}].processor_type", i),
          "must name a Razorpay contest field (shipping_proof, billing_proof, "
          "cancellation_proof, customer_communication, proof_of_service, explanation_letter, "
          "refund_confirmation, access_activity_log, refund_cancellation_policy, "
          "term_and_conditions, others)");
    if (d.content_type != document_id_type || !is_document_id(d.content))
      return invalid_argument(
          fmt::format("documents[{}].content", i),
          "Razorpay takes evidence only as ids of uploaded documents (POST /v1/documents, "
          "purpose dispute_evidence): send the doc_… id as content with content_type "
          "application/vnd.razorpay.document-id");
    if (field == "others") {
      others.push_back(
          boost::json::object{{"type", "other"}, {"document_ids", boost::json::array{d.content}}});
      continue;
    }
    auto& list = body[field];
    if (!list.is_array()) list = boost::json::array{};
    list.as_array().push_back(boost::json::string(d.content));
  }
  if (!others.empty()) body["others"] = std::move(others);
  body["action"] = req.submit ? "submit" : "draft";
  return domain::next_request<dispute_result>(
      wire::patch(wire::path("disputes", req.dispute_id, "contest"), body, k));
}

step_result<dispute_result> get_dispute(const dispute_request& req, const wire::keys& k,
                                        const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(dispute_reply(*resp, k.secret));
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return domain::next_request<dispute_result>(wire::get(wire::path("disputes", req.dispute_id), k));
}

void add_disputes_flows(flow_table& t) {
  t.accept_dispute = with_auth<&wire::require_keys, &accept_dispute>::run;
  t.submit_evidence = with_auth<&wire::require_keys, &submit_evidence>::run;
  t.get_dispute = with_auth<&wire::require_keys, &get_dispute>::run;
}

}  // namespace cs::connectors::razorpay
