// get_dispute (GET /v1/customer/disputes/{id}), accept_dispute (POST …/accept-claim) and
// submit_evidence (POST …/provide-evidence) of Disputes v1. The two actions are
// multipart/form-data, the only body the spec declares for them, with PayPal's JSON part "input";
// they answer nothing but links, so their result says what the action means (accepted,
// challenged) and the dispute's own state is read back with get_dispute or arrives as a
// CUSTOMER.DISPUTE.* webhook. PayPal has no defend call (descriptor.cpp's note).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/paypal/flow_parts.hpp"
#include "connectors/paypal/replies.hpp"
#include "connectors/paypal/webhook_events.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {

using namespace domain;

namespace {

// Disputes v1 limits: the id (components.parameters.id), evidence notes (evidence.notes), and
// files (developer.paypal.com/platforms/disputes/reference/supported-file-types-sizes).
constexpr std::size_t max_dispute_id = 255;
constexpr std::size_t max_notes = 2000;
constexpr std::size_t max_file_bytes = 10 * 1024 * 1024;  // "less than 10 MB per file"
constexpr std::size_t max_call_bytes = 50 * 1024 * 1024;  // "up to 50 MB per API call"

struct file_kind {
  std::string_view content_type, extension;
};
constexpr std::array<file_kind, 4> file_kinds{{{"application/pdf", "pdf"},
                                               {"image/jpeg", "jpg"},
                                               {"image/png", "png"},
                                               {"image/gif", "gif"}}};

// The spec's pattern for a dispute id (^[A-Za-z0-9-]+$, at most 255), checked before the id
// becomes a path segment: PayPal's ids ("PP-D-27803", "PP-000-042-663-135") have dashes, which
// wire::check_id (order, capture and refund ids) does not take.
status check_dispute_id(std::string_view id) {
  if (id.empty()) return missing_field("connector_dispute_id");
  if (id.size() > max_dispute_id || !std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '-';
      }))
    return invalid_argument("connector_dispute_id",
                            "is not a PayPal dispute id (letters, digits and -, at most 255)");
  return ok_status();
}

// The spec's evidence_type pattern (^[0-9A-Z_]+$, at most 255).
bool evidence_word(std::string_view s) {
  return !s.empty() && s.size() <= 255 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

struct part {
  std::string name, filename, content_type;
  std::string_view data;
};

// multipart/form-data with a boundary derived from the content (the same body on every attempt)
// and checked to occur in none of the parts.
std::pair<std::string, std::string> multipart(const std::vector<part>& parts) {
  std::string digest;
  for (const auto& p : parts) digest += sha256_hex(p.data);
  std::string boundary;
  for (int n = 0;; ++n) {
    boundary = "cs-" + sha256_hex(fmt::format("{}:{}", digest, n)).substr(0, 40);
    if (std::none_of(parts.begin(), parts.end(), [&](const part& p) {
          return p.data.find(boundary) != std::string_view::npos;
        }))
      break;
  }
  std::string body;
  for (const auto& p : parts) {
    body += fmt::format("--{}\r\nContent-Disposition: form-data; name=\"{}\"", boundary, p.name);
    if (!p.filename.empty()) body += fmt::format("; filename=\"{}\"", p.filename);
    body += fmt::format("\r\nContent-Type: {}\r\n\r\n", p.content_type);
    body.append(p.data);
    body += "\r\n";
  }
  body += fmt::format("--{}--\r\n", boundary);
  return {std::move(body), "multipart/form-data; boundary=" + boundary};
}

// POST /v1/customer/disputes/{id}/<action> with the JSON part "input" and any files.
http_request action_request(std::string_view dispute_id, std::string_view action,
                            const boost::json::object& input, std::vector<part> files,
                            const wire::auth& a, std::string_view idempotency_key) {
  const std::string json = boost::json::serialize(input);
  files.insert(files.begin(), part{"input", "", "application/json", json});
  auto r =
      wire::post(encoded_path({"v1", "customer", "disputes", dispute_id, action}), nullptr, a, {});
  std::tie(r.body, r.content_type) = multipart(files);
  // The Disputes v1 spec lists no PayPal-Request-Id: the key is sent for PayPal to use, but the
  // pool is not told the call is deduplicated (r.idempotency_key stays empty), so a call that
  // may have reached PayPal is not sent again. A repeat would not double anything — PayPal
  // refuses a second accept or evidence once the dispute moved on — but it would turn a done
  // action into a refusal; OUTCOME_UNKNOWN says the truth, and get_dispute tells the outcome.
  if (!idempotency_key.empty())
    r.headers.push_back({"PayPal-Request-Id", wire::request_id(idempotency_key), false});
  return r;
}

// The error of a reply that is not 2xx. A 422 on a dispute is its state refusing the action
// (NOT_AWAITING_SELLER_RESPONSE, DISPUTE_ALREADY_RESOLVED): the request was understood, so
// FAILED_PRECONDITION rather than read_reply's INVALID_ARGUMENT; PayPal's issue stays the code.
error refusal(const http_response& r, const wire::auth& a) {
  auto rep = read_reply(r, a.access_token);
  error e;
  if (!rep) {
    e = rep.err();
  } else {  // a 422 with a card issue, which read_reply reads as a decline (already scrubbed)
    auto pe = rep->decline.value_or(processor_error{});
    e = make_error(
        error_code::failed_precondition, reason::processor_rejected,
        fmt::format("PayPal refused the dispute action (HTTP {} {})", r.status, pe.processor_code));
    e.processor_code = std::move(pe.processor_code);
    e.processor_message = std::move(pe.processor_message);
  }
  if (r.status == 422) {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
  }
  return e;
}

step_result<dispute_result> action_done(const http_response& r, const wire::auth& a,
                                        std::string_view dispute_id, dispute_status done) {
  if (r.status < 200 || r.status >= 300) return refusal(r, a);
  dispute_result d;
  d.dispute_id = std::string(dispute_id);
  d.status = done;
  return final_result<dispute_result>(std::move(d));
}

// The evidence type of a document: its processor_type (a PayPal evidence_type word), else the
// nearest of PayPal's types for the unified one; OTHER where PayPal has none.
result<std::string> evidence_type_of(const evidence_document& d, std::size_t i) {
  if (!d.processor_type.empty()) {
    if (!evidence_word(d.processor_type))
      return invalid_argument(fmt::format("documents[{}].processor_type", i),
                              "must be a PayPal evidence_type (e.g. PROOF_OF_FULFILLMENT, "
                              "PROOF_OF_REFUND, RETURN_POLICY, OTHER)");
    return d.processor_type;
  }
  switch (d.type) {
    case evidence_type::receipt:
      return std::string("PROOF_OF_RECEIPT_COPY");
    case evidence_type::refund_policy:
      return std::string("RETURN_POLICY");
    default:
      return std::string("OTHER");
  }
}

result<http_request> evidence_request(const submit_evidence_request& req, const wire::auth& a) {
  if (req.text.size() > max_notes)
    return invalid_argument("text", "is longer than PayPal's 2000 characters (evidences[].notes)");
  boost::json::array evidences;
  std::vector<part> files;
  std::size_t total = 0;
  for (std::size_t i = 0; i < req.documents.size(); ++i) {
    const auto& d = req.documents[i];
    auto type = evidence_type_of(d, i);
    if (!type) return type.err();
    std::string ct(d.content_type.substr(0, d.content_type.find(';')));
    std::transform(ct.begin(), ct.end(), ct.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    auto kind = std::find_if(file_kinds.begin(), file_kinds.end(),
                             [&](const file_kind& k) { return k.content_type == ct; });
    if (kind == file_kinds.end())
      return invalid_argument(fmt::format("documents[{}].content_type", i),
                              "PayPal takes evidence files as PDF, JPEG, PNG or GIF "
                              "(application/pdf, image/jpeg, image/png, image/gif)");
    if (d.content.size() >= max_file_bytes)
      return invalid_argument(fmt::format("documents[{}].content", i),
                              "is 10 MB or more; PayPal takes files under 10 MB");
    total += d.content.size();
    if (total > max_call_bytes)
      return invalid_argument("documents", "PayPal takes at most 50 MB of files per call");
    files.push_back({"evidence-file", fmt::format("evidence-{}.{}", i + 1, kind->extension),
                     std::string(kind->content_type), d.content});
    if (std::none_of(evidences.begin(), evidences.end(), [&](const boost::json::value& e) {
          return e.as_object().at("evidence_type").as_string() == *type;
        }))
      evidences.push_back(boost::json::object{{"evidence_type", *type}});
  }
  if (evidences.empty()) evidences.push_back(boost::json::object{{"evidence_type", "OTHER"}});
  // notes has minLength 1: text-less evidence carries none.
  if (!req.text.empty()) evidences[0].as_object()["notes"] = req.text;
  return action_request(req.dispute_id, "provide-evidence",
                        boost::json::object{{"evidences", std::move(evidences)}}, std::move(files),
                        a, req.idempotency_key);
}

step_result<dispute_result> get_dispute(const dispute_request& req, const wire::auth& a,
                                        const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto rep = read_reply(*r, a.access_token);
    if (!rep) return rep.err();
    // Only a status word travels on into the result (status_of); anything else is a bad reply.
    auto status = rep->object ? status_of(*rep->object) : std::string();
    if (status.empty())
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        "PayPal answered the dispute lookup without a dispute status");
    dispute_result d;
    d.dispute_id = req.dispute_id;  // the id asked for, not whatever the reply echoes
    d.status = dispute_status_of(*rep->object);
    d.processor_status = std::move(status);
    return final_result<dispute_result>(std::move(d));
  }
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  return next_request<dispute_result>(
      wire::get(encoded_path({"v1", "customer", "disputes", req.dispute_id}), a));
}

step_result<dispute_result> accept_dispute(const dispute_request& req, const wire::auth& a,
                                           const flow_context& ctx) {
  if (auto* r = ctx.last_reply())
    return action_done(*r, a, req.dispute_id, dispute_status::accepted);
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  // PayPal refunds the buyer itself; accept_claim_type is left to PayPal's default (the
  // dispute's allowed_response_options say which types it allows), the note is for PayPal.
  boost::json::object input{{"note", "The merchant accepts the claim."}};
  return next_request<dispute_result>(
      action_request(req.dispute_id, "accept-claim", input, {}, a, req.idempotency_key));
}

step_result<dispute_result> submit_evidence(const submit_evidence_request& req, const wire::auth& a,
                                            const flow_context& ctx) {
  // PayPal keeps no draft: evidence is submitted as it is provided, whatever req.submit says.
  if (auto* r = ctx.last_reply())
    return action_done(*r, a, req.dispute_id, dispute_status::challenged);
  if (auto s = check_dispute_id(req.dispute_id); !s) return s.err();
  auto r = evidence_request(req, a);
  if (!r) return r.err();
  return next_request<dispute_result>(std::move(*r));
}

}  // namespace

void add_disputes_flows(flow_table& t) {
  t.get_dispute = with_auth<&wire::require_auth, &get_dispute>::run;
  t.accept_dispute = with_auth<&wire::require_auth, &accept_dispute>::run;
  t.submit_evidence = with_auth<&wire::require_auth, &submit_evidence>::run;
}

}  // namespace cs::connectors::paypal
