// authorize, complete_authorize and recurring_charge: all one call to /payments(/details).
#include "connectors/adyen/flow_parts.hpp"
#include "connectors/adyen/payment_body.hpp"
#include "connectors/adyen/payment_reply.hpp"
#include "connectors/adyen/redirect_methods.hpp"
#include "connectors/adyen/wire.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::adyen {

using namespace domain;

step_result<payment_result> authorize(const authorize_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto reply =
        parse_payment_reply(*resp, a.api_key, req.capture, req.amount, req.merchant_reference);
    if (!reply) return reply.err();
    return domain::final_result<payment_result>(std::move(reply->payment));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  auto amount = wire::amount_json(req.amount, "amount");
  if (!amount) return amount.err();
  auto method = authorize_payment_method(req.method);
  if (!method) return method.err();
  if (req.return_url.empty())
    return invalid_argument("return_url",
                            "is required: Adyen sends the shopper there after 3-D Secure or the "
                            "iDEAL / Klarna page");

  auto key = wire::idempotency_key(req.idempotency_key);
  boost::json::object body{
      {"merchantAccount", a.merchant_account},
      {"reference", wire::reference_or(req.merchant_reference, key)},
      {"amount", std::move(*amount)},
      {"paymentMethod", std::move(method->payment_method)},
      {"returnUrl", req.return_url},
  };
  if (!method->mpi_data.empty()) body["mpiData"] = std::move(method->mpi_data);
  add_shopper(body, req.shopper);
  if (!req.metadata.empty()) {
    boost::json::object metadata;
    for (auto& [k, v] : req.metadata) metadata[k] = v;
    body["metadata"] = std::move(metadata);
  }
  add_capture_method(body, req.capture);
  if (is_redirect_method(req.method))
    if (auto s = add_redirect_fields(body, req); !s) return s.err();
  return domain::next_request<payment_result>(
      wire::make_request(http_method::post, "default", "/payments", &body, a, key));
}

step_result<payment_result> complete_authorize(const complete_authorize_request& req,
                                               const wire::auth& a, const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto reply =
        parse_payment_reply(*resp, a.api_key, req.capture, std::nullopt, req.merchant_reference);
    if (!reply) return reply.err();
    return domain::final_result<payment_result>(std::move(reply->payment));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (req.redirect_payload.empty())
    return invalid_argument("redirect_payload",
                            "is required: pass what Adyen appended to the return URL (e.g. "
                            "redirectResult)");
  boost::json::object details;
  for (auto& [k, v] : req.redirect_payload) details[k] = v;
  boost::json::object body{{"details", std::move(details)}};
  auto key = wire::idempotency_key(req.idempotency_key);
  return domain::next_request<payment_result>(
      wire::make_request(http_method::post, "default", "/payments/details", &body, a, key));
}

step_result<payment_result> recurring_charge(const recurring_charge_request& req,
                                             const wire::auth& a, const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto reply =
        parse_payment_reply(*resp, a.api_key, req.capture, req.amount, req.merchant_reference);
    if (!reply) return reply.err();
    auto& p = reply->payment;
    if (p.status != payment_status::failure && p.status != payment_status::unrecognized)
      p.mandate = mandate{req.mandate_id, req.customer_id, mandate_status::active};
    return domain::final_result<payment_result>(std::move(p));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (req.mandate_id.empty()) return missing_field("connector_mandate_id");
  if (req.customer_id.empty())
    return invalid_argument("customer_id",
                            "is required: Adyen stores cards per shopperReference and needs it "
                            "to use the mandate");
  auto amount = wire::amount_json(req.amount, "amount");
  if (!amount) return amount.err();
  // Adyen's /payments schema requires returnUrl even for merchant-initiated charges.
  if (req.return_url.empty())
    return invalid_argument("return_url", "is required by Adyen's /payments, even for ContAuth");

  auto key = wire::idempotency_key(req.idempotency_key);
  boost::json::object body{
      {"merchantAccount", a.merchant_account},
      {"reference", wire::reference_or(req.merchant_reference, key)},
      {"amount", std::move(*amount)},
      {"paymentMethod", {{"type", "scheme"}, {"storedPaymentMethodId", req.mandate_id}}},
      {"returnUrl", req.return_url},
      {"shopperReference", req.customer_id},
      {"shopperInteraction", "ContAuth"},
      {"recurringProcessingModel", recurring_processing_model(req.model)},
  };
  add_capture_method(body, req.capture);
  return domain::next_request<payment_result>(
      wire::make_request(http_method::post, "default", "/payments", &body, a, key));
}

void add_payments_flows(flow_table& t) {
  t.authorize = with_auth<&wire::require_auth, &authorize>::run;
  t.complete_authorize = with_auth<&wire::require_auth, &complete_authorize>::run;
  t.recurring_charge = with_auth<&wire::require_auth, &recurring_charge>::run;
}

}  // namespace cs::connectors::adyen
