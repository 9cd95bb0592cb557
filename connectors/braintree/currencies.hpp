#pragma once
// The currencies Braintree takes and how its `Amount` scalar writes them: a decimal string, a
// whole number or exactly two or three decimals, at the ISO 4217 exponent of the currency
// (README.md says why). Never floating point: minor units ⇄ text, digit by digit.

#include <string>
#include <string_view>

#include "domain/currency_table.hpp"
#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::connectors::braintree {

const domain::currency_table& currencies() noexcept;

// The money as Braintree's Amount ("10.00", "1000" for JPY, "1.250" for KWD); INVALID_ARGUMENT
// naming `<field>.currency` / `<field>.minor_amount` for a currency it does not take or an amount
// that is not positive (zero allowed when asked).
domain::result<std::string> to_amount(const domain::money& m, std::string_view field,
                                      bool allow_zero = false);

// A MonetaryAmount {value, currencyCode} read back ("250.0" and "100" are valid too);
// BAD_PROCESSOR_REPLY when the text is not a plain decimal or has more digits than the currency.
domain::result<domain::money> from_amount(std::string_view value, std::string_view currency);

}  // namespace cs::connectors::braintree
