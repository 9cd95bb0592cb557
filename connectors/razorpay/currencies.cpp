#include "connectors/razorpay/currencies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace cs::connectors::razorpay {
namespace {

// INR and Razorpay's "International Currency Support" list, limited to codes the ISO 4217
// table knows (HRK and SLL, withdrawn from ISO 4217, are left out). All of them have two
// decimals, so "amount in currency subunits" is minor units as the domain has them.
constexpr std::string_view currencies[] = {
    "AED", "ALL", "AMD", "ARS", "AUD", "AWG", "BBD", "BDT", "BMD", "BND", "BOB", "BSD", "BWP",
    "BZD", "CAD", "CHF", "CNY", "COP", "CRC", "CUP", "CZK", "DKK", "DOP", "DZD", "EGP", "ETB",
    "EUR", "FJD", "GBP", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR",
    "ILS", "INR", "JMD", "KES", "KGS", "KHR", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "MAD", "MDL", "MKD", "MMK", "MNT", "MOP", "MUR", "MVR", "MWK", "MXN", "MYR", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "PEN", "PGK", "PHP", "PKR", "QAR", "RUB", "SAR", "SCR", "SEK",
    "SGD", "SOS", "SSP", "SVC", "SZL", "THB", "TTD", "TZS", "USD", "UYU", "UZS", "YER", "ZAR"};

}  // namespace

bool supported_currency(std::string_view code) noexcept {
  return std::ranges::find(currencies, code) != std::end(currencies);
}

domain::status check_amount(const domain::money& m, std::string_view field) {
  if (auto s = domain::validate_money(m, field); !s) return s;
  if (!supported_currency(m.currency))
    return domain::invalid_argument(fmt::format("{}.currency", field),
                                    fmt::format("Razorpay does not charge in {}", m.currency));
  return domain::ok_status();
}

domain::status check_charge(const domain::money& m, std::string_view field) {
  if (auto s = check_amount(m, field); !s) return s;
  if (m.minor_amount < minimum_minor_amount)
    return domain::invalid_argument(
        fmt::format("{}.minor_amount", field),
        fmt::format("{} is below Razorpay's minimum of {}", domain::to_string(m),
                    domain::to_string(domain::money{minimum_minor_amount, m.currency})));
  return domain::ok_status();
}

}  // namespace cs::connectors::razorpay
