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

}  // namespace e2e
