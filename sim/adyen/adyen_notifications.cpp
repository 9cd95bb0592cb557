#include "adyen_notifications.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace processor_sim::adyen {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string hex_decode(const std::string& hex) {
  if (!is_hex_key(hex)) throw std::invalid_argument("HMAC key must be hex");
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    out.push_back(static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1])));
  }
  return out;
}

std::string iso8601_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return buf;
}

}  // namespace

bool is_hex_key(const std::string& key_hex) {
  if (key_hex.empty() || key_hex.size() % 2 != 0) return false;
  for (char c : key_hex) {
    if (hex_digit(c) < 0) return false;
  }
  return true;
}

std::string hmac_signature(const std::string& key_hex, const notification& n) {
  const std::string key = hex_decode(key_hex);
  const std::string payload = n.psp_reference + ":" + n.original_reference + ":" +
                              n.merchant_account + ":" + n.merchant_reference + ":" +
                              std::to_string(n.value.value) + ":" + n.value.currency + ":" +
                              n.event_code + ":" + (n.success ? "true" : "false");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac,
            &mac_len)) {
    throw std::runtime_error("HMAC failed");
  }
  std::string b64(4 * ((mac_len + 2) / 3), '\0');
  int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), mac, static_cast<int>(mac_len));
  b64.resize(static_cast<std::size_t>(written));
  return b64;
}

boost::json::object notification_body(const notification& n, const std::string& key_hex) {
  boost::json::object additional;
  for (const auto& [key, value] : n.additional_data) additional[key] = value;
  additional["hmacSignature"] = hmac_signature(key_hex, n);

  boost::json::object item{{"additionalData", std::move(additional)},
                           {"amount", amount_json(n.value)},
                           {"eventCode", n.event_code},
                           {"eventDate", iso8601_now()},
                           {"merchantAccountCode", n.merchant_account},
                           {"merchantReference", n.merchant_reference}};
  if (!n.original_reference.empty()) item["originalReference"] = n.original_reference;
  item["pspReference"] = n.psp_reference;
  item["reason"] = n.reason;
  item["success"] = n.success ? "true" : "false";
  if (!n.payment_method.empty()) item["paymentMethod"] = n.payment_method;
  if (!n.operations.empty()) {
    boost::json::array ops;
    for (const auto& op : n.operations) ops.push_back(boost::json::string(op));
    item["operations"] = std::move(ops);
  }
  return {{"live", "false"},
          {"notificationItems",
           boost::json::array{boost::json::object{{"NotificationRequestItem", std::move(item)}}}}};
}

}  // namespace processor_sim::adyen
