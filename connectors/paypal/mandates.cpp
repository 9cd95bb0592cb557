// Mandates as Vault v3 payment tokens: setup_mandate (a setup token for a card or the PayPal
// wallet, then the payment token made from it), recurring_charge (an order paid from the token,
// merchant-initiated) and revoke_mandate (DELETE the token). The payment token's id is the
// mandate id; PayPal's customer id is the mandate's customer.

#include <algorithm>
#include <cctype>

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

// Vault v3 `customer.id`: letters, digits, '_' and '-', at most 22 (vault_payment_tokens_v3).
status check_customer_id(std::string_view id, std::string_view field) {
  if (id.size() > 22 || !std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '_' || c == '-';
      }))
    return invalid_argument(
        std::string(field),
        "is not a PayPal customer id (letters, digits, '_' or '-', at most 22)");
  return ok_status();
}

// POST /v3/vault/setup-tokens for a card or the PayPal wallet.
result<http_request> setup_token_request(const setup_mandate_request& req, const wire::auth& a) {
  boost::json::object source;
  if (const auto* c = std::get_if<card>(&req.method)) {
    auto card = wire::card_json(*c, req.return_url);
    if (!card) return card.err();
    (*card)["verification_method"] = "SCA_WHEN_REQUIRED";
    source["card"] = std::move(*card);
  } else {
    if (req.return_url.empty()) return missing_field("return_url");
    // The merchant charges later without the payer (usage_type MERCHANT).
    source["paypal"] = boost::json::object{
        {"usage_type", "MERCHANT"}, {"experience_context", wire::return_context(req.return_url)}};
  }
  boost::json::object body{{"payment_source", std::move(source)}};
  if (!req.shopper.id.empty()) body["customer"] = boost::json::object{{"id", req.shopper.id}};
  return wire::post("/v3/vault/setup-tokens", &body, a,
                    wire::request_id(req.idempotency_key, "setup_token"));
}

// POST /v3/vault/payment-tokens from an approved setup token.
http_request payment_token_request(std::string_view setup_token, const setup_mandate_request& req,
                                   const wire::auth& a) {
  boost::json::object body{
      {"payment_source",
       boost::json::object{
           {"token", boost::json::object{{"id", setup_token}, {"type", "SETUP_TOKEN"}}}}}};
  return wire::post("/v3/vault/payment-tokens", &body, a,
                    wire::request_id(req.idempotency_key, "payment_token"));
}

mandate_result failed(processor_error pe) {
  mandate_result m;
  m.status = mandate_status::failed;
  m.error = std::move(pe);
  return m;
}

std::string customer_of(simdjson::dom::element token) {
  auto c = json::obj(token, "customer");
  return c ? json::str(*c, "id") : std::string();
}

// The setup token: APPROVED (or VAULTED) goes on to the payment token; PAYER_ACTION_REQUIRED (3-D
// Secure, a PayPal wallet) is a pending mandate with the approve link, finished by a second
// SetupMandate with payment_method.token = the setup token's id.
step_result<mandate_result> after_setup_token(const http_response& r,
                                              const setup_mandate_request& req,
                                              const wire::auth& a) {
  auto rep = read_reply(r, a.access_token);
  if (!rep) return rep.err();
  if (rep->decline) return final_result<mandate_result>(failed(std::move(*rep->decline)));
  if (!rep->object)
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered the setup token call without a body");
  auto id = json::str(*rep->object, "id");
  if (auto s = wire::check_id(id, "id", "setup token"); !s)
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered a setup token without a usable id");
  auto status = status_of(*rep->object);
  if (status.empty())
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered a setup token without a status, so whether the payer "
                      "must approve it is unknown");
  // VAULTED: a payment token was made from it already (a retried setup); the payment token call
  // with the same PayPal-Request-Id then answers that same token.
  if (status == "APPROVED" || status == "VAULTED")
    return next_request<mandate_result>("payment_token", payment_token_request(id, req, a));
  mandate_result m;
  m.status = mandate_status::pending;
  m.connector_payment_id = id;
  m.processor_status = status;
  simdjson::dom::array links;
  if ((*rep->object)["links"].get(links) == simdjson::SUCCESS)
    for (auto l : links)
      if (json::str(l, "rel") == "approve")
        m.redirect = redirect_data{json::str(l, "href"), "GET", {}};
  return final_result<mandate_result>(std::move(m));
}

result<mandate_result> after_payment_token(const http_response& r, std::string_view setup_token,
                                           const wire::auth& a) {
  auto rep = read_reply(r, a.access_token);
  if (!rep) return rep.err();
  if (rep->decline) return failed(std::move(*rep->decline));
  auto id = rep->object ? json::str(*rep->object, "id") : std::string();
  if (!wire::check_id(id, "id", "payment token"))
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered the payment token call without a usable id, so whether the "
                      "payment method was saved is unknown");
  mandate_result m;
  m.status = mandate_status::active;
  m.connector_payment_id = std::string(setup_token);
  m.processor_status = "VAULTED";
  m.mandate = mandate{id, customer_of(*rep->object), mandate_status::active};
  return m;
}

step_result<mandate_result> setup_mandate(const setup_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  // Steps: "setup_token" → "payment_token"; or only "payment_token" for an approved setup token
  // (payment_method.token).
  const auto* token = std::get_if<processor_token>(&req.method);
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (!req.amount.currency.empty())  // saving charges nothing: only checked when given
      if (auto s = validate_money(req.amount, "amount", true); !s) return s.err();
    if (auto s = check_customer_id(req.shopper.id, "customer.id"); !s) return s.err();
    if (std::holds_alternative<std::monostate>(req.method)) return missing_field("payment_method");
    if (token) {
      if (auto s = wire::check_id(token->value, "payment_method.token.token", "setup token"); !s)
        return s.err();
      return next_request<mandate_result>("payment_token",
                                          payment_token_request(token->value, req, a));
    }
    const auto* w = std::get_if<wallet>(&req.method);
    if (!std::holds_alternative<card>(req.method) && !(w && w->type == wallet_type::paypal))
      return invalid_argument(
          "payment_method",
          "PayPal saves cards and the PayPal wallet (payment_method.paypal), or "
          "finishes an approved setup token (payment_method.token)");
    auto r = setup_token_request(req, a);
    if (!r) return r.err();
    return next_request<mandate_result>("setup_token", std::move(*r));
  }
  if (ctx.last_step() == "setup_token") return after_setup_token(*ctx.last_reply(), req, a);
  if (ctx.last_step() == "payment_token") {
    std::string setup_token = token ? token->value : std::string();
    if (const auto* st = ctx.reply_to("setup_token")) {
      auto doc = json::parse(st->body, wire::connector_name);
      if (doc) setup_token = json::str(*doc, "id");
    }
    auto m = after_payment_token(*ctx.last_reply(), setup_token, a);
    if (!m) return m.err();
    return final_result<mandate_result>(std::move(*m));
  }
  return unexpected_step(wire::connector_name, "setup_mandate", ctx);
}

std::string_view payment_type(recurring_model m) {
  return m == recurring_model::subscription ? "RECURRING" : "UNSCHEDULED";
}

// The order paid from the payment token: a card by vault_id with stored_credential (merchant-
// initiated, subsequent), a PayPal wallet by vault_id.
result<http_request> recurring_order(const recurring_charge_request& req, simdjson::dom::element t,
                                     const wire::auth& a) {
  boost::json::object source;
  auto ps = json::obj(t, "payment_source");
  if (ps && json::obj(*ps, "card")) {
    source["card"] = boost::json::object{
        {"vault_id", req.mandate_id},
        {"stored_credential", boost::json::object{{"payment_initiator", "MERCHANT"},
                                                  {"payment_type", payment_type(req.model)},
                                                  {"usage", "SUBSEQUENT"}}}};
  } else if (ps && json::obj(*ps, "paypal")) {
    source["paypal"] = boost::json::object{{"vault_id", req.mandate_id}};
  } else {
    return make_error(error_code::failed_precondition, reason::not_supported_by_processor,
                      "the payment token is neither a card nor a PayPal wallet; the PayPal "
                      "connector charges only those");
  }
  return order_request(req.amount, req.capture, req.merchant_reference, {}, std::move(source), a,
                       req.idempotency_key);
}

step_result<payment_result> with_mandate(step_result<payment_result> s,
                                         const recurring_charge_request& req,
                                         std::string customer) {
  if (s && std::holds_alternative<payment_result>(*s)) {
    auto& p = std::get<payment_result>(*s);
    p.mandate = mandate{req.mandate_id, std::move(customer), mandate_status::active};
  }
  return s;
}

step_result<payment_result> recurring_charge(const recurring_charge_request& req,
                                             const wire::auth& a, const flow_context& ctx) {
  // Steps: "payment_token" (GET: which source, whose) → "order" → ["authorize" | "capture"].
  if (ctx.first()) {
    if (auto s = wire::check_id(req.mandate_id, "connector_mandate_id", "payment token"); !s)
      return s.err();
    if (auto s = check_customer_id(req.customer_id, "customer_id"); !s) return s.err();
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_amount(req.amount, "amount"); !s) return s.err();
    return next_request<payment_result>(
        "payment_token",
        wire::get(encoded_path({"v3", "vault", "payment-tokens", req.mandate_id}), a));
  }
  const auto* token_reply = ctx.reply_to("payment_token");
  if (!token_reply) return unexpected_step(wire::connector_name, "recurring_charge", ctx);
  auto rep = read_reply(*token_reply, a.access_token);
  if (!rep) return rep.err();
  if (!rep->object || rep->decline)
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered the payment token lookup without the token");
  auto customer = customer_of(*rep->object);
  if (ctx.last_step() == "payment_token") {
    if (!req.customer_id.empty() && customer != req.customer_id)
      return invalid_argument("customer_id",
                              "the payment token (mandate_id) belongs to another PayPal customer");
    auto r = recurring_order(req, *rep->object, a);
    if (!r) return r.err();
    return next_request<payment_result>("order", std::move(*r));
  }
  if (ctx.last_step() == "order")
    return with_mandate(
        after_order(*ctx.last_reply(), a, req.idempotency_key, req.merchant_reference), req,
        customer);
  if (settled(ctx.last_step()))
    return with_mandate(after_order(*ctx.last_reply(), a, {}, req.merchant_reference,
                                    order_id_of(*ctx.reply_to("order"))),
                        req, customer);
  return unexpected_step(wire::connector_name, "recurring_charge", ctx);
}

step_result<revoke_result> revoke_mandate(const revoke_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto rep = read_reply(*resp, a.access_token);
    if (!rep) return rep.err();
    if (rep->decline)
      return final_result<revoke_result>(
          revoke_result{mandate_status::failed, std::move(rep->decline)});
    return final_result<revoke_result>(revoke_result{mandate_status::revoked, std::nullopt});
  }
  if (auto s = wire::check_id(req.mandate_id, "connector_mandate_id", "payment token"); !s)
    return s.err();
  // DELETE has no PayPal-Request-Id; deleting twice answers 404 the second time.
  return next_request<revoke_result>(
      wire::del(encoded_path({"v3", "vault", "payment-tokens", req.mandate_id}), a));
}

}  // namespace

void add_mandates_flows(flow_table& t) {
  t.setup_mandate = with_auth<&wire::require_auth, &setup_mandate>::run;
  t.recurring_charge = with_auth<&wire::require_auth, &recurring_charge>::run;
  t.revoke_mandate = with_auth<&wire::require_auth, &revoke_mandate>::run;
}

}  // namespace cs::connectors::paypal
