#include "connectors/adyen/hmac_signature.hpp"

#include <fmt/format.h>

#include "connectors/common/crypto.hpp"

namespace cs::connectors::adyen {

std::string signing_string(const notification_fields& f) {
  return fmt::format("{}:{}:{}:{}:{}:{}:{}:{}", f.psp_reference, f.original_reference,
                     f.merchant_account_code, f.merchant_reference, f.amount_value,
                     f.amount_currency, f.event_code, f.success);
}

std::string hmac_signature(std::string_view hex_key, const notification_fields& f) {
  if (hex_key.empty()) return {};
  auto key = hex_decode(hex_key);
  if (!key) return {};
  return base64_encode(hmac_sha256(*key, signing_string(f)));
}

}  // namespace cs::connectors::adyen
