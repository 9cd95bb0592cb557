// get_dispute (GET /disputes/{id}), accept_dispute (POST /disputes/{id}/accept → 204) and
// submit_evidence: PUT /disputes/{id}/evidence (ProvideEvidenceRequest: `<type>_text` and
// `<type>_file` fields; saved, not sent) then, unless the request is a draft, POST
// /disputes/{id}/evidence (submit → 204). Both actions answer no body, so their result says what
// the action means (accepted; opened with evidence saved; challenged); GetDispute reads the
// dispute's own status. Checkout.com has no defend call (descriptor.cpp's note).
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::checkout_com {

using namespace domain;

namespace {

// ProvideEvidenceRequest's `*_text` fields ("maximum: 500", meant as a length).
constexpr std::size_t max_evidence_text = 500;
// A document whose content is the id of a file uploaded to Checkout.com's Files API.
constexpr std::string_view file_id_type = "application/vnd.checkout.file-id";

// The evidence types of ProvideEvidenceRequest: each has a `<type>_text` and a `<type>_file`.
constexpr std::array<std::string_view, 8> evidence_types{"proof_of_delivery_or_service",
                                                         "proof_of_delivery_or_service_date",
                                                         "invoice_or_receipt",
                                                         "invoice_showing_distinct_transactions",
                                                         "customer_communication",
                                                         "refund_or_cancellation_policy",
                                                         "recurring_transaction_agreement",
                                                         "additional_evidence"};

struct status_row {
  std::string_view word;
  dispute_status status;
};
// nas_spec Disputes/Dispute.yaml `status`. resolved (rapid dispute resolution, already refunded)
// and canceled (withdrawn by the issuer) close a dispute without a decision: EXPIRED, as
// Stripe's warning_closed; the word stays in processor_status.
constexpr std::array<status_row, 11> statuses{{
    {"evidence_required", dispute_status::opened},
    {"evidence_under_review", dispute_status::challenged},
    {"resolved", dispute_status::expired},
    {"won", dispute_status::won},
    {"lost", dispute_status::lost},
    {"canceled", dispute_status::expired},
    {"expired", dispute_status::expired},
    {"accepted", dispute_status::accepted},
    {"arbitration_under_review", dispute_status::challenged},
    {"arbitration_won", dispute_status::won},
    {"arbitration_lost", dispute_status::lost},
}};

bool word_char(unsigned char c) {
  return std::isalnum(c) != 0 || c == '_';
}

// The path takes `^(dsp)_(\w{26})$`, the Dispute schema `\w{22}` and its example has 20: any
// dsp_ id of word characters is taken (at most 64), so none is refused for its length alone.
status check_dispute_id(std::string_view id) {
  if (id.empty()) return missing_field("connector_dispute_id");
  if (!id.starts_with("dsp_") || id.size() < 5 || id.size() > 68 ||
      !std::all_of(id.begin() + 4, id.end(), word_char))
    return invalid_argument("connector_dispute_id",
                            "is not a Checkout.com dispute id (dsp_ and letters or digits)");
  return ok_status();
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// The `<type>_text` / `<type>_file` key of a document: its processor_type (an evidence type
// above), else the nearest of Checkout.com's types for the unified one.
result<std::string> evidence_type_of(const evidence_document& d, std::size_t i) {
  if (!d.processor_type.empty()) {
    if (std::find(evidence_types.begin(), evidence_types.end(), d.processor_type) ==
        evidence_types.end())
      return invalid_argument(fmt::format("documents[{}].processor_type", i),
                              "must be a Checkout.com evidence type (proof_of_delivery_or_service, "
                              "invoice_or_receipt, customer_communication, "
                              "refund_or_cancellation_policy, recurring_transaction_agreement, "
                              "additional_evidence, …)");
    return d.processor_type;
  }
  switch (d.type) {
    case evidence_type::receipt:
      return std::string("invoice_or_receipt");
    case evidence_type::shipping_proof:
      return std::string("proof_of_delivery_or_service");
    case evidence_type::customer_communication:
      return std::string("customer_communication");
    case evidence_type::refund_policy:
    case evidence_type::cancellation_policy:
      return std::string("refund_or_cancellation_policy");
    default:
      return std::string("additional_evidence");
  }
}

status check_text(std::string_view text, const std::string& field) {
  if (!simdjson::validate_utf8(text.data(), text.size()))
    return invalid_argument(field, "must be UTF-8 text");
  if (utf8_length(text) > max_evidence_text)
    return invalid_argument(field,
                            fmt::format("is longer than the {} characters Checkout.com takes in "
                                        "an evidence text field",
                                        max_evidence_text));
  return ok_status();
}

// ProvideEvidenceRequest from the text (additional_evidence_text) and the documents: text/plain
// content goes to `<type>_text`, a Files API id (file_…) to `<type>_file`.
result<boost::json::object> evidence_body(const submit_evidence_request& req) {
  boost::json::object body;
  auto add = [&](std::string key, std::string_view value, const std::string& field) -> status {
    if (body.contains(key))
      return invalid_argument(field,
                              fmt::format("Checkout.com takes one {}; it is given twice", key));
    body[key] = value;
    return ok_status();
  };
  if (!req.text.empty()) {
    if (auto s = check_text(req.text, "text"); !s) return s.err();
    if (auto s = add("additional_evidence_text", req.text, "text"); !s) return s.err();
  }
  for (std::size_t i = 0; i < req.documents.size(); ++i) {
    const auto& d = req.documents[i];
    auto type = evidence_type_of(d, i);
    if (!type) return type.err();
    std::string ct(d.content_type.substr(0, d.content_type.find(';')));
    std::transform(ct.begin(), ct.end(), ct.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    ct.erase(ct.find_last_not_of(' ') + 1);
    auto field = fmt::format("documents[{}].content", i);
    if (ct == "text/plain") {
      if (auto s = check_text(d.content, field); !s) return s.err();
      if (auto s = add(*type + "_text", d.content, field); !s) return s.err();
    } else if (ct == file_id_type) {
      std::string_view id = d.content;
      if (!id.starts_with("file_") || id.size() < 6 || id.size() > 69 ||
          !std::all_of(id.begin() + 5, id.end(), word_char))
        return invalid_argument(field, "is not a Checkout.com file id (file_…)");
      if (auto s = add(*type + "_file", id, field); !s) return s.err();
    } else {
      return invalid_argument(
          fmt::format("documents[{}].content_type", i),
          fmt::format("Checkout.com takes evidence as text (text/plain, up to {} characters) or "
                      "as the id of a file uploaded to its Files API (content_type {}, content "
                      "file_…)",
                      max_evidence_text, file_id_type));
    }
  }
  return body;
}

dispute_result done(std::string_view dispute_id, dispute_status status, std::string_view word) {
  dispute_result d;
  d.dispute_id = std::string(dispute_id);
  d.status = status;
  d.processor_status = std::string(word);
  return d;
}

http_request submit_request(std::string_view dispute_id, const wire::auth& a) {
  return wire::bodiless(http_method::post, encoded_path({"disputes", dispute_id, "evidence"}), a);
}

step_result<dispute_result> get_dispute(const dispute_request& req, const wire::auth& a,
                                        const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto body = read_reply(*r, a.secret_key);
    if (!body) return body.err();
    return final_result(read_dispute(*body, req.dispute_id, a.secret_key));
  }
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return next_request<dispute_result>(wire::get(encoded_path({"disputes", req.dispute_id}), a));
}

step_result<dispute_result> accept_dispute(const dispute_request& req, const wire::auth& a,
                                           const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    if (auto s = read_empty_reply(*r, a.secret_key); !s) return s.err();
    return final_result(done(req.dispute_id, dispute_status::accepted, "accepted"));
  }
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return next_request<dispute_result>(
      wire::bodiless(http_method::post, encoded_path({"disputes", req.dispute_id, "accept"}), a));
}

// Steps: "evidence" (PUT: saved) → "submit" (POST: sent to the scheme). A draft stops after the
// first; a submission without text or documents submits what was saved before.
step_result<dispute_result> submit_evidence(const submit_evidence_request& req, const wire::auth& a,
                                            const flow_context& ctx) {
  if (ctx.first()) {
    if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
    auto body = evidence_body(req);
    if (!body) return body.err();
    if (body->empty()) {
      if (!req.submit)
        return invalid_argument("documents", "give text or documents to save as a draft");
      return next_request<dispute_result>("submit", submit_request(req.dispute_id, a));
    }
    return next_request<dispute_result>(
        "evidence", wire::put(encoded_path({"disputes", req.dispute_id, "evidence"}), *body, a));
  }
  if (auto s = read_empty_reply(*ctx.last_reply(), a.secret_key); !s) return s.err();
  if (ctx.last_step() == "evidence") {
    if (!req.submit)
      return final_result(done(req.dispute_id, dispute_status::opened, "evidence_required"));
    return next_request<dispute_result>("submit", submit_request(req.dispute_id, a));
  }
  if (ctx.last_step() == "submit")
    return final_result(done(req.dispute_id, dispute_status::challenged, "evidence_under_review"));
  return unexpected_step(wire::connector_name, "submit_evidence", ctx);
}

}  // namespace

dispute_status map_dispute_status(std::string_view status) noexcept {
  for (const auto& s : statuses)
    if (s.word == status) return s.status;
  return dispute_status::unrecognized;
}

result<dispute_result> read_dispute(simdjson::dom::element dispute, std::string_view dispute_id,
                                    std::string_view secret_key) {
  auto word = scrub(json::str(dispute, "status"), secret_key, {"sk_", "pk_"});
  // Only a plain status word travels on into the result.
  if (word.empty() || word.size() > 40 ||
      !std::all_of(word.begin(), word.end(),
                   [](unsigned char c) { return std::islower(c) != 0 || c == '_'; }))
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "Checkout.com answered the dispute lookup without a dispute status");
  // The id asked for, not whatever the reply echoes.
  return done(dispute_id, map_dispute_status(word), word);
}

void add_disputes_flows(flow_table& t) {
  t.get_dispute = with_auth<&wire::read_auth, &get_dispute>::run;
  t.accept_dispute = with_auth<&wire::read_auth, &accept_dispute>::run;
  t.submit_evidence = with_auth<&wire::read_auth, &submit_evidence>::run;
}

}  // namespace cs::connectors::checkout_com
