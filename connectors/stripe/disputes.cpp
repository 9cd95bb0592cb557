// accept (POST /v1/disputes/{dp}/close), submit_evidence (POST /v1/disputes/{dp} with
// evidence[…] and submit) and get_dispute (GET). Stripe has no separate "defend" call.
#include <fmt/format.h>

#include <array>

#include "connectors/common/flow_steps.hpp"
#include "connectors/stripe/flow_parts.hpp"
#include "connectors/stripe/objects.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {

using namespace domain;

namespace {

inline constexpr std::string_view file_id_type = "application/vnd.stripe.file-id";

// The dispute_evidence fields that take a File id (the spec's unbounded string fields).
constexpr std::array<std::string_view, 9> file_fields{"cancellation_policy",
                                                      "customer_communication",
                                                      "customer_signature",
                                                      "receipt",
                                                      "duplicate_charge_documentation",
                                                      "refund_policy",
                                                      "service_documentation",
                                                      "shipping_documentation",
                                                      "uncategorized_file"};

bool is_file_field(std::string_view f) {
  for (auto x : file_fields)
    if (x == f) return true;
  return false;
}

std::string_view default_field(evidence_type t) {
  switch (t) {
    case evidence_type::receipt:
      return "receipt";
    case evidence_type::shipping_proof:
      return "shipping_documentation";
    case evidence_type::customer_communication:
      return "customer_communication";
    case evidence_type::refund_policy:
      return "refund_policy";
    case evidence_type::cancellation_policy:
      return "cancellation_policy";
    case evidence_type::other:
    case evidence_type::unspecified:
      break;
  }
  return "uncategorized_file";
}

bool is_file_id(std::string_view s) {
  if (!s.starts_with("file_") || s.size() <= 5 || s.size() > 255) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'))
      return false;
  return true;
}

status check_dispute_id(std::string_view id) {
  return wire::check_id(id, "connector_dispute_id", {"dp_", "du_"}, "Dispute");
}

}  // namespace

step_result<dispute_result> accept_dispute(const dispute_request& req, const std::string& key,
                                           const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto d = dispute_reply(*resp, key);
    if (!d) return d.err();
    // Closing makes the dispute lost (a chargeback) or warning_closed (an inquiry): both are
    // what accepting means.
    if (d->processor_status == "lost" || d->processor_status == "warning_closed")
      d->status = dispute_status::accepted;
    return domain::final_result<dispute_result>(std::move(d));
  }
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return domain::next_request<dispute_result>(
      wire::post(wire::path("disputes", req.dispute_id, "close"), form{}, key,
                 wire::step_key(req.idempotency_key.empty() ? "accept_dispute:" + req.dispute_id
                                                            : req.idempotency_key)));
}

step_result<dispute_result> submit_evidence(const submit_evidence_request& req,
                                            const std::string& key, const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(dispute_reply(*resp, key));

  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  if (req.text.size() > 20000)
    return invalid_argument("text",
                            "is longer than Stripe's 20000 characters "
                            "(evidence[uncategorized_text])");
  if (req.text.empty() && req.documents.empty() && !req.submit)
    return invalid_argument("documents", "give text or at least one document (or submit=true)");

  form f;
  if (!req.text.empty()) f.add("evidence[uncategorized_text]", req.text);
  std::vector<std::string_view> used;
  for (std::size_t i = 0; i < req.documents.size(); ++i) {
    const auto& d = req.documents[i];
    auto field =
        d.processor_type.empty() ? default_field(d.type) : std::string_view(d.processor_type);
    if (!is_file_field(field))
      return invalid_argument(
          fmt::format("documents[{}].processor_type", i),
          "must name a Stripe evidence file field (receipt, shipping_documentation, "
          "customer_communication, refund_policy, cancellation_policy, customer_signature, "
          "duplicate_charge_documentation, service_documentation, uncategorized_file)");
    if (d.content_type != file_id_type || !is_file_id(d.content))
      return invalid_argument(
          fmt::format("documents[{}].content", i),
          "Stripe takes evidence files only as ids of files uploaded to its Files API "
          "(POST https://files.stripe.com/v1/files, purpose dispute_evidence): send the file_… id "
          "as content with content_type application/vnd.stripe.file-id");
    for (auto u : used)
      if (u == field)
        return invalid_argument(fmt::format("documents[{}].processor_type", i),
                                fmt::format("Stripe takes one file per evidence field; {} is "
                                            "given twice",
                                            field));
    used.push_back(field);
    f.add_nested("evidence", field, d.content);
  }
  f.add("submit", req.submit ? "true" : "false");
  // Without a key in the request the same evidence for the same dispute is the same call.
  auto idem = req.idempotency_key.empty()
                  ? "submit_evidence:" + req.dispute_id + ":" + sha256_hex(f.encode())
                  : wire::step_key(req.idempotency_key);
  return domain::next_request<dispute_result>(
      wire::post(wire::path("disputes", req.dispute_id), f, key, std::move(idem)));
}

step_result<dispute_result> get_dispute(const dispute_request& req, const std::string& key,
                                        const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(dispute_reply(*resp, key));
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return domain::next_request<dispute_result>(
      wire::get(wire::path("disputes", req.dispute_id), key));
}

void add_disputes_flows(flow_table& t) {
  t.accept_dispute = with_auth<&wire::require_api_key, &accept_dispute>::run;
  t.submit_evidence = with_auth<&wire::require_api_key, &submit_evidence>::run;
  t.get_dispute = with_auth<&wire::require_api_key, &get_dispute>::run;
}

}  // namespace cs::connectors::stripe
