// The simulator's Braintree flags and the service's braintree connector and account.
#include "harness.hpp"

namespace e2e {

std::vector<std::string> braintree_sim_args(const std::string& webhook_url) {
  return {"--braintree-public-key", braintree_public_key,      "--braintree-private-key",
          braintree_private_key,    "--braintree-webhook-url", webhook_url};
}

std::string braintree_config(const std::string& base_url) {
  // Braintree signs webhooks with the API key pair: the account's webhook secret is the pair.
  return "[connectors.braintree]\npool_size = 2\nconnect_timeout_ms = 1000\n"
         "request_timeout_ms = 1500\n[connectors.braintree.base_urls]\ndefault = \"" +
         base_url + "\"\n[merchant_accounts." + braintree_account +
         "]\nconnector = \"braintree\"\npublic_key = \"" + braintree_public_key +
         "\"\nprivate_key = \"" + braintree_private_key + "\"\nwebhook_secret = \"" +
         braintree_public_key + ":" + braintree_private_key + "\"\n";
}

}  // namespace e2e
