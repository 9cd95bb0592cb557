#include "connectors/razorpay/signature.hpp"

#include "connectors/common/crypto.hpp"

namespace cs::connectors::razorpay {
namespace {

domain::error bad_signature(std::string message) {
  return domain::make_error(domain::error_code::unauthenticated, domain::reason::bad_signature,
                            std::move(message));
}

std::string value_of(const std::map<std::string, std::string>& m, const std::string& key) {
  auto i = m.find(key);
  return i == m.end() ? std::string() : i->second;
}

}  // namespace

std::string webhook_signature(std::string_view secret, std::string_view body) {
  return hex_encode(hmac_sha256(secret, body));
}

std::string checkout_signature(std::string_view key_secret, std::string_view order_id,
                               std::string_view payment_id) {
  std::string data(order_id);
  data += '|';
  data += payment_id;
  return hex_encode(hmac_sha256(key_secret, data));
}

bool signature_matches(std::string_view expected_hex, std::string_view given) noexcept {
  // The official SDKs compare the hex strings as they are (Node `expected === signature`,
  // Python hmac.compare_digest, PHP hash_equals): upper-case hex is refused, as there.
  return given.size() == expected_hex.size() && constant_time_equal(expected_hex, given);
}

domain::status verify_webhook(std::string_view header, std::string_view body,
                              std::string_view secret) {
  if (header.empty())
    return bad_signature("the Razorpay webhook has no X-Razorpay-Signature header");
  if (!signature_matches(webhook_signature(secret, body), header))
    return bad_signature(
        "the X-Razorpay-Signature header does not match the body under the configured webhook "
        "secret");
  return domain::ok_status();
}

domain::status verify_checkout(const std::map<std::string, std::string>& payload,
                               std::string_view key_secret) {
  auto order_id = value_of(payload, "razorpay_order_id");
  auto payment_id = value_of(payload, "razorpay_payment_id");
  auto signature = value_of(payload, "razorpay_signature");
  if (order_id.empty() || payment_id.empty())
    return bad_signature(
        "redirect_payload has razorpay_signature but not both razorpay_order_id and "
        "razorpay_payment_id, which it signs");
  if (!signature_matches(checkout_signature(key_secret, order_id, payment_id), signature))
    return bad_signature(
        "redirect_payload.razorpay_signature does not match razorpay_order_id|razorpay_payment_id "
        "under the key secret: the callback was not sent by Razorpay for this payment");
  return domain::ok_status();
}

}  // namespace cs::connectors::razorpay
