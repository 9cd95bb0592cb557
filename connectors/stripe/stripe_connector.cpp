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

bool stripe_connector::supports_currency(std::string_view code) const noexcept {
  return supported_currency(code);
}

}  // namespace cs::connectors::stripe
