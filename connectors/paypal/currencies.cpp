#include "connectors/paypal/currencies.hpp"

#include <array>

namespace cs::connectors::paypal {
namespace {

// developer.paypal.com/api/rest/reference/currency-codes/ (the REST API's list; RUB is no longer
// on it). "This currency does not support decimals": HUF, JPY, TWD — a HUF amount with
// fillér cannot be sent, so the table takes HUF and TWD in whole units (ISO has two decimals).
constexpr std::array<domain::currency_rule, 24> rules{{
    {"AUD", 2}, {"BRL", 2}, {"CAD", 2}, {"CHF", 2}, {"CNY", 2}, {"CZK", 2}, {"DKK", 2}, {"EUR", 2},
    {"GBP", 2}, {"HKD", 2}, {"HUF", 0}, {"ILS", 2}, {"JPY", 0}, {"MXN", 2}, {"MYR", 2}, {"NOK", 2},
    {"NZD", 2}, {"PHP", 2}, {"PLN", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TWD", 0}, {"USD", 2},
}};

constexpr domain::currency_table table{"PayPal", rules};

}  // namespace

const domain::currency_table& currencies() noexcept {
  return table;
}

domain::status check_amount(const domain::money& m, std::string_view field) {
  return table.check(m, field);
}

}  // namespace cs::connectors::paypal
