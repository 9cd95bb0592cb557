// setup_mandate (a /payments call that stores the card) and revoke_mandate (DELETE the stored
// payment method).
#include <boost/url/url.hpp>

#include "connectors/adyen/errors.hpp"
#include "connectors/adyen/flow_parts.hpp"
#include "connectors/adyen/payment_body.hpp"
#include "connectors/adyen/payment_reply.hpp"
#include "connectors/adyen/wire.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::adyen {

using namespace domain;

namespace {

mandate_result to_mandate_result(payment_reply&& reply, const setup_mandate_request& req) {
  auto& p = reply.payment;
  mandate_result m;
  m.payment = p.status;
  m.connector_payment_id = p.connector_payment_id;
  m.processor_status = p.processor_status;
  m.redirect = std::move(p.redirect);
  m.error = std::move(p.error);
  switch (p.status) {
    case payment_status::failure:
      m.status = mandate_status::failed;
      break;
    case payment_status::authorized:
    case payment_status::charged:
      // Authorised without a token: the token follows in a RECURRING_CONTRACT webhook.
      m.status = reply.stored_token.empty() ? mandate_status::pending : mandate_status::active;
      break;
    default:
      m.status = mandate_status::pending;
      break;
  }
  if (!reply.stored_token.empty() && m.status == mandate_status::active)
    m.mandate = mandate{reply.stored_token, req.shopper.id, m.status};
  return m;
}

}  // namespace

step_result<mandate_result> setup_mandate(const setup_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    // A zero-value verification authorises nothing that could be captured.
    auto capture = req.amount.minor_amount > 0 ? capture_method::automatic : capture_method::manual;
    auto reply = parse_payment_reply(*resp, a.api_key, capture, req.amount, req.merchant_reference);
    if (!reply) return reply.err();
    return domain::final_result<mandate_result>(to_mandate_result(std::move(*reply), req));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (req.shopper.id.empty())
    return invalid_argument("customer.id",
                            "is required: Adyen stores the card under this shopperReference");
  auto amount = wire::amount_json(req.amount, "amount", true);
  if (!amount) return amount.err();
  auto method = card_payment_method(req.method);
  if (!method) return method.err();
  if (req.return_url.empty())
    return invalid_argument("return_url",
                            "is required: Adyen sends the shopper there after 3-D Secure");

  auto key = wire::idempotency_key(req.idempotency_key);
  boost::json::object body{
      {"merchantAccount", a.merchant_account},
      {"reference", wire::reference_or(req.merchant_reference, key)},
      {"amount", std::move(*amount)},
      {"paymentMethod", std::move(*method)},
      {"returnUrl", req.return_url},
      {"storePaymentMethod", true},
      {"shopperInteraction", "Ecommerce"},
      {"recurringProcessingModel", recurring_processing_model(req.model)},
  };
  add_shopper(body, req.shopper);
  return domain::next_request<mandate_result>(
      wire::make_request(http_method::post, "default", "/payments", &body, a, key));
}

step_result<revoke_result> revoke_mandate(const revoke_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    if (resp->status < 200 || resp->status > 299) return error_from_response(*resp, a.api_key);
    return domain::final_result<revoke_result>(
        revoke_result{mandate_status::revoked, std::nullopt});
  }

  if (auto s = wire::check_reference(req.mandate_id, "connector_mandate_id"); !s) return s.err();
  if (req.customer_id.empty())
    return invalid_argument("customer_id",
                            "is required: Adyen deletes stored cards per shopperReference");
  boost::urls::url u;
  u.set_path_absolute(true);
  u.segments().push_back("storedPaymentMethods");
  u.segments().push_back(req.mandate_id);
  u.params().append({"shopperReference", req.customer_id});
  u.params().append({"merchantAccount", a.merchant_account});
  return domain::next_request<revoke_result>(
      wire::make_request(http_method::del, "default", std::string(u.buffer()), nullptr, a, {}));
}

void add_mandates_flows(flow_table& t) {
  t.setup_mandate = with_auth<&wire::require_auth, &setup_mandate>::run;
  t.revoke_mandate = with_auth<&wire::require_auth, &revoke_mandate>::run;
}

}  // namespace cs::connectors::adyen
