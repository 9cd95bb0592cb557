#pragma once
// Currency rules: minor-unit exponents and Stripe's minimum charge amounts.

#include <cstdint>
#include <string>

namespace processor_sim::stripe {

int currency_exponent(const std::string& currency);  // lower-case ISO code
// What Stripe's amount must be a multiple of: 100 for ISK and UGX ("effectively zero-decimal"),
// 10 for three-decimal currencies (the last digit is 0), else 1.
std::int64_t amount_step(const std::string& currency);
// Stripe's minimum charge in minor units (0 when unknown: no minimum enforced).
std::int64_t minimum_amount(const std::string& currency);
// "$0.50 usd" style text used in amount_too_small messages.
std::string format_amount(std::int64_t minor, const std::string& currency);

}  // namespace processor_sim::stripe
