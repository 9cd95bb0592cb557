#pragma once
// Razorpay's statuses and error reasons in unified terms (README.md has the tables).

#include <string_view>

#include "domain/status.hpp"

namespace cs::connectors::razorpay {

// Payment.status: created → pending; authorized → authorized (charged when `captured`);
// captured → charged; refunded → charged when it had been captured, auto_refunded when not
// (Razorpay refunds uncaptured payments by itself); failed → failure; else unrecognized.
domain::payment_status map_payment_status(std::string_view status, bool captured) noexcept;

// Refund.status: created/pending → pending; processed → success; failed → failure.
domain::refund_status map_refund_status(std::string_view status) noexcept;

// Dispute.status: open → opened; under_review → challenged; won; lost; closed → expired (closed
// without a chargeback, as an inquiry that went no further).
domain::dispute_status map_dispute_status(std::string_view status) noexcept;

// error_reason ("insufficient_balance", "incorrect_otp", …) → the unified decline code;
// anything unknown is generic.
domain::decline_code map_decline(std::string_view reason) noexcept;

// Declines worth retrying as they are (bank or network trouble).
bool retryable_decline(std::string_view reason) noexcept;

}  // namespace cs::connectors::razorpay
