#include "connectors/stripe/currencies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace cs::connectors::stripe {
namespace {

// Stripe's presentment currencies with the digits its `amount` fields count
// (docs.stripe.com/currencies: "Zero-decimal currencies", "Three-decimal currencies", "Special
// cases"), limited to codes the ISO 4217 table knows (STD, withdrawn, is left out). Where Stripe
// differs from ISO 4217: ISK and UGX are sent as two-decimal values (ISO 0; 5 ISK = 500, always a
// multiple of 100), MGA is zero-decimal (ISO 2). Three-decimal amounts must end in 0 (step 10).
// HUF and TWD charge with two decimals; only their payouts need whole units.
constexpr std::array<domain::currency_rule, 138> rules{{
    {"AED", 2}, {"AFN", 2}, {"ALL", 2},     {"AMD", 2},     {"ANG", 2},     {"AOA", 2},
    {"ARS", 2}, {"AUD", 2}, {"AWG", 2},     {"AZN", 2},     {"BAM", 2},     {"BBD", 2},
    {"BDT", 2}, {"BGN", 2}, {"BHD", 3, 10}, {"BIF", 0},     {"BMD", 2},     {"BND", 2},
    {"BOB", 2}, {"BRL", 2}, {"BSD", 2},     {"BWP", 2},     {"BYN", 2},     {"BZD", 2},
    {"CAD", 2}, {"CDF", 2}, {"CHF", 2},     {"CLP", 0},     {"CNY", 2},     {"COP", 2},
    {"CRC", 2}, {"CVE", 2}, {"CZK", 2},     {"DJF", 0},     {"DKK", 2},     {"DOP", 2},
    {"DZD", 2}, {"EGP", 2}, {"ETB", 2},     {"EUR", 2},     {"FJD", 2},     {"FKP", 2},
    {"GBP", 2}, {"GEL", 2}, {"GIP", 2},     {"GMD", 2},     {"GNF", 0},     {"GTQ", 2},
    {"GYD", 2}, {"HKD", 2}, {"HNL", 2},     {"HTG", 2},     {"HUF", 2},     {"IDR", 2},
    {"ILS", 2}, {"INR", 2}, {"ISK", 2},     {"JMD", 2},     {"JOD", 3, 10}, {"JPY", 0},
    {"KES", 2}, {"KGS", 2}, {"KHR", 2},     {"KMF", 0},     {"KRW", 0},     {"KWD", 3, 10},
    {"KYD", 2}, {"KZT", 2}, {"LAK", 2},     {"LBP", 2},     {"LKR", 2},     {"LRD", 2},
    {"LSL", 2}, {"MAD", 2}, {"MDL", 2},     {"MGA", 0},     {"MKD", 2},     {"MMK", 2},
    {"MNT", 2}, {"MOP", 2}, {"MUR", 2},     {"MVR", 2},     {"MWK", 2},     {"MXN", 2},
    {"MYR", 2}, {"MZN", 2}, {"NAD", 2},     {"NGN", 2},     {"NIO", 2},     {"NOK", 2},
    {"NPR", 2}, {"NZD", 2}, {"OMR", 3, 10}, {"PAB", 2},     {"PEN", 2},     {"PGK", 2},
    {"PHP", 2}, {"PKR", 2}, {"PLN", 2},     {"PYG", 0},     {"QAR", 2},     {"RON", 2},
    {"RSD", 2}, {"RUB", 2}, {"RWF", 0},     {"SAR", 2},     {"SBD", 2},     {"SCR", 2},
    {"SEK", 2}, {"SGD", 2}, {"SHP", 2},     {"SLE", 2},     {"SOS", 2},     {"SRD", 2},
    {"SZL", 2}, {"THB", 2}, {"TJS", 2},     {"TND", 3, 10}, {"TOP", 2},     {"TRY", 2},
    {"TTD", 2}, {"TWD", 2}, {"TZS", 2},     {"UAH", 2},     {"UGX", 2},     {"USD", 2},
    {"UYU", 2}, {"UZS", 2}, {"VND", 0},     {"VUV", 0},     {"WST", 2},     {"XAF", 0},
    {"XCD", 2}, {"XOF", 0}, {"XPF", 0},     {"YER", 2},     {"ZAR", 2},     {"ZMW", 2},
}};

constexpr domain::currency_table table{"Stripe", rules};

struct minimum {
  std::string_view code;
  std::int64_t minor;
};

// docs.stripe.com/currencies#minimum-and-maximum-charge-amounts (the settlement-currency table;
// Stripe applies it after conversion, so a presentment currency not listed here has no minimum
// this connector can check).
constexpr std::array<minimum, 24> minimums{{
    {"AED", 200},  {"AUD", 50},  {"BGN", 100},  {"BRL", 50},  {"CAD", 50},   {"CHF", 50},
    {"CZK", 1500}, {"DKK", 250}, {"EUR", 50},   {"GBP", 30},  {"HKD", 400},  {"HUF", 17500},
    {"INR", 50},   {"JPY", 50},  {"MXN", 1000}, {"MYR", 200}, {"NOK", 300},  {"NZD", 50},
    {"PLN", 200},  {"RON", 200}, {"SEK", 300},  {"SGD", 50},  {"THB", 1000}, {"USD", 50},
}};

}  // namespace

const domain::currency_table& currencies() noexcept {
  return table;
}

bool supported_currency(std::string_view code) noexcept {
  return table.find(code) != nullptr;
}

std::optional<std::int64_t> minimum_charge(std::string_view code) noexcept {
  for (const auto& m : minimums)
    if (m.code == code) return m.minor;
  return std::nullopt;
}

domain::status check_amount(const domain::money& m, std::string_view field) {
  return table.check(m, field);
}

domain::status check_charge(const domain::money& m, std::string_view field) {
  if (auto s = check_amount(m, field); !s) return s;
  if (auto min = minimum_charge(m.currency); min && m.minor_amount < *min)
    return domain::invalid_argument(
        fmt::format("{}.minor_amount", field),
        fmt::format("{} is below Stripe's minimum charge of {}", domain::to_string(m),
                    domain::to_string(domain::money{*min, m.currency})));
  return domain::ok_status();
}

}  // namespace cs::connectors::stripe
