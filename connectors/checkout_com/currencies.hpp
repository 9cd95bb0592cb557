#pragma once
// The currencies Checkout.com takes and the digits of its integer `amount` fields (one table,
// here; README.md cites the page).

#include <string_view>

#include "domain/currency_table.hpp"
#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::connectors::checkout_com {

const domain::currency_table& currencies() noexcept;

// A currency Checkout.com takes and a positive amount with an exact value in its units, at most
// nine digits on the wire; errors name `<field>.currency` or `<field>.minor_amount`.
domain::status check_amount(const domain::money& m, std::string_view field);

}  // namespace cs::connectors::checkout_com
