#include "connectors/razorpay/status_map.hpp"

#include <array>
#include <utility>

namespace cs::connectors::razorpay {

using domain::decline_code;

domain::payment_status map_payment_status(std::string_view status, bool captured) noexcept {
  using domain::payment_status;
  if (status == "created") return payment_status::pending;
  if (status == "authorized")
    return captured ? payment_status::charged : payment_status::authorized;
  if (status == "captured") return payment_status::charged;
  if (status == "refunded")
    return captured ? payment_status::charged : payment_status::auto_refunded;
  if (status == "failed") return payment_status::failure;
  return payment_status::unrecognized;
}

domain::refund_status map_refund_status(std::string_view status) noexcept {
  using domain::refund_status;
  if (status == "created" || status == "pending") return refund_status::pending;
  if (status == "processed") return refund_status::success;
  if (status == "failed") return refund_status::failure;
  return refund_status::unrecognized;
}

domain::dispute_status map_dispute_status(std::string_view status) noexcept {
  using domain::dispute_status;
  if (status == "open") return dispute_status::opened;
  if (status == "under_review") return dispute_status::challenged;
  if (status == "won") return dispute_status::won;
  if (status == "lost") return dispute_status::lost;
  if (status == "closed") return dispute_status::expired;
  return dispute_status::unrecognized;
}

namespace {

// Razorpay's documented error reasons (razorpay.com/docs/errors/error-reasons) and the
// older spellings seen on payments.
constexpr std::array<std::pair<std::string_view, decline_code>, 44> reasons{{
    {"insufficient_balance", decline_code::insufficient_funds},
    {"insufficient_funds", decline_code::insufficient_funds},
    {"card_expired", decline_code::expired_card},
    {"expired_card", decline_code::expired_card},
    {"incorrect_cvv", decline_code::incorrect_cvc},
    {"invalid_cvv", decline_code::incorrect_cvc},
    {"card_number_invalid", decline_code::invalid_card},
    {"invalid_card_number", decline_code::invalid_card},
    {"incorrect_card_details", decline_code::invalid_card},
    {"card_invalid", decline_code::invalid_card},
    {"invalid_vpa", decline_code::invalid_card},
    {"vpa_invalid", decline_code::invalid_card},
    {"bank_account_invalid", decline_code::invalid_card},
    {"incorrect_otp", decline_code::authentication_failed},
    {"invalid_otp", decline_code::authentication_failed},
    {"incorrect_pin", decline_code::authentication_failed},
    {"authentication_failed", decline_code::authentication_failed},
    {"authentication_not_completed", decline_code::authentication_failed},
    {"payment_declined", decline_code::generic},
    {"payment_failed", decline_code::generic},
    {"card_declined", decline_code::generic},
    {"transaction_declined", decline_code::generic},
    {"payment_cancelled", decline_code::cancelled},
    {"payment_cancelled_by_customer", decline_code::cancelled},
    {"payment_timed_out", decline_code::cancelled},
    {"lost_card", decline_code::lost_or_stolen},
    {"stolen_card", decline_code::lost_or_stolen},
    {"debit_instrument_blocked", decline_code::blocked},
    {"debit_instrument_inactive", decline_code::blocked},
    {"card_blocked", decline_code::blocked},
    {"suspected_fraud", decline_code::fraud_suspected},
    {"payment_risk_check_failed", decline_code::fraud_suspected},
    {"risk_check_failed", decline_code::fraud_suspected},
    {"bank_technical_error", decline_code::issuer_unavailable},
    {"bank_not_available", decline_code::issuer_unavailable},
    {"bank_cutoff_in_progress", decline_code::issuer_unavailable},
    {"gateway_technical_error", decline_code::issuer_unavailable},
    {"issuer_not_available", decline_code::issuer_unavailable},
    {"transaction_limit_exceeded", decline_code::limit_exceeded},
    {"card_limit_exceeded", decline_code::limit_exceeded},
    {"invalid_amount", decline_code::invalid_amount},
    {"amount_less_than_minimum_amount", decline_code::invalid_amount},
    {"card_network_not_enabled", decline_code::not_supported},
    {"international_transaction_not_allowed", decline_code::not_supported},
}};

}  // namespace

decline_code map_decline(std::string_view reason) noexcept {
  for (const auto& [r, code] : reasons)
    if (r == reason) return code;
  return decline_code::generic;
}

bool retryable_decline(std::string_view reason) noexcept {
  return map_decline(reason) == decline_code::issuer_unavailable;
}

}  // namespace cs::connectors::razorpay
