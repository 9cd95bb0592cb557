#pragma once
// Adyen standard notifications: building the body and the HMAC signature. The signature code is
// deliberately the simulator's own (OpenSSL directly), so it cannot share a bug with the connector.

#include "adyen_json.hpp"

#include <string>
#include <utility>
#include <vector>

namespace processor_sim::adyen {

struct notification {
  std::string event_code, psp_reference, original_reference, merchant_account, merchant_reference,
      payment_method, reason;
  amount value;
  bool success = true;
  std::vector<std::string> operations;  // AUTHORISATION only
  std::vector<std::pair<std::string, std::string>> additional_data;
};

// base64(HMAC-SHA256(hex-decoded key,
// "psp:original:merchant:reference:value:currency:event:success")). Throws std::invalid_argument
// when the key is not an even-length hex string.
std::string hmac_signature(const std::string& key_hex, const notification& n);

// {"live":"false","notificationItems":[{"NotificationRequestItem":{...}}]}
boost::json::object notification_body(const notification& n, const std::string& key_hex);

bool is_hex_key(const std::string& key_hex);

}  // namespace processor_sim::adyen
