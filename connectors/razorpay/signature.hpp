#pragma once
// Razorpay's two HMAC-SHA256 signatures, both lower-case hex:
// - webhooks: X-Razorpay-Signature = HMAC(webhook secret as UTF-8, raw body); no timestamp;
// - checkout / S2S callback: razorpay_signature = HMAC(key_secret, "<order_id>|<payment_id>").
// Comparisons are of the lower-case hex strings as sent, in constant time: upper-case hex is
// refused, as by the official SDKs (razorpay npm validateWebhookSignature /
// validatePaymentVerification compare with `===`).

#include <map>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace cs::connectors::razorpay {

std::string webhook_signature(std::string_view secret, std::string_view body);
std::string checkout_signature(std::string_view key_secret, std::string_view order_id,
                               std::string_view payment_id);

// True when `given` is exactly `expected_hex` (lower-case hex), compared in constant time.
bool signature_matches(std::string_view expected_hex, std::string_view given) noexcept;

// UNAUTHENTICATED / BAD_SIGNATURE saying what is wrong (never the secret or a signature).
domain::status verify_webhook(std::string_view header, std::string_view body,
                              std::string_view secret);
// The callback fields razorpay_order_id, razorpay_payment_id and razorpay_signature.
domain::status verify_checkout(const std::map<std::string, std::string>& payload,
                               std::string_view key_secret);

}  // namespace cs::connectors::razorpay
