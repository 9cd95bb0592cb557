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

// Processors do not all count a currency's minor units as ISO 4217 does (CLP: ISO 0 digits,
// Adyen 2; CVE: ISO 2, Adyen 0). These convert between the domain's ISO minor units and a
// processor's units given the processor's digits for the currency. Never rounds: an amount with
// no exact representation on the other side is an error (INVALID_ARGUMENT naming `field` on the
// way out; BAD_PROCESSOR_REPLY on the way back). Overflow is an error too.
result<std::int64_t> to_wire_units(const money& m, int wire_exponent, std::string_view field);
result<money> from_wire_units(std::int64_t value, std::string currency, int wire_exponent);

// Decimal string of minor units ("1000" with exponent 2 → "10.00"), for processors that want it.
std::string to_decimal_string(const money& m);

}  // namespace cs::domain
