// authorize (card: payment method, then intent; token: intent; wallets: [token →] payment method
// → intent), complete_authorize and
// get_payment (GET the intent), recurring_charge (off-session intent).
#include <fmt/format.h>

#include "connectors/common/flow_steps.hpp"
#include "connectors/stripe/currencies.hpp"
#include "connectors/stripe/flow_parts.hpp"
#include "connectors/stripe/methods.hpp"
#include "connectors/stripe/objects.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {

using namespace domain;

namespace {

std::string_view capture_value(capture_method c) {
  return c == capture_method::manual ? "manual" : "automatic";
}

result<http_request> intent_request(const authorize_request& req, std::string_view payment_method,
                                    std::string_view api_key) {
  form f;
  if (auto s = wire::add_money(f, req.amount, "amount"); !s) return std::move(s).err();
  f.add("payment_method", payment_method);
  f.add("confirm", "true");
  f.add("capture_method", capture_value(req.capture));
  const auto only_type = single_method_type(req.method);
  add_return(f, req.return_url, only_type);
  if (only_type == "sepa_debit" || only_type == "us_bank_account") add_mandate(f, req.shopper);
  // shopper.id is the merchant's own customer id unless it is a Stripe Customer.
  if (req.shopper.id.starts_with("cus_")) f.add("customer", req.shopper.id);
  if (!req.description.empty()) f.add("description", req.description);
  wire::add_metadata(f, req.metadata, req.merchant_reference);
  return wire::post("/v1/payment_intents", f, api_key, wire::step_key(req.idempotency_key));
}

// A decline of a preparatory call (e.g. the card at POST /v1/payment_methods) ends the flow.
payment_result declined(processor_error pe, std::string_view merchant_reference) {
  payment_result p;
  p.status = payment_status::failure;
  p.error = std::move(pe);
  p.merchant_reference = std::string(merchant_reference);
  return p;
}

}  // namespace

step_result<payment_result> authorize(const authorize_request& req, const std::string& key,
                                      const flow_context& ctx) {
  // Steps: [Apple Pay: "token" →] [card or wallet token: "payment_method" →] "intent".
  if (ctx.first()) {
    auto plan = plan_authorize(req.method, req.shopper, req.order);
    if (!plan) return plan.err();
    // Klarna authorizes and captures separately; the debits and bank redirects collect at once.
    if (const auto type = single_method_type(req.method);
        !type.empty() && type != "klarna" && req.capture == capture_method::manual)
      return invalid_argument("capture_method",
                              fmt::format("MANUAL is not offered for {} at Stripe: the money is "
                                          "collected when the payment is confirmed; use AUTOMATIC",
                                          type));
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_charge(req.amount, "amount"); !s) return s.err();
    if (auto s = wire::check_metadata(req.metadata); !s) return s.err();
    switch (plan->step) {
      case method_plan::first::intent: {
        auto intent = intent_request(req, plan->payment_method_id, key);
        if (!intent) return intent.err();
        return domain::next_request<payment_result>("intent", std::move(*intent));
      }
      case method_plan::first::payment_method:
        return domain::next_request<payment_result>(
            "payment_method", wire::post("/v1/payment_methods", plan->body, key,
                                         wire::step_key(req.idempotency_key, "payment_method")));
      case method_plan::first::token:
        return domain::next_request<payment_result>(
            "token", wire::post("/v1/tokens", plan->body, key,
                                wire::step_key(req.idempotency_key, "token")));
    }
  }
  if (ctx.last_step() == "token") {
    auto token = created_reply(*ctx.last_reply(), key);
    if (!token) return token.err();
    if (token->decline)
      return domain::final_result<payment_result>(
          declined(std::move(*token->decline), req.merchant_reference));
    return domain::next_request<payment_result>(
        "payment_method", wire::post("/v1/payment_methods", token_card_form(token->id, req.shopper),
                                     key, wire::step_key(req.idempotency_key, "payment_method")));
  }
  if (ctx.last_step() == "payment_method") {
    auto pm = created_reply(*ctx.last_reply(), key);
    if (!pm) return pm.err();
    if (pm->decline)
      return domain::final_result<payment_result>(
          declined(std::move(*pm->decline), req.merchant_reference));
    auto intent = intent_request(req, pm->id, key);
    if (!intent) return intent.err();
    return domain::next_request<payment_result>("intent", std::move(*intent));
  }
  if (ctx.last_step() == "intent")
    return domain::final_result<payment_result>(
        payment_reply(*ctx.last_reply(), key, req.merchant_reference));
  return unexpected_step(wire::connector_name, "authorize", ctx);
}

step_result<payment_result> complete_authorize(const complete_authorize_request& req,
                                               const std::string& key, const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(payment_reply(*resp, key, req.merchant_reference));
  // After 3-D Secure Stripe has already confirmed the intent: re-reading it tells the outcome
  // (redirect_payload — payment_intent, payment_intent_client_secret — adds nothing).
  if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", {"pi_"},
                              "PaymentIntent");
      !s)
    return s.err();
  return domain::next_request<payment_result>(
      wire::get(wire::path("payment_intents", req.connector_payment_id), key));
}

step_result<payment_result> get_payment(const get_payment_request& req, const std::string& key,
                                        const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(payment_reply(*resp, key, req.merchant_reference));
  if (auto s = wire::check_id(req.connector_payment_id, "connector_payment_id", {"pi_"},
                              "PaymentIntent");
      !s)
    return s.err();
  return domain::next_request<payment_result>(
      wire::get(wire::path("payment_intents", req.connector_payment_id), key));
}

step_result<payment_result> recurring_charge(const recurring_charge_request& req,
                                             const std::string& key, const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto p = payment_reply(*resp, key, req.merchant_reference);
    if (!p) return p.err();
    // A 402 authentication_required (the issuer wants the customer present) is a failure
    // result with that decline code: the merchant brings the customer back on session.
    if (p->status != payment_status::failure && p->status != payment_status::unrecognized)
      p->mandate = mandate{req.mandate_id, req.customer_id, mandate_status::active};
    return domain::final_result<payment_result>(std::move(p));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = wire::check_id(req.mandate_id, "connector_mandate_id", {"pm_"}, "PaymentMethod"); !s)
    return s.err();
  if (auto s = wire::check_id(req.customer_id, "customer_id", {"cus_"}, "Customer"); !s)
    return s.err();
  if (auto s = check_charge(req.amount, "amount"); !s) return s.err();

  form f;
  if (auto s = wire::add_money(f, req.amount, "amount"); !s) return s.err();
  f.add("customer", req.customer_id);
  f.add("payment_method", req.mandate_id);
  f.add("off_session", "true");
  f.add("confirm", "true");
  f.add("capture_method", capture_value(req.capture));
  add_return(f, req.return_url);
  wire::add_metadata(f, {}, req.merchant_reference);
  return domain::next_request<payment_result>(
      wire::post("/v1/payment_intents", f, key, wire::step_key(req.idempotency_key)));
}

void add_payments_flows(flow_table& t) {
  t.authorize = with_auth<&wire::require_api_key, &authorize>::run;
  t.complete_authorize = with_auth<&wire::require_api_key, &complete_authorize>::run;
  t.get_payment = with_auth<&wire::require_api_key, &get_payment>::run;
  t.recurring_charge = with_auth<&wire::require_api_key, &recurring_charge>::run;
}

}  // namespace cs::connectors::stripe
