// authorize (create the order with payment_source.card or .paypal, then authorize or capture it
// when PayPal leaves it CREATED/APPROVED; the PayPal wallet first waits for the payer),
// complete_authorize (after the payer's 3-D Secure or approval: read the order, then authorize or
// capture it) and get_payment (GET the order).

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/paypal/currencies.hpp"
#include "connectors/paypal/flow_parts.hpp"
#include "connectors/paypal/orders.hpp"
#include "connectors/paypal/replies.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {

using namespace domain;

namespace {

// payment_source: a card, or the payer's PayPal wallet (approved at PayPal, so a return_url is
// needed: the payer comes back there and the merchant calls CompleteAuthorize).
result<boost::json::object> payment_source(const payment_method& m, const std::string& return_url) {
  if (std::holds_alternative<std::monostate>(m)) return missing_field("payment_method");
  if (const auto* w = std::get_if<wallet>(&m)) {
    if (w->type != wallet_type::paypal)
      return invalid_argument(
          "payment_method",
          "the PayPal connector takes the PayPal wallet (payment_method.paypal) "
          "and cards; Apple Pay and Google Pay are not supported here");
    if (return_url.empty()) return missing_field("return_url");
    auto context = wire::return_context(return_url);
    // The payer approves and pays at PayPal; CompleteAuthorize then authorizes or captures.
    context["user_action"] = "PAY_NOW";
    return boost::json::object{
        {"paypal", boost::json::object{{"experience_context", std::move(context)}}}};
  }
  const auto* c = std::get_if<card>(&m);
  if (!c)
    return invalid_argument("payment_method",
                            "the PayPal connector takes cards and the PayPal wallet; a vaulted "
                            "payment token is charged with RecurringCharge (mandate_id)");
  auto card = wire::card_json(*c, return_url);
  if (!card) return card.err();
  return boost::json::object{{"card", std::move(*card)}};
}

step_result<payment_result> authorize(const authorize_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  // Steps: "order" → ["authorize" | "capture", when PayPal leaves the order to the merchant].
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_amount(req.amount, "amount"); !s) return s.err();
    auto source = payment_source(req.method, req.return_url);
    if (!source) return source.err();
    auto r = order_request(req.amount, req.capture, req.merchant_reference, req.description,
                           std::move(*source), a, req.idempotency_key);
    if (!r) return r.err();
    return next_request<payment_result>("order", std::move(*r));
  }
  if (ctx.last_step() == "order")
    return after_order(*ctx.last_reply(), a, req.idempotency_key, req.merchant_reference);
  if (settled(ctx.last_step()))
    return after_order(*ctx.last_reply(), a, {}, req.merchant_reference,
                       order_id_of(*ctx.reply_to("order")));
  return unexpected_step(wire::connector_name, "authorize", ctx);
}

// After the payer came back (3-D Secure, approval): the order, then the call it waits for.
step_result<payment_result> complete_authorize(const complete_authorize_request& req,
                                               const wire::auth& a, const flow_context& ctx) {
  if (ctx.first()) {
    if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", "order"); !s)
      return s.err();
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    return next_request<payment_result>(
        "order",
        wire::get(encoded_path({"v2", "checkout", "orders", req.connector_payment_id}), a));
  }
  if (ctx.last_step() == "order")
    return after_order(*ctx.last_reply(), a, req.idempotency_key, req.merchant_reference);
  if (settled(ctx.last_step()))
    return after_order(*ctx.last_reply(), a, {}, req.merchant_reference, req.connector_payment_id);
  return unexpected_step(wire::connector_name, "complete_authorize", ctx);
}

step_result<payment_result> get_payment(const get_payment_request& req, const wire::auth& a,
                                        const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) return after_order(*r, a, {}, req.merchant_reference);
  if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", "order"); !s)
    return s.err();
  return next_request<payment_result>(
      wire::get(encoded_path({"v2", "checkout", "orders", req.connector_payment_id}), a));
}

}  // namespace

void add_payments_flows(flow_table& t) {
  t.authorize = with_auth<&wire::require_auth, &authorize>::run;
  t.complete_authorize = with_auth<&wire::require_auth, &complete_authorize>::run;
  t.get_payment = with_auth<&wire::require_auth, &get_payment>::run;
}

}  // namespace cs::connectors::paypal
