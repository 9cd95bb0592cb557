// authorize (POST /payments with a card source; `capture: false` for manual capture) and
// get_payment (GET /payments/{id}). A decline is a 201 with approved: false and a response code;
// a 202 Pending with _links.redirect waits for the payer's 3-D Secure.

#include "connectors/checkout_com/currencies.hpp"
#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"

namespace cs::connectors::checkout_com {

using namespace domain;

namespace {

result<boost::json::object> source_of(const payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return missing_field("payment_method");
  const auto* c = std::get_if<card>(&m);
  if (!c)
    return invalid_argument("payment_method",
                            "the Checkout.com connector takes cards (payment_method.card)");
  return wire::card_source(*c);
}

step_result<payment_result> payment_reply(const http_response& r, const wire::auth& a,
                                          std::string_view merchant_reference) {
  auto body = read_reply(r, a.secret_key);
  if (!body) return body.err();
  return final_result(read_payment(*body, merchant_reference));
}

step_result<payment_result> authorize(const authorize_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) return payment_reply(*r, a, req.merchant_reference);
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  auto amount = wire::amount(req.amount, "amount");
  if (!amount) return amount.err();
  auto source = source_of(req.method);
  if (!source) return source.err();
  boost::json::object body{
      {"source", std::move(*source)},
      {"amount", *amount},
      {"currency", req.amount.currency},
      {"payment_type", "Regular"},
      // Checkout.com captures by default; false leaves the authorization to CapturePayment.
      {"capture", req.capture == capture_method::automatic},
  };
  if (!req.merchant_reference.empty()) body["reference"] = wire::reference(req.merchant_reference);
  if (!req.description.empty()) body["description"] = req.description.substr(0, 100);
  if (!req.metadata.empty()) {
    boost::json::object meta;
    for (const auto& [k, v] : req.metadata) meta[k] = v;
    body["metadata"] = std::move(meta);
  }
  return next_request<payment_result>(wire::post("/payments", body, a, req.idempotency_key));
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
  t.get_payment = with_auth<&wire::read_auth, &get_payment>::run;
}

}  // namespace cs::connectors::checkout_com
