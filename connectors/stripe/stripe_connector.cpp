// Identity of the connector.
#include "connectors/stripe/stripe_connector.hpp"

#include "connectors/stripe/currencies.hpp"

namespace cs::connectors::stripe {

std::vector<std::string_view> stripe_connector::credential_keys() const {
  return {"api_key"};
}

std::vector<domain::base_url> stripe_connector::base_urls() const {
  // Stripe has one host for test and live; the key (sk_test_ / sk_live_) picks the mode.
  return {{"default", "https://api.stripe.com"}};
}

domain::status stripe_connector::check_secret(std::string_view key, std::string_view value) const {
  if (auto s = connector::check_secret(key, value); !s) return s;
  // Secret (sk_) and restricted (rk_) keys; webhook endpoint secrets start with whsec_.
  if (key.ends_with("api_key") && !value.starts_with("sk_") && !value.starts_with("rk_"))
    return domain::invalid_argument(std::string(key),
                                    "must be a Stripe secret or restricted key (sk_… or rk_…); a "
                                    "publishable key (pk_…) cannot charge");
  if (key.ends_with("webhook_secret") && !value.starts_with("whsec_"))
    return domain::invalid_argument(std::string(key),
                                    "must be the endpoint's signing secret (whsec_…)");
  return domain::ok_status();
}

bool stripe_connector::supports_currency(std::string_view code) const noexcept {
  return supported_currency(code);
}

}  // namespace cs::connectors::stripe
