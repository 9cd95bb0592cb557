// authorize (POST /payments with a card, token or stored source; `capture: false` for manual
// capture; 3-D Secure when the request has a return URL), complete_authorize (GET the payment
// after the shopper came back) and get_payment (GET /payments/{id}). A decline is a 201 with
// approved: false and a response code; a 202 Pending with _links.redirect waits for the payer's
// 3-D Secure.

#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/checkout_com/wallets.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"

namespace cs::connectors::checkout_com {

using namespace domain;

namespace {

// Where the shopper's browser comes back to after 3-D Secure: success_url / failure_url with
// `?cko-session-id=sid_…` (nas_spec paths/payments@{id}.yaml).
constexpr std::string_view session_param = "cko-session-id";

step_result<payment_result> payment_reply(const http_response& r, const wire::auth& a,
                                          std::string_view merchant_reference) {
  auto body = read_reply(r, a.secret_key);
  if (!body) return body.err();
  return final_result(read_payment(*body, merchant_reference, a.secret_key));
}

namespace {

result<http_request> payment_request(const authorize_request& req, const wire::auth& a,
                                     boost::json::object source, bool three_ds) {
  auto body = wire::payment_body(req.amount, false, "Regular", req.merchant_reference, a);
  if (!body) return body.err();
  (*body)["source"] = std::move(source);
  // Checkout.com captures by default; false leaves the authorization to CapturePayment.
  (*body)["capture"] = req.capture == capture_method::automatic;
  // The unified request asks for 3-D Secure by giving the URL the shopper comes back to.
  if (three_ds && !req.return_url.empty())
    if (auto s = wire::add_three_ds(*body, req.return_url); !s) return s.err();
  if (!req.description.empty()) (*body)["description"] = req.description.substr(0, 100);
  if (!req.metadata.empty()) {
    boost::json::object meta;
    for (const auto& [k, v] : req.metadata) meta[k] = v;
    (*body)["metadata"] = std::move(meta);
  }
  return wire::post("/payments", *body, a, req.idempotency_key);
}

}  // namespace

// Steps: [wallet token: "token" (POST /tokens) →] "payment". A wallet's cryptogram already
// authenticates the shopper, so wallets and network tokens never ask for 3-D Secure.
step_result<payment_result> authorize(const authorize_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  const auto* w = std::get_if<wallet>(&req.method);
  if (ctx.last_step() == "token") {
    auto public_key = ctx.creds.require(wire::connector_name, "public_key");
    if (!public_key) return public_key.err();
    auto token = wallets::read_token(*ctx.last_reply(), *public_key, w->type);
    if (!token) return token.err();
    auto r = payment_request(req, a, {{"type", "token"}, {"token", *token}}, false);
    if (!r) return r.err();
    return next_request<payment_result>("payment", std::move(*r));
  }
  if (auto* r = ctx.last_reply()) return payment_reply(*r, a, req.merchant_reference);
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (w && w->type != wallet_type::paypal) {
    auto public_key = ctx.creds.require(wire::connector_name, "public_key");
    if (!public_key) return public_key.err();
    auto r = wallets::tokenize(*w, *public_key, req.idempotency_key);
    if (!r) return r.err();
    return next_request<payment_result>("token", std::move(*r));
  }
  if (const auto* t = std::get_if<network_token>(&req.method)) {
    auto source = wallets::network_token_source(*t);
    if (!source) return source.err();
    auto r = payment_request(req, a, std::move(*source), false);
    if (!r) return r.err();
    return next_request<payment_result>("payment", std::move(*r));
  }
  auto source = wire::source_of(req.method);
  if (!source) return source.err();
  auto r = payment_request(req, a, std::move(*source), true);
  if (!r) return r.err();
  return next_request<payment_result>("payment", std::move(*r));
}

// The payment after 3-D Secure. Still Pending means the shopper has not finished (or not
// started) the challenge: AUTHENTICATION_PENDING, with the redirect when the reply has one. An
// approved card payment carries its stored card as the mandate (src_….pay_…): a SetupMandate
// that needed 3-D Secure ends here.
step_result<payment_result> completed(const http_response& r, const wire::auth& a,
                                      std::string_view merchant_reference) {
  auto body = read_reply(r, a.secret_key);
  if (!body) return body.err();
  auto source_id = read_source_id(*body);
  auto p = read_payment(*body, merchant_reference, a.secret_key);
  if (!p) return p.err();
  if (p->status == payment_status::pending) p->status = payment_status::authentication_pending;
  bool approved = p->status == payment_status::authorized || p->status == payment_status::charged;
  if (approved && !source_id.empty() && p->connector_payment_id.starts_with("pay_"))
    p->mandate =
        mandate{wire::mandate_id(source_id, p->connector_payment_id), {}, mandate_status::active};
  return final_result(std::move(*p));
}

step_result<payment_result> complete_authorize(const complete_authorize_request& req,
                                               const wire::auth& a, const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) return completed(*r, a, req.merchant_reference);
  // The session id the return URL brought back is Checkout.com's way back to the payment: a GET
  // by it also lists the payment's actions, which carry a decline's response code (nas_spec
  // Payment.actions). Without it, the payment id: Checkout.com has the outcome by then.
  std::string id = req.connector_payment_id;
  std::string field = "connector_payment_id";
  if (!id.empty())
    if (auto s = wire::check_payment_id(id, field); !s) return s.err();
  if (auto i = req.redirect_payload.find(std::string(session_param));
      i != req.redirect_payload.end() && !i->second.empty()) {
    id = i->second;
    field = "redirect_payload." + std::string(session_param);
  }
  if (id.empty()) {
    auto e = missing_field("connector_payment_id");
    e.message +=
        ": Checkout.com needs the payment id (pay_…) or the cko-session-id (sid_…) of "
        "the return URL";
    return e;
  }
  if (auto s = wire::check_payment_id(id, field); !s) return s.err();
  return next_request<payment_result>(wire::get(encoded_path({"payments", id}), a));
}

step_result<payment_result> get_payment(const get_payment_request& req, const wire::auth& a,
                                        const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) return payment_reply(*r, a, req.merchant_reference);
  if (auto s = wire::check_payment_id(req.connector_payment_id, "connector_payment_id"); !s)
    return s.err();
  return next_request<payment_result>(
      wire::get(encoded_path({"payments", req.connector_payment_id}), a));
}

}  // namespace

void add_payments_flows(flow_table& t) {
  t.authorize = with_auth<&wire::read_auth, &authorize>::run;
  t.complete_authorize = with_auth<&wire::read_auth, &complete_authorize>::run;
  t.get_payment = with_auth<&wire::read_auth, &get_payment>::run;
}

}  // namespace cs::connectors::checkout_com
