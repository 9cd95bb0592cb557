// authorize and recurring_charge (the charge of charge.hpp: lookup → [tokenize →]
// authorize/charge) and get_payment (node(id), after idFromLegacyId for a legacy id).
#include "connectors/braintree/charge.hpp"
#include "connectors/braintree/flow_parts.hpp"
#include "connectors/braintree/ids.hpp"
#include "connectors/braintree/queries.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/braintree/scrubbed.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::braintree {

using namespace domain;

namespace {

step_result<payment_result> authorize(const authorize_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  auto order = wire::order_id(req.merchant_reference, req.idempotency_key);
  if (!order) return order.err();
  charge_spec c;
  c.amount = req.amount;
  c.order_id = std::move(*order);
  c.capture = req.capture;
  c.method = &req.method;
  c.merchant_reference = req.merchant_reference;
  c.flow = "authorize";
  return run_charge(c, a, ctx);
}

// The stored-credential initiator of a merchant-initiated charge on a vaulted card.
std::string initiator(recurring_model m) {
  return m == recurring_model::subscription ? "RECURRING" : "UNSCHEDULED";
}

step_result<payment_result> recurring_charge(const recurring_charge_request& req,
                                             const wire::auth& a, const flow_context& ctx) {
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (req.mandate_id.empty()) return missing_field("mandate_id");
  auto order = wire::order_id(req.merchant_reference, req.idempotency_key);
  if (!order) return order.err();
  payment_method vaulted = processor_token{req.mandate_id};
  charge_spec c;
  c.amount = req.amount;
  c.order_id = std::move(*order);
  c.capture = req.capture;
  c.method = &vaulted;
  c.initiator = initiator(req.model);
  c.merchant_reference = req.merchant_reference;
  c.flow = "recurring_charge";
  return run_charge(c, a, ctx);
}

step_result<payment_result> get_payment(const get_payment_request& req, const wire::auth& a,
                                        const flow_context& ctx) {
  if (ctx.last_step() == "transaction") {
    auto txn = read_node(*ctx.last_reply(), a, "Transaction");
    if (!txn) return txn.err();
    return final_result(read_transaction(*txn, req.merchant_reference));
  }
  auto id =
      global_id(req.connector_payment_id, id_kind::transaction, "connector_payment_id", ctx, a);
  if (!id) return id.err();
  if (id->empty())
    return next_request<payment_result>(
        legacy_id_request(req.connector_payment_id, id_kind::transaction, a));
  return next_request<payment_result>(
      wire::graphql("transaction", queries::transaction, {{"id", *id}}, a));
}

}  // namespace

void add_payments_flows(flow_table& t) {
  t.authorize = with_auth<&wire::read_auth, &guarded<&authorize>::run>::run;
  t.recurring_charge = with_auth<&wire::read_auth, &guarded<&recurring_charge>::run>::run;
  t.get_payment = with_auth<&wire::read_auth, &guarded<&get_payment>::run>::run;
}

}  // namespace cs::connectors::braintree
