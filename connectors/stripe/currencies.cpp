#include "connectors/stripe/currencies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace cs::connectors::stripe {
namespace {

// Stripe's presentment currencies (docs.stripe.com/currencies, "Supported presentment
// currencies"), limited to codes the ISO 4217 table knows. Left out on purpose:
// ISK — ISO exponent 0, but Stripe wants it as a two-decimal value (5 ISK = 500), which this
// connector does not convert; STD — withdrawn from ISO 4217 (now STN), which Stripe does not list.
constexpr std::array<std::string_view, 137> presentment{
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHF", "CLP", "CNY", "COP", "CRC", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ETB",
    "EUR", "FJD", "FKP", "GBP", "GEL", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG",
    "HUF", "IDR", "ILS", "INR", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
    "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF",
    "SAR", "SBD", "SCR", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SZL", "THB", "TJS", "TND",
    "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VND", "VUV", "WST",
    "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW"};

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

bool three_decimal(std::string_view code) noexcept {
  return code == "BHD" || code == "JOD" || code == "KWD" || code == "OMR" || code == "TND";
}

}  // namespace

bool supported_currency(std::string_view code) noexcept {
  return std::find(presentment.begin(), presentment.end(), code) != presentment.end();
}

std::optional<std::int64_t> minimum_charge(std::string_view code) noexcept {
  for (const auto& m : minimums)
    if (m.code == code) return m.minor;
  return std::nullopt;
}

domain::status check_amount(const domain::money& m, std::string_view field) {
  if (auto s = domain::validate_money(m, field); !s) return s;
  if (!supported_currency(m.currency))
    return domain::invalid_argument(fmt::format("{}.currency", field),
                                    fmt::format("Stripe does not charge in {}", m.currency));
  if (three_decimal(m.currency) && m.minor_amount % 10 != 0)
    return domain::invalid_argument(
        fmt::format("{}.minor_amount", field),
        fmt::format("Stripe requires three-decimal {} amounts to end in 0 (e.g. {})", m.currency,
                    m.minor_amount / 10 * 10));
  return domain::ok_status();
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
