// The simulator's Checkout.com flags and the service's checkout_com connector and account.
#include "harness.hpp"

namespace e2e {

std::vector<std::string> cko_card::all() {
  std::vector<std::string> out{visa, three_ds_fail};
  for (const auto& [pan, code] : declines) out.push_back(pan);
  return out;
}

std::vector<std::string> checkout_com_sim_args(const std::string& webhook_url) {
  return {"--checkout-com-secret-key",    checkout_com_secret_key,
          "--checkout-com-public-key",    checkout_com_public_key,
          "--checkout-com-signature-key", checkout_com_signature_key,
          "--checkout-com-webhook-url",   webhook_url};
}

std::string checkout_com_config(const std::string& base_url) {
  return "[connectors.checkout_com]\npool_size = 2\nconnect_timeout_ms = 1000\n"
         "request_timeout_ms = 1500\n[connectors.checkout_com.base_urls]\ndefault = \"" +
         base_url + "\"\n[merchant_accounts." + checkout_com_account +
         "]\nconnector = \"checkout_com\"\nsecret_key = \"" + checkout_com_secret_key +
         "\"\npublic_key = \"" + checkout_com_public_key + "\"\nwebhook_secret = \"" +
         checkout_com_signature_key + "\"\n";
}

}  // namespace e2e
