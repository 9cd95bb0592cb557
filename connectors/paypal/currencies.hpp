#pragma once
// The currencies PayPal takes and the decimals of its amount strings (one table, here).

#include <string_view>

#include "domain/currency_table.hpp"
#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::connectors::paypal {

// PayPal's REST currency codes (developer.paypal.com/api/rest/reference/currency-codes/):
// HUF, JPY and TWD take no decimals, the others two.
const domain::currency_table& currencies() noexcept;

// A known currency PayPal takes and a positive amount with an exact value in its decimals;
// errors name `<field>.currency` or `<field>.minor_amount`.
domain::status check_amount(const domain::money& m, std::string_view field);

}  // namespace cs::connectors::paypal
