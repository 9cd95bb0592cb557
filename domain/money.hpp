#pragma once
// Money is integer minor units plus an ISO 4217 code; never a floating-point number.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace cs::domain {

struct currency_info {
  std::string_view code;
  int exponent;  // digits after the decimal point: USD 2, JPY 0, KWD 3
};

// The ISO 4217 entry for an upper-case alphabetic code, or nullopt when unknown.
std::optional<currency_info> find_currency(std::string_view code) noexcept;

struct money {
  std::int64_t minor_amount = 0;
  std::string currency;
  friend bool operator==(const money&, const money&) = default;
};

// Checks the currency is known and the amount is positive (or zero when allowed); `field` names
// the request field in the error.
status validate_money(const money& m, std::string_view field, bool allow_zero = false);

// "10.00 EUR" style rendering for logs and messages (amounts are not secret).
std::string to_string(const money& m);

// Decimal string of minor units ("1000" with exponent 2 → "10.00"), for processors that want it.
std::string to_decimal_string(const money& m);

}  // namespace cs::domain
