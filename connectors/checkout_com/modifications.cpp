// capture, void and refund: each a POST on the payment that Checkout.com answers 202 "accepted"
// with an action_id, before the acquirer has answered. The result is therefore pending
// (CAPTURE_PENDING, VOID_PENDING, refund PENDING) with the action id as the operation (refund)
// id; GetPayment, GetRefund (the refund in GET /payments/{id}/actions) or the webhook says how it
// ended.
#include "connectors/checkout_com/currencies.hpp"
#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"

namespace cs::connectors::checkout_com {

using namespace domain;

namespace {

http_request action(std::string_view payment_id, std::string_view what,
                    const boost::json::object& body, const wire::auth& a,
                    std::string_view idempotency_key) {
  return wire::post(encoded_path({"payments", payment_id, what}), body, a, idempotency_key);
}

// The action id of a 202, or the error (403: "Capture not allowed" and the like).
result<std::string> accepted(const flow_context& ctx, const wire::auth& a) {
  auto body = read_reply(*ctx.last_reply(), a.secret_key);
  if (!body) return body.err();
  return read_action_id(*body);
}

step_result<payment_result> pending(const flow_context& ctx, const wire::auth& a,
                                    std::string payment_id, payment_status status,
                                    std::string_view merchant_reference) {
  auto id = accepted(ctx, a);
  if (!id) return id.err();
  payment_result p;
  p.status = status;
  p.connector_payment_id = std::move(payment_id);
  p.connector_operation_id = std::move(*id);
  p.processor_status = "Accepted";  // HTTP 202: the action is queued, not yet answered
  p.merchant_reference = std::string(merchant_reference);
  return final_result(std::move(p));
}

status check_key_and_id(const request_base& req, const std::string& payment_id) {
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  return wire::check_payment_id(payment_id, "connector_payment_id");
}

step_result<payment_result> capture(const capture_request& req, const wire::auth& a,
                                    const flow_context& ctx) {
  if (!ctx.first())
    return pending(ctx, a, req.connector_payment_id, payment_status::capture_pending,
                   req.merchant_reference);
  if (auto s = check_key_and_id(req, req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount_to_capture, req.payment_amount, "amount_to_capture",
                            &check_amount);
      !s)
    return s.err();
  boost::json::object body;
  if (req.amount_to_capture) {
    auto amount = wire::amount(*req.amount_to_capture, "amount_to_capture");
    if (!amount) return amount.err();
    body["amount"] = *amount;
  }
  if (!req.merchant_reference.empty()) body["reference"] = wire::reference(req.merchant_reference);
  return next_request<payment_result>(
      action(req.connector_payment_id, "captures", body, a, req.idempotency_key));
}

step_result<payment_result> void_payment(const void_request& req, const wire::auth& a,
                                         const flow_context& ctx) {
  if (!ctx.first())
    return pending(ctx, a, req.connector_payment_id, payment_status::void_pending,
                   req.merchant_reference);
  if (auto s = check_key_and_id(req, req.connector_payment_id); !s) return s.err();
  boost::json::object body;
  if (!req.merchant_reference.empty()) body["reference"] = wire::reference(req.merchant_reference);
  return next_request<payment_result>(
      action(req.connector_payment_id, "voids", body, a, req.idempotency_key));
}

step_result<refund_result> refund(const refund_request& req, const wire::auth& a,
                                  const flow_context& ctx) {
  if (!ctx.first()) {
    auto id = accepted(ctx, a);
    if (!id) return id.err();
    refund_result r;
    r.status = refund_status::pending;
    r.connector_refund_id = std::move(*id);
    r.connector_payment_id = req.connector_payment_id;
    r.amount = req.amount;
    r.processor_status = "Accepted";
    r.merchant_reference = req.merchant_reference;
    return final_result(std::move(r));
  }
  if (auto s = check_key_and_id(req, req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount, req.payment_amount, "amount", &check_amount); !s)
    return s.err();
  boost::json::object body;
  if (req.amount) {
    auto amount = wire::amount(*req.amount, "amount");
    if (!amount) return amount.err();
    body["amount"] = *amount;
  }
  if (!req.merchant_reference.empty()) body["reference"] = wire::reference(req.merchant_reference);
  return next_request<refund_result>(
      action(req.connector_payment_id, "refunds", body, a, req.idempotency_key));
}

// Checkout.com has no refund object: a refund is an action of its payment, so the request needs
// the payment id as well as the refund (action) id.
step_result<refund_result> get_refund(const get_refund_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto body = read_list_reply(*r, a.secret_key);
    if (!body) return body.err();
    auto refund = read_refund_action(*body, req.connector_refund_id, a.secret_key);
    if (refund) refund->connector_payment_id = req.connector_payment_id;
    return final_result(std::move(refund));
  }
  if (req.connector_refund_id.empty()) return missing_field("connector_refund_id");
  if (!wire::is_id(req.connector_refund_id, "act_"))
    return invalid_argument("connector_refund_id",
                            "is not a Checkout.com refund id (the refund's action id: act_ and 26 "
                            "letters or digits)");
  if (req.connector_payment_id.empty()) {
    auto e = missing_field("connector_payment_id");
    e.message += ": Checkout.com lists a refund under its payment (GET /payments/{id}/actions)";
    return e;
  }
  // The actions path takes payment ids only (`^(pay)_(\w{26})$`), not session ids.
  if (!wire::is_id(req.connector_payment_id, "pay_"))
    return invalid_argument("connector_payment_id",
                            "is not a Checkout.com payment id (pay_ and 26 letters or digits)");
  return next_request<refund_result>(
      wire::get(encoded_path({"payments", req.connector_payment_id, "actions"}), a));
}

}  // namespace

void add_modifications_flows(flow_table& t) {
  t.capture = with_auth<&wire::read_auth, &capture>::run;
  t.void_payment = with_auth<&wire::read_auth, &void_payment>::run;
  t.refund = with_auth<&wire::read_auth, &refund>::run;
  t.get_refund = with_auth<&wire::read_auth, &get_refund>::run;
}

}  // namespace cs::connectors::checkout_com
