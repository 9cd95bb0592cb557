#pragma once
// Which currencies Stripe charges in and its minimum charge per currency (one table, here).

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/currency_table.hpp"
#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::connectors::stripe {

// Stripe's presentment currencies and the digits of its amounts (ISK 2, UGX 2, MGA 0, …).
const domain::currency_table& currencies() noexcept;

// Upper-case ISO code → whether Stripe takes it as a presentment currency.
bool supported_currency(std::string_view code) noexcept;

// Stripe's published minimum charge in minor units, when it publishes one for the currency.
std::optional<std::int64_t> minimum_charge(std::string_view code) noexcept;

// Everything checked before a charge: a known ISO currency, one Stripe takes, a positive amount
// at or above Stripe's minimum, with an exact value in Stripe's units (three-decimal amounts
// ending in 0, MGA in whole units). Errors name
// `<field>.currency` or `<field>.minor_amount`.
domain::status check_charge(const domain::money& m, std::string_view field);

// For captures and refunds: a known currency Stripe takes and a positive amount with an exact
// value in Stripe's units (no minimum: Stripe has none for partial captures and refunds).
domain::status check_amount(const domain::money& m, std::string_view field);

}  // namespace cs::connectors::stripe
