#include "connectors/braintree/currencies.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>

namespace cs::connectors::braintree {
namespace {

// Braintree presents "more than 130 local currencies" (articles.braintreepayments.com
// get-started/currencies), each on a merchant account of that currency, and its Amount scalar
// takes a whole number or two or three decimals (braintree-schema.graphql, scalar Amount). Its
// amounts follow ISO 4217 minor units (no published exception, unlike Adyen or Checkout.com), so
// this table is ISO 4217 less what the Amount scalar cannot write or no merchant account holds:
// CLF and UYW (four decimals), UYI (a fund code), KPW and ZWL (sanctioned, withdrawn).
constexpr std::array<domain::currency_rule, 155> rules{{
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
    {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0},
    {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2}, {"BYN", 2},
    {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CRC", 2},
    {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2},
    {"ERN", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2},
    {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2}, {"HTG", 2},
    {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0}, {"JMD", 2},
    {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3},
    {"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3},
    {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2},
    {"MUR", 2}, {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2},
    {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2}, {"PGK", 2},
    {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2},
    {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2}, {"SHP", 2},
    {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2},
    {"THB", 2}, {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2},
    {"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"UYU", 2}, {"UZS", 2}, {"VED", 2}, {"VES", 2},
    {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XOF", 0}, {"XPF", 0}, {"YER", 2},
    {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
}};

constexpr domain::currency_table table{"Braintree", rules};

domain::error bad_amount(std::string_view value, std::string_view currency) {
  return domain::make_error(
      domain::error_code::unavailable, domain::reason::bad_processor_reply,
      fmt::format("Braintree sent the amount '{}' {}, which is not an exact amount of that "
                  "currency",
                  value.substr(0, 32), currency.substr(0, 8)));
}

}  // namespace

const domain::currency_table& currencies() noexcept {
  return table;
}

domain::result<std::string> to_amount(const domain::money& m, std::string_view field,
                                      bool allow_zero) {
  auto units = table.to_wire(m, field, allow_zero);
  if (!units) return units.err();
  const int exponent = table.find(m.currency)->exponent;
  auto digits = std::to_string(*units);
  if (exponent == 0) return digits;
  if (digits.size() <= static_cast<std::size_t>(exponent))
    digits.insert(0, static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
  digits.insert(digits.size() - static_cast<std::size_t>(exponent), 1, '.');
  return digits;
}

domain::result<domain::money> from_amount(std::string_view value, std::string_view currency) {
  const auto* rule = table.find(currency);
  const int exponent = rule ? rule->exponent : 2;
  auto dot = value.find('.');
  auto whole = value.substr(0, dot);
  auto frac = dot == std::string_view::npos ? std::string_view() : value.substr(dot + 1);
  auto all_digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if (whole.empty() || whole.size() > 15 || !all_digits(whole) || !all_digits(frac) ||
      (dot != std::string_view::npos && frac.empty()))
    return bad_amount(value, currency);
  // Extra decimals must be zeros ("250.0" USD is fine; "1.5" JPY is not an exact amount).
  for (std::size_t i = static_cast<std::size_t>(exponent); i < frac.size(); ++i)
    if (frac[i] != '0') return bad_amount(value, currency);
  std::int64_t minor = 0;
  for (char c : whole) minor = minor * 10 + (c - '0');
  for (int i = 0; i < exponent; ++i) {
    auto idx = static_cast<std::size_t>(i);
    minor = minor * 10 + (idx < frac.size() ? frac[idx] - '0' : 0);
  }
  std::string code(currency);
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!domain::find_currency(code)) return bad_amount(value, currency);
  return domain::money{minor, std::move(code)};
}

}  // namespace cs::connectors::braintree
