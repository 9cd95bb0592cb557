#include "connectors/adyen/status_map.hpp"

#include <strings.h>

#include <array>

namespace cs::connectors::adyen {
namespace {

using domain::decline_code;
using domain::payment_status;

struct refusal {
  std::string_view code;
  std::string_view text;
  decline_code decline;
  bool retryable;
};

// https://docs.adyen.com/development-resources/raw-acquirer-responses (refusal reasons).
constexpr std::array<refusal, 36> refusals{{
    {"2", "Refused", decline_code::generic, false},
    {"3", "Referral", decline_code::referral, false},
    {"4", "Acquirer Error", decline_code::processing_error, true},
    {"5", "Blocked Card", decline_code::blocked, false},
    {"6", "Expired Card", decline_code::expired_card, false},
    {"7", "Invalid Amount", decline_code::invalid_amount, false},
    {"8", "Invalid Card Number", decline_code::invalid_card, false},
    {"9", "Issuer Unavailable", decline_code::issuer_unavailable, true},
    {"10", "Not supported", decline_code::not_supported, false},
    {"11", "3D Not Authenticated", decline_code::authentication_failed, false},
    {"12", "Not enough balance", decline_code::insufficient_funds, false},
    {"14", "Acquirer Fraud", decline_code::fraud_suspected, false},
    {"15", "Cancelled", decline_code::cancelled, false},
    {"16", "Shopper Cancelled", decline_code::cancelled, false},
    {"17", "Invalid Pin", decline_code::authentication_failed, false},
    {"18", "Pin tries exceeded", decline_code::blocked, false},
    {"19", "Pin validation not possible", decline_code::authentication_failed, false},
    {"20", "FRAUD", decline_code::fraud_suspected, false},
    {"21", "Not Submitted", decline_code::processing_error, true},
    {"22", "FRAUD-CANCELLED", decline_code::fraud_suspected, false},
    {"23", "Transaction Not Permitted", decline_code::not_supported, false},
    {"24", "CVC Declined", decline_code::incorrect_cvc, false},
    {"25", "Restricted Card", decline_code::blocked, false},
    {"26", "Revocation Of Auth", decline_code::cancelled, false},
    {"27", "Declined Non Generic", decline_code::generic, false},
    {"28", "Withdrawal amount exceeded", decline_code::limit_exceeded, false},
    {"29", "Withdrawal count exceeded", decline_code::limit_exceeded, false},
    {"31", "Issuer Suspected Fraud", decline_code::fraud_suspected, false},
    {"32", "AVS Declined", decline_code::generic, false},
    {"33", "Card requires online pin", decline_code::authentication_required, false},
    {"34", "No checking account available on Card", decline_code::invalid_card, false},
    {"35", "No savings account available on Card", decline_code::invalid_card, false},
    {"36", "Mobile pin required", decline_code::authentication_required, false},
    {"37", "Contactless fallback", decline_code::authentication_required, false},
    {"38", "Authentication required", decline_code::authentication_required, false},
    {"39", "RReq not received from DS", decline_code::authentication_failed, true},
}};

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

const refusal* find_refusal(std::string_view code, std::string_view reason) noexcept {
  if (!code.empty())
    for (auto& r : refusals)
      if (r.code == code) return &r;
  if (!reason.empty())
    for (auto& r : refusals)
      if (iequals(r.text, reason)) return &r;
  return nullptr;
}

}  // namespace

payment_status map_result_code(std::string_view rc, domain::capture_method capture) noexcept {
  if (rc == "Authorised")
    return capture == domain::capture_method::manual ? payment_status::authorized
                                                     : payment_status::charged;
  if (rc == "Refused" || rc == "Error") return payment_status::failure;
  if (rc == "RedirectShopper" || rc == "ChallengeShopper" || rc == "IdentifyShopper" ||
      rc == "PresentToShopper")
    return payment_status::authentication_pending;
  if (rc == "Pending" || rc == "Received") return payment_status::pending;
  if (rc == "Cancelled") return payment_status::voided;
  if (rc == "PartiallyAuthorised") return payment_status::partially_authorized;
  return payment_status::unrecognized;
}

decline_code map_refusal(std::string_view code, std::string_view reason) noexcept {
  auto* r = find_refusal(code, reason);
  return r ? r->decline : decline_code::generic;
}

domain::processor_error refusal_error(std::string_view result_code, std::string_view code,
                                      std::string_view reason, std::string_view raw) {
  domain::processor_error e;
  auto* r = find_refusal(code, reason);
  e.code = r ? r->decline : decline_code::generic;
  e.retryable = r && r->retryable;
  if (result_code == "Error") {
    // Adyen's own processing error, not the issuer's answer: a retry may well succeed.
    if (!r) e.code = decline_code::processing_error;
    e.retryable = true;
  }
  e.processor_code = std::string(code);
  e.processor_message = std::string(reason);
  e.decline_code_raw = std::string(raw);
  return e;
}

}  // namespace cs::connectors::adyen
