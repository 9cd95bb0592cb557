#include "connectors/stripe/status_map.hpp"

#include <array>
#include <utility>

namespace cs::connectors::stripe {

using domain::decline_code;
using domain::dispute_status;
using domain::payment_status;

payment_status map_intent_status(std::string_view s, bool has_last_error,
                                 bool partially_received) noexcept {
  if (s == "requires_payment_method")
    return has_last_error ? payment_status::failure : payment_status::started;
  if (s == "requires_confirmation") return payment_status::started;
  if (s == "requires_action") return payment_status::authentication_pending;
  if (s == "processing") return payment_status::pending;
  if (s == "requires_capture") return payment_status::authorized;
  if (s == "succeeded")
    return partially_received ? payment_status::partially_charged : payment_status::charged;
  if (s == "canceled") return payment_status::voided;
  return payment_status::unrecognized;
}

domain::refund_status map_refund_status(std::string_view s) noexcept {
  if (s == "pending" || s == "requires_action") return domain::refund_status::pending;
  if (s == "succeeded") return domain::refund_status::success;
  if (s == "failed" || s == "canceled") return domain::refund_status::failure;
  return domain::refund_status::unrecognized;
}

dispute_status map_dispute_status(std::string_view s) noexcept {
  if (s == "warning_needs_response" || s == "needs_response") return dispute_status::opened;
  if (s == "warning_under_review" || s == "under_review") return dispute_status::challenged;
  if (s == "won" || s == "prevented") return dispute_status::won;
  if (s == "lost") return dispute_status::lost;
  if (s == "warning_closed") return dispute_status::expired;
  return dispute_status::unrecognized;
}

domain::mandate_status map_setup_status(std::string_view s) noexcept {
  if (s == "succeeded") return domain::mandate_status::active;
  if (s == "requires_action" || s == "processing") return domain::mandate_status::pending;
  return domain::mandate_status::failed;
}

namespace {

// docs.stripe.com/declines/codes and /error-codes. Unlisted codes are a generic decline.
constexpr std::array<std::pair<std::string_view, decline_code>, 44> declines{{
    {"generic_decline", decline_code::generic},
    {"card_declined", decline_code::generic},
    {"do_not_honor", decline_code::generic},
    {"do_not_try_again", decline_code::generic},
    {"no_action_taken", decline_code::generic},
    {"revocation_of_authorization", decline_code::cancelled},
    {"revocation_of_all_authorizations", decline_code::cancelled},
    {"stop_payment_order", decline_code::cancelled},
    {"insufficient_funds", decline_code::insufficient_funds},
    {"lost_card", decline_code::lost_or_stolen},
    {"stolen_card", decline_code::lost_or_stolen},
    {"pickup_card", decline_code::lost_or_stolen},
    {"expired_card", decline_code::expired_card},
    {"incorrect_cvc", decline_code::incorrect_cvc},
    {"invalid_cvc", decline_code::incorrect_cvc},
    {"incorrect_number", decline_code::invalid_card},
    {"invalid_number", decline_code::invalid_card},
    {"invalid_expiry_month", decline_code::invalid_card},
    {"invalid_expiry_year", decline_code::invalid_card},
    {"invalid_account", decline_code::invalid_card},
    {"new_account_information_available", decline_code::invalid_card},
    {"incorrect_zip", decline_code::invalid_card},
    {"processing_error", decline_code::processing_error},
    {"reenter_transaction", decline_code::processing_error},
    {"issuer_not_available", decline_code::issuer_unavailable},
    {"try_again_later", decline_code::issuer_unavailable},
    {"authentication_required", decline_code::authentication_required},
    {"offline_pin_required", decline_code::authentication_required},
    {"online_or_offline_pin_required", decline_code::authentication_required},
    {"payment_intent_authentication_failure", decline_code::authentication_failed},
    {"setup_intent_authentication_failure", decline_code::authentication_failed},
    {"card_not_supported", decline_code::not_supported},
    {"currency_not_supported", decline_code::not_supported},
    {"transaction_not_allowed", decline_code::not_supported},
    {"service_not_allowed", decline_code::not_supported},
    {"fraudulent", decline_code::fraud_suspected},
    {"merchant_blacklist", decline_code::blocked},
    {"restricted_card", decline_code::blocked},
    {"security_violation", decline_code::blocked},
    {"invalid_amount", decline_code::invalid_amount},
    {"amount_too_large", decline_code::invalid_amount},
    {"card_velocity_exceeded", decline_code::limit_exceeded},
    {"withdrawal_count_limit_exceeded", decline_code::limit_exceeded},
    {"call_issuer", decline_code::referral},
}};

decline_code lookup(std::string_view code) noexcept {
  for (const auto& [name, mapped] : declines)
    if (name == code) return mapped;
  return decline_code::unspecified;
}

}  // namespace

decline_code map_decline(std::string_view decline, std::string_view code) noexcept {
  // decline_code is the issuer's reason and the more specific of the two, except that Stripe
  // sends the generic "card_declined" code with specific decline codes and the reverse.
  if (auto d = lookup(decline); d != decline_code::unspecified && d != decline_code::generic)
    return d;
  if (auto c = lookup(code); c != decline_code::unspecified) return c;
  return decline_code::generic;
}

bool retryable_decline(std::string_view decline, std::string_view code) noexcept {
  auto d = map_decline(decline, code);
  return d == decline_code::processing_error || d == decline_code::issuer_unavailable;
}

}  // namespace cs::connectors::stripe
