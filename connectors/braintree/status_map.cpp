// Braintree's words in unified terms: PaymentStatus for payments and refunds, DisputeStatus,
// processor response codes and gateway rejection reasons (README.md has the tables).
#include <array>

#include "connectors/braintree/replies.hpp"

namespace cs::connectors::braintree {
namespace {

using domain::decline_code;
using domain::payment_status;

struct status_row {
  std::string_view word;
  payment_status payment;
  domain::refund_status refund;
};
// enum PaymentStatus (braintree-schema.graphql). A refund SUBMITTED_FOR_SETTLEMENT is done for
// the merchant: Braintree settles it in the next batch.
constexpr std::array<status_row, 13> statuses{{
    {"AUTHORIZATION_EXPIRED", payment_status::expired, domain::refund_status::failure},
    {"AUTHORIZED", payment_status::authorized, domain::refund_status::pending},
    {"AUTHORIZING", payment_status::pending, domain::refund_status::pending},
    {"FAILED", payment_status::failure, domain::refund_status::failure},
    {"GATEWAY_REJECTED", payment_status::failure, domain::refund_status::failure},
    {"PROCESSOR_DECLINED", payment_status::failure, domain::refund_status::failure},
    {"SETTLED", payment_status::charged, domain::refund_status::success},
    {"SETTLEMENT_CONFIRMED", payment_status::charged, domain::refund_status::success},
    {"SETTLEMENT_DECLINED", payment_status::capture_failed, domain::refund_status::failure},
    {"SETTLEMENT_PENDING", payment_status::charged, domain::refund_status::success},
    {"SETTLING", payment_status::charged, domain::refund_status::success},
    {"SUBMITTED_FOR_SETTLEMENT", payment_status::charged, domain::refund_status::success},
    {"VOIDED", payment_status::voided, domain::refund_status::failure},
}};

const status_row* find_status(std::string_view s) {
  for (const auto& r : statuses)
    if (r.word == s) return &r;
  return nullptr;
}

struct code_row {
  std::string_view code;
  decline_code decline;
  bool soft;
};
// Processor responses (developer.paypal.com/braintree/docs/reference/general/processor-responses
// /authorization-responses; braintree_node test values): codes not listed here fall to their
// range (2000–2999 generic, 3000 issuer unavailable).
constexpr std::array<code_row, 38> codes{{
    {"2000", decline_code::generic, true},
    {"2001", decline_code::insufficient_funds, true},
    {"2002", decline_code::limit_exceeded, true},
    {"2003", decline_code::limit_exceeded, true},
    {"2004", decline_code::expired_card, false},
    {"2005", decline_code::invalid_card, false},
    {"2006", decline_code::invalid_card, false},
    {"2007", decline_code::invalid_card, false},
    {"2008", decline_code::invalid_card, false},
    {"2009", decline_code::invalid_card, false},
    {"2010", decline_code::incorrect_cvc, false},
    {"2011", decline_code::referral, false},
    {"2012", decline_code::lost_or_stolen, false},
    {"2013", decline_code::lost_or_stolen, false},
    {"2014", decline_code::fraud_suspected, false},
    {"2015", decline_code::not_supported, false},
    {"2016", decline_code::processing_error, true},
    {"2017", decline_code::blocked, false},
    {"2018", decline_code::blocked, false},
    {"2019", decline_code::not_supported, false},
    {"2020", decline_code::blocked, false},
    {"2021", decline_code::fraud_suspected, false},
    {"2022", decline_code::invalid_card, false},
    {"2023", decline_code::not_supported, false},
    {"2024", decline_code::not_supported, false},
    {"2027", decline_code::invalid_amount, false},
    {"2038", decline_code::generic, true},
    {"2041", decline_code::referral, false},
    {"2043", decline_code::referral, false},
    {"2044", decline_code::referral, false},
    {"2046", decline_code::generic, true},
    {"2047", decline_code::lost_or_stolen, false},
    {"2048", decline_code::invalid_amount, false},
    {"2053", decline_code::lost_or_stolen, false},
    {"2057", decline_code::blocked, false},
    {"2060", decline_code::incorrect_cvc, false},
    {"2099", decline_code::authentication_required, true},
    {"3000", decline_code::issuer_unavailable, true},
}};

}  // namespace

payment_status map_payment_status(std::string_view status) noexcept {
  const auto* r = find_status(status);
  return r ? r->payment : payment_status::unrecognized;
}

domain::refund_status map_refund_status(std::string_view status) noexcept {
  const auto* r = find_status(status);
  return r ? r->refund : domain::refund_status::unrecognized;
}

domain::dispute_status map_dispute_status(std::string_view s) noexcept {
  using domain::dispute_status;
  if (s == "OPEN") return dispute_status::opened;
  if (s == "ACCEPTED" || s == "AUTO_ACCEPTED") return dispute_status::accepted;
  if (s == "DISPUTED" || s == "UNDER_REVIEW") return dispute_status::challenged;
  if (s == "WON") return dispute_status::won;
  if (s == "LOST") return dispute_status::lost;
  if (s == "EXPIRED") return dispute_status::expired;
  return dispute_status::unrecognized;
}

decline map_processor_code(std::string_view legacy_code) noexcept {
  for (const auto& c : codes)
    if (c.code == legacy_code) return {c.decline, c.soft};
  if (legacy_code.size() == 4 && legacy_code.starts_with("30"))
    return {decline_code::issuer_unavailable, true};
  return {decline_code::generic, false};
}

decline_code map_gateway_rejection(std::string_view r) noexcept {
  if (r == "CVV" || r == "AVS_AND_CVV") return decline_code::incorrect_cvc;
  if (r == "FRAUD" || r == "RISK_THRESHOLD") return decline_code::fraud_suspected;
  if (r == "THREE_D_SECURE") return decline_code::authentication_failed;
  if (r == "EXCESSIVE_RETRY" || r == "PAYMENT_METHOD_BLOCKED" ||
      r == "TOO_MANY_CONFIRMATION_ATTEMPTS")
    return decline_code::blocked;
  if (r == "DUPLICATE" || r == "APPLICATION_INCOMPLETE" || r == "TOKEN_ISSUANCE" ||
      r == "MANUAL_TRANSACTIONS_DISABLED" || r == "UNION_PAY_ENROLLMENT_REQUIRED")
    return decline_code::processing_error;
  return decline_code::generic;  // AVS and anything new
}

}  // namespace cs::connectors::braintree
