// The PayPal part of the e2e stack: the simulator's flags and the service's config block.
#include "harness.hpp"

namespace e2e {

std::string stack::paypal_base() const {
  return "https://127.0.0.1:" + std::to_string(sim_port) + "/paypal";
}

std::vector<std::string> paypal_sim_args(const std::string& webhook_url) {
  return {"--paypal-client-id",  paypal_client_id,  "--paypal-client-secret", paypal_client_secret,
          "--paypal-webhook-id", paypal_webhook_id, "--paypal-webhook-url",   webhook_url};
}

std::string paypal_config(const std::string& base_url) {
  return "[connectors.paypal]\npool_size = 2\nconnect_timeout_ms = 1000\n"
         "request_timeout_ms = 3000\n[connectors.paypal.base_urls]\ndefault = \"" +
         base_url + "\"\n[merchant_accounts." + paypal_account +
         "]\nconnector = \"paypal\"\nclient_id = \"" + paypal_client_id + "\"\nclient_secret = \"" +
         paypal_client_secret + "\"\nwebhook_secret = \"" + paypal_webhook_id + "\"\n";
}

v1::AuthorizeRequest paypal_card_authorize(const std::string& reference, bool manual,
                                           const std::string& holder, const std::string& number) {
  v1::AuthorizeRequest r;
  r.set_connector("paypal");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(1050, "USD");
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number(number);
  card->set_expiry_month(12);
  card->set_expiry_year(2031);
  card->set_cvc("123");
  card->set_holder_name(holder);
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url("https://merchant.example/return");
  return r;
}

grpc::Status paypal_approve_and_complete(const std::string& order, bool manual, v1::Payment& out) {
  auto approved =
      env().sim_post("/_sim/paypal/orders/" + order + "/approve", boost::json::object{});
  if (approved.status != 200)
    return {grpc::StatusCode::INTERNAL, "the simulator refused the approval: " + approved.body};
  v1::CompleteAuthorizeRequest c;
  c.set_connector("paypal");
  c.set_connector_payment_id(order);
  c.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  // What PayPal's return URL carries: the order id as `token`.
  (*c.mutable_redirect_payload())["token"] = order;
  return env().svc.payments->CompleteAuthorize(ctx(paypal_account).get(), c, &out);
}

}  // namespace e2e
