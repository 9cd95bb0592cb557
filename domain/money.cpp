#include "domain/money.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace cs::domain {
namespace {

// ISO 4217 active codes (2024 list) with their minor-unit exponent, sorted for binary search.
constexpr std::array<currency_info, 160> currencies{{
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
    {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0},
    {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2}, {"BYN", 2},
    {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHF", 2}, {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2},
    {"CRC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2},
    {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2},
    {"GHS", 2}, {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
    {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0},
    {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2},
    {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2},
    {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2},
    {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2},
    {"NAD", 2}, {"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2},
    {"PEN", 2}, {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2},
    {"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2},
    {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2},
    {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2},
    {"TTD", 2}, {"TWD", 2}, {"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"UYI", 0}, {"UYU", 2},
    {"UYW", 4}, {"UZS", 2}, {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0},
    {"XCD", 2}, {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2}, {"ZWL", 2},
}};

static_assert(std::is_sorted(currencies.begin(), currencies.end(),
                             [](auto& a, auto& b) { return a.code < b.code; }));

}  // namespace

std::optional<currency_info> find_currency(std::string_view code) noexcept {
  auto it = std::lower_bound(currencies.begin(), currencies.end(), code,
                             [](const currency_info& c, std::string_view k) { return c.code < k; });
  if (it == currencies.end() || it->code != code) return std::nullopt;
  return *it;
}

status validate_money(const money& m, std::string_view field, bool allow_zero) {
  if (m.currency.empty()) return missing_field(fmt::format("{}.currency_code", field));
  if (!find_currency(m.currency))
    return invalid_argument(fmt::format("{}.currency_code", field),
                            fmt::format("unknown currency '{}': expected an upper-case ISO 4217 "
                                        "code such as EUR",
                                        m.currency.substr(0, 8)));
  if (m.minor_amount < 0 || (m.minor_amount == 0 && !allow_zero))
    return invalid_argument(fmt::format("{}.minor_amount", field),
                            allow_zero ? "must not be negative" : "must be greater than zero");
  return ok_status();
}

namespace {

constexpr std::int64_t pow10(int n) noexcept {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

}  // namespace

result<std::int64_t> to_wire_units(const money& m, int wire_exponent, std::string_view field) {
  auto info = find_currency(m.currency);
  if (!info)
    return invalid_argument(fmt::format("{}.currency_code", field),
                            fmt::format("unknown currency '{}'", m.currency.substr(0, 8)));
  int shift = wire_exponent - info->exponent;
  if (shift == 0) return m.minor_amount;
  if (shift > 0) {
    auto factor = pow10(shift);
    if (m.minor_amount > INT64_MAX / factor || m.minor_amount < INT64_MIN / factor)
      return invalid_argument(fmt::format("{}.minor_amount", field), "is too large");
    return m.minor_amount * factor;
  }
  auto divisor = pow10(-shift);
  if (m.minor_amount % divisor != 0)
    return invalid_argument(
        fmt::format("{}.minor_amount", field),
        fmt::format("{} {} cannot be sent exactly: the processor takes {} with {} decimal "
                    "digit{}, so the amount must be a multiple of {} minor units (e.g. {})",
                    m.minor_amount, m.currency, m.currency, wire_exponent,
                    wire_exponent == 1 ? "" : "s", divisor, m.minor_amount / divisor * divisor));
  return m.minor_amount / divisor;
}

result<money> from_wire_units(std::int64_t value, std::string currency, int wire_exponent) {
  auto info = find_currency(currency);
  // An unknown currency is passed through as sent: there is nothing to convert it against.
  if (!info) return money{value, std::move(currency)};
  int shift = info->exponent - wire_exponent;
  if (shift == 0) return money{value, std::move(currency)};
  if (shift > 0) {
    auto factor = pow10(shift);
    if (value > INT64_MAX / factor || value < INT64_MIN / factor)
      return make_error(
          error_code::internal, reason::bad_processor_reply,
          fmt::format("the processor sent an amount of {} {} that is too large", value, currency));
    return money{value * factor, std::move(currency)};
  }
  auto divisor = pow10(-shift);
  if (value % divisor != 0)
    return make_error(error_code::internal, reason::bad_processor_reply,
                      fmt::format("the processor sent {} {} in units of 10^-{}, which is not a "
                                  "whole number of ISO 4217 minor units",
                                  value, currency, wire_exponent));
  return money{value / divisor, std::move(currency)};
}

std::string to_decimal_string(const money& m) {
  auto info = find_currency(m.currency);
  int exp = info ? info->exponent : 2;
  std::int64_t v = m.minor_amount < 0 ? -m.minor_amount : m.minor_amount;
  std::string digits = std::to_string(v);
  if (exp > 0) {
    if (digits.size() <= static_cast<size_t>(exp))
      digits.insert(0, static_cast<size_t>(exp) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(exp), 1, '.');
  }
  return m.minor_amount < 0 ? "-" + digits : digits;
}

std::string to_string(const money& m) {
  return fmt::format("{} {}", to_decimal_string(m), m.currency);
}

}  // namespace cs::domain
