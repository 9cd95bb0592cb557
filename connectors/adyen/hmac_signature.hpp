#pragma once
// Adyen standard-notification HMAC, public so the processor simulator and tests can sign.
//
// Signed string: pspReference:originalReference:merchantAccountCode:merchantReference:
// amount.value:amount.currency:eventCode:success (a missing field is an empty string).
// Key: the 64-hex-character HMAC key from the Customer Area, hex-decoded. Output: base64.

#include <string>
#include <string_view>

namespace cs::connectors::adyen {

struct notification_fields {
  std::string psp_reference;
  std::string original_reference;
  std::string merchant_account_code;
  std::string merchant_reference;
  std::string amount_value;  // minor units in decimal as in the JSON ("1000"), empty if absent
  std::string amount_currency;
  std::string event_code;
  std::string success;  // "true" / "false"
};

std::string signing_string(const notification_fields& f);

// Base64 HMAC-SHA256 of signing_string(f) under the hex-decoded key; empty when `hex_key` is
// empty or not hex.
std::string hmac_signature(std::string_view hex_key, const notification_fields& f);

}  // namespace cs::connectors::adyen
