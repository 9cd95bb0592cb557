// Disputes: get (node), accept (acceptDispute), evidence (createDisputeTextEvidence, then
// finalizeDispute unless saved as a draft) and defend (finalizeDispute: submit what was added).
// A legacy dispute id (webhooks) is turned into the global id first ("legacy_id").
#include <fmt/format.h>

#include "connectors/braintree/flow_parts.hpp"
#include "connectors/braintree/ids.hpp"
#include "connectors/braintree/queries.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/braintree/scrubbed.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::braintree {

using namespace domain;

namespace {

// The dispute of `payload` (acceptDispute, finalizeDispute) or of a node query.
step_result<dispute_result> dispute_reply(const http_response& r, const wire::auth& a,
                                          std::string_view payload) {
  auto data = read_data(r, a);
  if (!data) return data.err();
  auto d = at(*data, {payload, "dispute"});
  if (!d)
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      fmt::format("Braintree answered {} without the dispute", payload));
  return final_result(read_dispute(*d));
}

// The first step of every dispute flow: "legacy_id" for a legacy id, else `then` on the global
// id. `then` gives the request for the global id.
template <class Then>
step_result<dispute_result> with_dispute_id(std::string_view id, const wire::auth& a,
                                            const flow_context& ctx, Then then) {
  auto global = global_id(id, id_kind::dispute, "dispute_id", ctx, a);
  if (!global) return global.err();
  if (global->empty())
    return next_request<dispute_result>(legacy_id_request(id, id_kind::dispute, a));
  return next_request<dispute_result>(then(*global));
}

http_request input_call(std::string_view step, std::string_view query, boost::json::object input,
                        const wire::auth& a) {
  return wire::graphql(step, query, {{"input", std::move(input)}}, a);
}

step_result<dispute_result> get_dispute(const dispute_request& req, const wire::auth& a,
                                        const flow_context& ctx) {
  if (ctx.last_step() == "dispute") {
    auto node = read_node(*ctx.last_reply(), a, "Dispute");
    if (!node) return node.err();
    return final_result(read_dispute(*node));
  }
  return with_dispute_id(req.dispute_id, a, ctx, [&](const std::string& id) {
    return wire::graphql("dispute", queries::dispute, {{"id", id}}, a);
  });
}

step_result<dispute_result> accept_dispute(const dispute_request& req, const wire::auth& a,
                                           const flow_context& ctx) {
  if (ctx.last_step() == "accept") return dispute_reply(*ctx.last_reply(), a, "acceptDispute");
  return with_dispute_id(req.dispute_id, a, ctx, [&](const std::string& id) {
    return input_call("accept", queries::accept_dispute, {{"disputeId", id}}, a);
  });
}

http_request finalize(const std::string& id, const wire::auth& a) {
  return input_call("finalize", queries::finalize_dispute, {{"disputeId", id}}, a);
}

step_result<dispute_result> submit_evidence(const submit_evidence_request& req, const wire::auth& a,
                                            const flow_context& ctx) {
  if (ctx.first()) {
    if (!req.documents.empty())
      return invalid_argument(
          "documents",
          "Braintree takes file evidence only as a multipart upload (createDisputeFileEvidence "
          "has no file field), which this connector does not make: send the evidence as text, "
          "or upload files in the Control Panel");
    if (req.text.empty() && !req.submit)
      return invalid_argument("text", "is empty: there is no evidence to save");
  }
  if (ctx.last_step() == "finalize") return dispute_reply(*ctx.last_reply(), a, "finalizeDispute");
  auto global = global_id(req.dispute_id, id_kind::dispute, "dispute_id", ctx, a);
  if (!global) return global.err();
  if (global->empty())
    return next_request<dispute_result>(legacy_id_request(req.dispute_id, id_kind::dispute, a));
  if (ctx.last_step() == "text_evidence") {
    auto data = read_data(*ctx.last_reply(), a);
    if (!data) return data.err();
    if (req.submit) return next_request<dispute_result>(finalize(*global, a));
    // Saved as a draft: the dispute stays open until DefendDispute (finalize) submits it.
    dispute_result d;
    d.status = dispute_status::opened;
    d.dispute_id = *global;
    d.processor_status = "OPEN";
    return final_result(std::move(d));
  }
  if (!req.text.empty())
    return next_request<dispute_result>(
        input_call("text_evidence", queries::create_dispute_text_evidence,
                   {{"disputeId", *global}, {"category", "GENERAL"}, {"content", req.text}}, a));
  return next_request<dispute_result>(finalize(*global, a));
}

step_result<dispute_result> defend_dispute(const defend_dispute_request& req, const wire::auth& a,
                                           const flow_context& ctx) {
  if (ctx.last_step() == "finalize") return dispute_reply(*ctx.last_reply(), a, "finalizeDispute");
  return with_dispute_id(req.dispute_id, a, ctx,
                         [&](const std::string& id) { return finalize(id, a); });
}

}  // namespace

void add_disputes_flows(flow_table& t) {
  t.get_dispute = with_auth<&wire::read_auth, &guarded<&get_dispute>::run>::run;
  t.accept_dispute = with_auth<&wire::read_auth, &guarded<&accept_dispute>::run>::run;
  t.submit_evidence = with_auth<&wire::read_auth, &guarded<&submit_evidence>::run>::run;
  t.defend_dispute = with_auth<&wire::read_auth, &guarded<&defend_dispute>::run>::run;
}

}  // namespace cs::connectors::braintree
