#pragma once
// Unified statuses. Each mirrors the proto enum of the same name value for value, so
// api/ converts with a cast checked by static_asserts in api/convert_common.cpp.

#include <string_view>

namespace cs::domain {

enum class payment_status {
  unspecified = 0,
  started,
  authentication_pending,
  authentication_successful,
  authentication_failed,
  pending,
  authorized,
  partially_authorized,
  charged,
  partially_charged,
  capture_pending,
  capture_failed,
  void_pending,
  voided,
  failure,
  auto_refunded,
  expired,
  unrecognized,
};

enum class refund_status { unspecified = 0, pending, success, failure, unrecognized };

enum class dispute_status {
  unspecified = 0,
  opened,
  expired,
  accepted,
  challenged,
  won,
  lost,
  unrecognized,
};

enum class mandate_status { unspecified = 0, active, pending, failed, revoked };

enum class capture_method { automatic = 1, manual = 2 };

enum class recurring_model { unscheduled = 1, subscription = 2, card_on_file = 3 };

enum class decline_code {
  unspecified = 0,
  generic,
  insufficient_funds,
  expired_card,
  incorrect_cvc,
  invalid_card,
  lost_or_stolen,
  fraud_suspected,
  authentication_required,
  authentication_failed,
  invalid_amount,
  not_supported,
  issuer_unavailable,
  processing_error,
  referral,
  blocked,
  cancelled,
  limit_exceeded,
};

enum class event_type { unspecified = 0, payment, refund, dispute, mandate, other };

std::string_view to_string(payment_status s) noexcept;
std::string_view to_string(refund_status s) noexcept;
std::string_view to_string(dispute_status s) noexcept;
std::string_view to_string(decline_code c) noexcept;

}  // namespace cs::domain
