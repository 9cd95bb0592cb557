// authorize (order, then the card or UPI payment), complete_authorize and get_payment (GET the
// payment, after checking the callback signature when there is one).
#include <fmt/format.h>

#include "connectors/common/flow_steps.hpp"
#include "connectors/razorpay/currencies.hpp"
#include "connectors/razorpay/flow_parts.hpp"
#include "connectors/razorpay/methods.hpp"
#include "connectors/razorpay/objects.hpp"
#include "connectors/razorpay/order_lookup.hpp"
#include "connectors/razorpay/signature.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

// The order created in step 1 (read again from its reply: the flow keeps no state).
result<std::string> order_of(const exchange& step, std::string_view key_secret) {
  return created_id(step.response, key_secret, "order");
}

step_result<payment_result> settled_by_earlier_attempt(payment_result p,
                                                       std::string_view merchant_reference) {
  // An earlier attempt's payment on the order: its state, not a second charge.
  if (p.merchant_reference.empty()) p.merchant_reference = std::string(merchant_reference);
  return domain::final_result<payment_result>(std::move(p));
}

}  // namespace

step_result<payment_result> authorize(const authorize_request& req, const wire::keys& k,
                                      const flow_context& ctx) {
  auto m = check_method(req.method);
  if (!m) return m.err();
  auto rc = wire::receipt(req.merchant_reference, req.idempotency_key);
  if (!rc) return rc.err();

  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_charge(req.amount, "amount"); !s) return s.err();
    if (auto s = check_shopper(*m, req.shopper); !s) return s.err();
    if (auto s = wire::check_notes(req.metadata); !s) return s.err();
    return domain::next_request<payment_result>("order_lookup", find_orders(*rc, k));
  }

  // Steps: "order_lookup" → ["order" →] "payment"; the lookup may skip the order create (an
  // earlier attempt's order) or end the flow (an earlier attempt's payment).
  const auto& last = ctx.done.back();
  std::string order_id;
  if (ctx.last_step() == "order_lookup") {
    auto found = read_orders(last.response, k.secret, *rc, req.amount);
    if (!found) return found.err();
    if (found->payment)
      return settled_by_earlier_attempt(std::move(*found->payment), req.merchant_reference);
    if (found->order_id.empty())
      return domain::next_request<payment_result>(
          "order", wire::post("/v1/orders",
                              wire::order_body(req.amount, *rc,
                                               wire::notes(req.metadata, req.merchant_reference),
                                               req.capture == capture_method::automatic),
                              k));
    order_id = found->order_id;  // an earlier attempt's order whose payments all failed
  } else if (ctx.last_step() == "order") {
    auto created = order_of(last, k.secret);
    if (!created) return created.err();
    order_id = *created;
  }
  if (!order_id.empty()) {
    payment_fields f;
    f.amount = &req.amount;
    f.order_id = order_id;
    f.shopper = &req.shopper;
    f.dev = device_of(req.shopper, req.metadata, req.return_url);
    if (m->card) f.callback_url = req.return_url;
    f.notes = wire::notes({}, req.merchant_reference);
    return domain::next_request<payment_result>(
        "payment", wire::post(std::string(payment_target(*m)), payment_body(*m, f), k));
  }
  if (ctx.last_step() != "payment") return unexpected_step(wire::connector_name, "authorize", ctx);

  order_id = order_of_payment_request(last.request);
  auto created = payment_create_reply(last.response, k.secret);
  if (!created) return payment_create_failed(std::move(created).err(), last.response, order_id);
  payment_result p;
  p.connector_payment_id = created->payment_id;
  p.connector_operation_id = order_id;
  p.amount = req.amount;
  p.merchant_reference = req.merchant_reference;
  if (created->decline) {
    // The order exists and the payment failed: a decline, said as such.
    p.status = payment_status::failure;
    p.processor_status = "failed";
    p.error = std::move(created->decline);
    p.error->processor_message +=
        fmt::format(" [Razorpay order {} exists; the payment {}failed]", order_id,
                    p.connector_payment_id.empty() ? std::string() : p.connector_payment_id + " ");
    return domain::final_result<payment_result>(std::move(p));
  }
  // The payment is "created": a card waits for the bank page, UPI for the customer's app.
  p.processor_status = "created";
  p.redirect = std::move(created->redirect);
  p.status =
      m->card && p.redirect ? payment_status::authentication_pending : payment_status::pending;
  if (m->upi_intent) {
    if (created->intent_link.empty())
      return make_error(error_code::internal, reason::bad_processor_reply,
                        "razorpay answered a UPI intent payment without its upi:// link (the "
                        "payment " +
                            p.connector_payment_id + " waits unpaid)");
    p.deep_link = std::move(created->intent_link);
  }
  return domain::final_result<payment_result>(std::move(p));
}

step_result<payment_result> complete_authorize(const complete_authorize_request& req,
                                               const wire::keys& k, const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(
        payment_reply(*resp, k.secret, req.merchant_reference));

  const auto& payload = req.redirect_payload;
  std::string payment_id = req.connector_payment_id;
  if (auto sig = payload.find("razorpay_signature"); sig != payload.end()) {
    // Verified before anything else: an unsigned or forged callback makes no call.
    if (auto s = verify_checkout(payload, k.secret); !s) return s.err();
    const auto& signed_id = payload.at("razorpay_payment_id");
    if (payment_id.empty()) payment_id = signed_id;
    if (payment_id != signed_id)
      return invalid_argument("redirect_payload.razorpay_payment_id",
                              "is not the payment named in connector_payment_id");
  } else if (payment_id.empty()) {
    if (auto i = payload.find("razorpay_payment_id"); i != payload.end()) payment_id = i->second;
  }
  if (auto s = wire::check_id(payment_id, "connector_payment_id", "pay_", "payment"); !s)
    return s.err();
  return domain::next_request<payment_result>(wire::get(wire::path("payments", payment_id), k));
}

step_result<payment_result> get_payment(const get_payment_request& req, const wire::keys& k,
                                        const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(
        payment_reply(*resp, k.secret, req.merchant_reference));
  if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", "pay_", "payment");
      !s)
    return s.err();
  return domain::next_request<payment_result>(
      wire::get(wire::path("payments", req.connector_payment_id), k));
}

void add_payments_flows(flow_table& t) {
  t.authorize = with_auth<&wire::require_keys, &authorize>::run;
  t.complete_authorize = with_auth<&wire::require_keys, &complete_authorize>::run;
  t.get_payment = with_auth<&wire::require_keys, &get_payment>::run;
}

}  // namespace cs::connectors::razorpay
