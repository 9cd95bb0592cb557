// Identity of the connector.
#include "connectors/razorpay/razorpay_connector.hpp"

#include "connectors/razorpay/currencies.hpp"

namespace cs::connectors::razorpay {

std::vector<std::string_view> razorpay_connector::credential_keys() const {
  return {"key_id", "key_secret"};
}

std::vector<domain::base_url> razorpay_connector::base_urls() const {
  // One host for test and live: the key (rzp_test_… / rzp_live_…) picks the mode. Targets
  // carry the /v1 version prefix.
  return {{"default", "https://api.razorpay.com"}};
}

bool razorpay_connector::supports_currency(std::string_view code) const noexcept {
  return supported_currency(code);
}

}  // namespace cs::connectors::razorpay
