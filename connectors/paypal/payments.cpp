// authorize (card: create the order with payment_source.card, then authorize or capture it when
// PayPal leaves it CREATED/APPROVED), complete_authorize (after the payer's 3-D Secure or
// approval: read the order, then authorize or capture it) and get_payment (GET the order).
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

constexpr std::size_t max_custom_id = 127;

result<boost::json::object> card_source(const payment_method& m, const std::string& return_url) {
  if (std::holds_alternative<std::monostate>(m)) return missing_field("payment_method");
  const auto* c = std::get_if<card>(&m);
  if (!c)
    return invalid_argument("payment_method",
                            "the PayPal connector takes cards (payment_method.card) for now; "
                            "PayPal wallet, UPI and processor tokens are not supported");
  if (auto s = validate_card(*c, "payment_method.card"); !s) return s.err();
  boost::json::object card{
      {"number", c->number.reveal()},
      {"expiry", fmt::format("{:04d}-{:02d}", c->expiry_year, c->expiry_month)},
  };
  if (!c->cvc.reveal().empty()) card["security_code"] = c->cvc.reveal();
  if (!c->holder_name.empty()) card["name"] = c->holder_name;
  // Where PayPal sends the payer back after 3-D Secure.
  if (!return_url.empty())
    card["experience_context"] =
        boost::json::object{{"return_url", return_url}, {"cancel_url", return_url}};
  return boost::json::object{{"card", std::move(card)}};
}

result<http_request> order_request(const authorize_request& req, const wire::auth& a) {
  if (req.merchant_reference.size() > max_custom_id)
    return invalid_argument("merchant_reference",
                            "PayPal's custom_id takes at most 127 characters");
  auto amount = wire::money_json(req.amount, "amount");
  if (!amount) return amount.err();
  auto source = card_source(req.method, req.return_url);
  if (!source) return source.err();
  boost::json::object unit{{"amount", std::move(*amount)}};
  if (!req.merchant_reference.empty()) unit["custom_id"] = req.merchant_reference;
  if (!req.description.empty()) unit["description"] = req.description.substr(0, 127);
  boost::json::object body{
      {"intent", req.capture == capture_method::manual ? "AUTHORIZE" : "CAPTURE"},
      {"purchase_units", boost::json::array{std::move(unit)}},
      {"payment_source", std::move(*source)},
  };
  return wire::post("/v2/checkout/orders", &body, a, wire::request_id(req.idempotency_key));
}

// POST /v2/checkout/orders/{id}/authorize or /capture, as the order's intent says.
http_request settle_request(std::string_view order_id, bool authorize, const wire::auth& a,
                            std::string_view idempotency_key) {
  boost::json::object empty;
  auto action = authorize ? "authorize" : "capture";
  return wire::post(encoded_path({"v2", "checkout", "orders", order_id, action}), &empty, a,
                    wire::request_id(idempotency_key, action));
}

payment_result declined(processor_error pe, std::string order_id,
                        std::string_view merchant_reference) {
  payment_result p;
  p.status = payment_status::failure;
  p.connector_payment_id = std::move(order_id);
  p.error = std::move(pe);
  p.merchant_reference = std::string(merchant_reference);
  return p;
}

// The order's id from a reply to the "order" step (copied out: the parser is reused).
std::string order_id_of(const http_response& r) {
  auto doc = json::parse(r.body, wire::connector_name);
  return doc ? json::str(*doc, "id") : std::string();
}

// The order after a step: final, or the authorize / capture call (as its intent says) that
// PayPal waits for while the order is CREATED or APPROVED.
step_result<payment_result> after_order(const http_response& r, const wire::auth& a,
                                        std::string_view idempotency_key,
                                        std::string_view merchant_reference,
                                        std::string_view order_id_sent = {}) {
  auto rep = read_reply(r, a.access_token);
  if (!rep) return rep.err();
  if (rep->decline)
    return final_result<payment_result>(
        declined(std::move(*rep->decline), std::string(order_id_sent), merchant_reference));
  if (!rep->object)  // a 2xx without a body says nothing about the order
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered the order call without a body");
  auto order = read_order(*rep->object, merchant_reference);
  if (!order) return order.err();
  if ((order->status == "CREATED" || order->status == "APPROVED") && !idempotency_key.empty()) {
    bool authorize = order->intent == "AUTHORIZE";
    return next_request<payment_result>(
        authorize ? "authorize" : "capture",
        settle_request(order->payment.connector_payment_id, authorize, a, idempotency_key));
  }
  return final_result<payment_result>(std::move(order->payment));
}

bool settled(std::string_view step) {
  return step == "authorize" || step == "capture";
}

step_result<payment_result> authorize(const authorize_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  // Steps: "order" → ["authorize" | "capture", when PayPal leaves the order to the merchant].
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_amount(req.amount, "amount"); !s) return s.err();
    auto r = order_request(req, a);
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
