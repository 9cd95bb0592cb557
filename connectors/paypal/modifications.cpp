// capture, void, refund and get_refund. The caller keeps one id, the order's: each modification
// first reads the order (step "order") for the authorization or capture PayPal acts on, then makes
// the call ("capture", "void", "refund").
#include <fmt/format.h>

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/paypal/currencies.hpp"
#include "connectors/paypal/flow_parts.hpp"
#include "connectors/paypal/replies.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {

using namespace domain;

namespace {

http_request read_order_request(std::string_view order_id, const wire::auth& a) {
  return wire::get(encoded_path({"v2", "checkout", "orders", order_id}), a);
}

// The order (parsed from the "order" step's reply), or the error that ends the flow.
result<order_view> order_of(const flow_context& ctx, const wire::auth& a,
                            std::string_view merchant_reference) {
  auto rep = read_reply(*ctx.reply_to("order"), a.access_token);
  if (!rep) return rep.err();
  if (!rep->object)
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered the order lookup without a body");
  return read_order(*rep->object, merchant_reference);
}

error no_such(std::string_view what, std::string_view order_id, std::string_view status) {
  return make_error(
      error_code::failed_precondition, reason::processor_error,
      fmt::format("PayPal order {} has no {} (order status {})", order_id, what, status));
}

// The capture or authorization object PayPal answered, as the payment's state.
step_result<payment_result> payment_after(const http_response& r, const wire::auth& a,
                                          std::string order_id, bool is_capture, bool partial,
                                          std::string_view merchant_reference) {
  auto rep = read_reply(r, a.access_token);
  if (!rep) return rep.err();
  payment_result p;
  p.connector_payment_id = std::move(order_id);
  p.merchant_reference = std::string(merchant_reference);
  if (rep->decline) {
    p.status = is_capture ? payment_status::capture_failed : payment_status::failure;
    p.error = std::move(rep->decline);
    return final_result<payment_result>(std::move(p));
  }
  if (!rep->object) {  // 204: a void with return=minimal
    p.status = payment_status::voided;
    p.processor_status = "VOIDED";
    return final_result<payment_result>(std::move(p));
  }
  auto obj = *rep->object;
  p.connector_operation_id = json::str(obj, "id");
  p.processor_status = status_of(obj);
  if (is_capture) {
    p.status = map_capture_status(p.processor_status);
    if (p.status == payment_status::charged && partial)
      p.status = payment_status::partially_charged;
    if (p.status == payment_status::failure) p.status = payment_status::capture_failed;
    p.captured_amount = wire::read_money(obj);
  } else {
    p.status = map_authorization_status(p.processor_status);
  }
  return final_result<payment_result>(std::move(p));
}

step_result<payment_result> capture(const capture_request& req, const wire::auth& a,
                                    const flow_context& ctx) {
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", "order"); !s)
      return s.err();
    if (auto s = check_within(req.amount_to_capture, req.payment_amount, "amount_to_capture",
                              &check_amount);
        !s)
      return s.err();
    return next_request<payment_result>("order", read_order_request(req.connector_payment_id, a));
  }
  bool partial = req.amount_to_capture && req.payment_amount &&
                 req.amount_to_capture->minor_amount < req.payment_amount->minor_amount;
  if (ctx.last_step() == "order") {
    auto order = order_of(ctx, a, req.merchant_reference);
    if (!order) return order.err();
    if (order->authorization_id.empty())
      return no_such("authorization to capture", req.connector_payment_id, order->status);
    boost::json::object body{{"final_capture", !partial}};
    if (req.amount_to_capture) {
      auto amount = wire::money_json(*req.amount_to_capture, "amount_to_capture");
      if (!amount) return amount.err();
      body["amount"] = std::move(*amount);
    }
    return next_request<payment_result>(
        "capture", wire::post(encoded_path({"v2", "payments", "authorizations",
                                            order->authorization_id, "capture"}),
                              &body, a, wire::request_id(req.idempotency_key)));
  }
  if (ctx.last_step() == "capture")
    return payment_after(*ctx.last_reply(), a, req.connector_payment_id, true, partial,
                         req.merchant_reference);
  return unexpected_step(wire::connector_name, "capture", ctx);
}

step_result<payment_result> void_payment(const void_request& req, const wire::auth& a,
                                         const flow_context& ctx) {
  if (ctx.first()) {
    if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", "order"); !s)
      return s.err();
    return next_request<payment_result>("order", read_order_request(req.connector_payment_id, a));
  }
  if (ctx.last_step() == "order") {
    auto order = order_of(ctx, a, req.merchant_reference);
    if (!order) return order.err();
    if (order->authorization_id.empty())
      return no_such("authorization to void", req.connector_payment_id, order->status);
    // The spec lists no PayPal-Request-Id on void: a lost reply is not retried, and a second
    // void is refused (PREVIOUSLY_VOIDED) rather than doubled.
    return next_request<payment_result>("void",
                                        wire::post(encoded_path({"v2", "payments", "authorizations",
                                                                 order->authorization_id, "void"}),
                                                   nullptr, a, {}));
  }
  if (ctx.last_step() == "void")
    return payment_after(*ctx.last_reply(), a, req.connector_payment_id, false, false,
                         req.merchant_reference);
  return unexpected_step(wire::connector_name, "void", ctx);
}

refund_result refund_of(simdjson::dom::element obj, std::string order_id,
                        std::string_view merchant_reference) {
  refund_result r;
  r.connector_refund_id = json::str(obj, "id");
  r.connector_payment_id = std::move(order_id);
  r.processor_status = status_of(obj);
  r.status = map_refund_status(r.processor_status);
  r.amount = wire::read_money(obj);
  r.merchant_reference = std::string(merchant_reference);
  return r;
}

step_result<refund_result> refund(const refund_request& req, const wire::auth& a,
                                  const flow_context& ctx) {
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", "order"); !s)
      return s.err();
    if (auto s = check_within(req.amount, req.payment_amount, "amount", &check_amount); !s)
      return s.err();
    return next_request<refund_result>("order", read_order_request(req.connector_payment_id, a));
  }
  if (ctx.last_step() == "order") {
    auto order = order_of(ctx, a, req.merchant_reference);
    if (!order) return order.err();
    if (order->capture_id.empty())
      return no_such("capture to refund", req.connector_payment_id, order->status);
    boost::json::object body;
    if (req.amount) {
      auto amount = wire::money_json(*req.amount, "amount");
      if (!amount) return amount.err();
      body["amount"] = std::move(*amount);
    }
    if (!req.merchant_reference.empty()) body["custom_id"] = req.merchant_reference.substr(0, 127);
    return next_request<refund_result>(
        "refund",
        wire::post(encoded_path({"v2", "payments", "captures", order->capture_id, "refund"}), &body,
                   a, wire::request_id(req.idempotency_key)));
  }
  if (ctx.last_step() == "refund") {
    auto rep = read_reply(*ctx.last_reply(), a.access_token);
    if (!rep) return rep.err();
    if (rep->decline || !rep->object) {
      refund_result r;
      r.status = refund_status::failure;
      r.connector_payment_id = req.connector_payment_id;
      r.error = std::move(rep->decline);
      return final_result<refund_result>(std::move(r));
    }
    return final_result<refund_result>(
        refund_of(*rep->object, req.connector_payment_id, req.merchant_reference));
  }
  return unexpected_step(wire::connector_name, "refund", ctx);
}

step_result<refund_result> get_refund(const get_refund_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto rep = read_reply(*r, a.access_token);
    if (!rep) return rep.err();
    if (!rep->object)
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        "PayPal answered the refund lookup without a body");
    return final_result<refund_result>(refund_of(*rep->object, req.connector_payment_id, {}));
  }
  if (auto s = wire::check_id(req.connector_refund_id, "connector_refund_id", "refund"); !s)
    return s.err();
  return next_request<refund_result>(
      wire::get(encoded_path({"v2", "payments", "refunds", req.connector_refund_id}), a));
}

}  // namespace

void add_modifications_flows(flow_table& t) {
  t.capture = with_auth<&wire::require_auth, &capture>::run;
  t.void_payment = with_auth<&wire::require_auth, &void_payment>::run;
  t.refund = with_auth<&wire::require_auth, &refund>::run;
  t.get_refund = with_auth<&wire::require_auth, &get_refund>::run;
}

}  // namespace cs::connectors::paypal
