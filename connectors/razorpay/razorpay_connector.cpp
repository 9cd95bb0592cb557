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

domain::status razorpay_connector::check_secret(std::string_view key,
                                                std::string_view value) const {
  if (auto s = connector::check_secret(key, value); !s) return s;
  if (key.ends_with("key_id") && !value.starts_with("rzp_test_") && !value.starts_with("rzp_live_"))
    return domain::invalid_argument(std::string(key),
                                    "must be a Razorpay key id (rzp_test_… or rzp_live_…)");
  return domain::ok_status();
}

bool razorpay_connector::supports_currency(std::string_view code) const noexcept {
  return supported_currency(code);
}

}  // namespace cs::connectors::razorpay
