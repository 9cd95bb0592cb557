// accept, defend and supply documents through Adyen's DisputeService (base "disputes"). Every
// reply is {"disputeServiceResult":{"success":bool,"errorMessage":…}}.
#include <fmt/format.h>
#include <boost/json/array.hpp>

#include "connectors/adyen/flow_parts.hpp"
#include "connectors/adyen/wire.hpp"
#include "connectors/common/crypto.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::adyen {

using namespace domain;

namespace {

result<dispute_result> parse_dispute_reply(const http_response& r, std::string_view api_key,
                                           std::string_view dispute_id, dispute_status on_success) {
  auto doc = wire::parse_reply(r, api_key);
  if (!doc) return doc.err();
  auto outcome = json::obj(*doc, "disputeServiceResult");
  auto success = outcome ? json::text(*outcome, "success") : std::string();
  if (success.empty()) {
    error e;
    e.code = error_code::unavailable;
    e.reason = reason::bad_processor_reply;
    e.message = "Adyen's DisputeService answered without disputeServiceResult.success";
    return e;
  }
  dispute_result d;
  d.dispute_id = std::string(dispute_id);
  if (success == "true") {
    d.status = on_success;
    d.processor_status = "success";
    return d;
  }
  // The action was refused (e.g. the defense period is over); the dispute's own state is not
  // in the reply, so it is reported as unrecognized with Adyen's explanation.
  d.status = dispute_status::unrecognized;
  d.processor_status = "failed";
  processor_error pe;
  pe.processor_message = scrub(json::str(*outcome, "errorMessage"), api_key);
  d.error = std::move(pe);
  return d;
}

http_request dispute_call(std::string target, const boost::json::object& body, const wire::auth& a,
                          std::string_view idempotency_key) {
  return wire::make_request(http_method::post, wire::disputes_base, std::move(target), &body, a,
                            idempotency_key);
}

// Adyen's document type codes depend on the scheme and defense reason (see
// /retrieveApplicableDefenseReasons); processor_type wins, this is the best generic guess.
std::string_view document_type_code(const evidence_document& d) {
  if (!d.processor_type.empty()) return d.processor_type;
  switch (d.type) {
    case evidence_type::receipt:
      return "TIDorInvoice";
    default:
      return "DefenseMaterial";
  }
}

// The dispute APIs have no idempotency key of their own; the header is derived from the dispute
// and the action so a retry of the same action carries the same key.
// The request's key, or (a request built without one) the action on the dispute.
std::string dispute_key(const domain::request_base& req, std::string_view action,
                        std::string_view dispute_id) {
  if (!req.idempotency_key.empty()) return wire::idempotency_key(req.idempotency_key);
  return wire::idempotency_key(fmt::format("{}-{}", action, dispute_id));
}

}  // namespace

step_result<dispute_result> accept_dispute(const dispute_request& req, const wire::auth& a,
                                           const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(
        parse_dispute_reply(*resp, a.api_key, req.dispute_id, dispute_status::accepted));
  if (auto s = wire::check_reference(req.dispute_id, "connector_dispute_id"); !s) return s.err();
  boost::json::object body{{"disputePspReference", req.dispute_id},
                           {"merchantAccountCode", a.merchant_account}};
  return domain::next_request<dispute_result>(
      dispute_call("/acceptDispute", body, a, dispute_key(req, "accept", req.dispute_id)));
}

step_result<dispute_result> defend_dispute(const defend_dispute_request& req, const wire::auth& a,
                                           const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(
        parse_dispute_reply(*resp, a.api_key, req.dispute_id, dispute_status::challenged));
  if (auto s = wire::check_reference(req.dispute_id, "connector_dispute_id"); !s) return s.err();
  if (req.reason_code.empty())
    return invalid_argument("reason_code",
                            "is required: an Adyen defenseReasonCode such as "
                            "GoodsOrServicesProvided (see /retrieveApplicableDefenseReasons)");
  boost::json::object body{{"disputePspReference", req.dispute_id},
                           {"defenseReasonCode", req.reason_code},
                           {"merchantAccountCode", a.merchant_account}};
  return domain::next_request<dispute_result>(
      dispute_call("/defendDispute", body, a, dispute_key(req, "defend", req.dispute_id)));
}

step_result<dispute_result> submit_evidence(const submit_evidence_request& req, const wire::auth& a,
                                            const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<dispute_result>(
        parse_dispute_reply(*resp, a.api_key, req.dispute_id, dispute_status::challenged));
  if (auto s = wire::check_reference(req.dispute_id, "connector_dispute_id"); !s) return s.err();
  if (req.documents.empty())
    return invalid_argument("documents",
                            "at least one document is required: Adyen takes evidence only as "
                            "defense documents");
  boost::json::array docs;
  std::string digest_input = "supply-" + req.dispute_id;
  for (std::size_t i = 0; i < req.documents.size(); ++i) {
    const auto& d = req.documents[i];
    if (d.content.empty()) return missing_field(fmt::format("documents[{}].content", i));
    if (d.content_type.empty()) return missing_field(fmt::format("documents[{}].content_type", i));
    auto content = base64_encode(d.content);
    docs.push_back(boost::json::object{{"content", content},
                                       {"contentType", d.content_type},
                                       {"defenseDocumentTypeCode", document_type_code(d)}});
    digest_input += "-" + content;
  }
  boost::json::object body{{"disputePspReference", req.dispute_id},
                           {"merchantAccountCode", a.merchant_account},
                           {"defenseDocuments", std::move(docs)}};
  // Documents of any size fold into a fixed-length key (the SHA-256 of the whole input).
  return domain::next_request<dispute_result>(
      dispute_call("/supplyDefenseDocument", body, a,
                   req.idempotency_key.empty() ? sha256_hex(digest_input)
                                               : wire::idempotency_key(req.idempotency_key)));
}

void add_disputes_flows(flow_table& t) {
  t.accept_dispute = with_auth<&wire::require_auth, &accept_dispute>::run;
  t.defend_dispute = with_auth<&wire::require_auth, &defend_dispute>::run;
  t.submit_evidence = with_auth<&wire::require_auth, &submit_evidence>::run;
}

}  // namespace cs::connectors::adyen
