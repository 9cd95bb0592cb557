#pragma once
// Stripe's statuses and decline codes in unified terms (see README.md for the tables).

#include <string_view>

#include "domain/status.hpp"

namespace cs::connectors::stripe {

// PaymentIntent.status. requires_payment_method is a failure only after an attempt
// (last_payment_error set); succeeded is partially_charged when less than the amount was taken.
domain::payment_status map_intent_status(std::string_view status, bool has_last_error,
                                         bool partially_received) noexcept;

// Refund.status: pending/requires_action → pending, succeeded → success, failed/canceled →
// failure.
domain::refund_status map_refund_status(std::string_view status) noexcept;

// Dispute.status. warning_closed (an inquiry that closed without becoming a chargeback) →
// expired; prevented (stopped before it became a dispute) → won.
domain::dispute_status map_dispute_status(std::string_view status) noexcept;

// SetupIntent.status → the mandate's status: succeeded active; requires_action and processing
// pending; everything else failed.
domain::mandate_status map_setup_status(std::string_view status) noexcept;

// A Stripe decline_code (preferred) or error code → the unified decline code.
domain::decline_code map_decline(std::string_view decline_code, std::string_view code) noexcept;

// Declines worth retrying as they are (issuer or network trouble).
bool retryable_decline(std::string_view decline_code, std::string_view code) noexcept;

}  // namespace cs::connectors::stripe
