#pragma once
// PayPal money: {"currency_code":"USD","value":"10.50"}, a decimal string in major units. The
// simulator keeps minor units and checks the currency's decimals like PayPal does.

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace processor_sim::paypal {

// Decimals PayPal accepts for a currency: 0 for JPY, HUF, TWD, 2 for the others.
int currency_decimals(const std::string& code);

struct money_problem {
  std::string issue, description;  // e.g. DECIMAL_PRECISION
  bool schema = false;             // true: 400 INVALID_REQUEST, false: 422 UNPROCESSABLE_ENTITY
};

// Parses a money object into minor units; on failure fills *problem and returns nullopt.
std::optional<std::int64_t> parse_money(const boost::json::value& money, std::string* currency,
                                        money_problem* problem);

// 1050, "USD" -> "10.50"; 1000, "JPY" -> "1000".
std::string format_value(std::int64_t minor, const std::string& currency);
boost::json::object money_json(std::int64_t minor, const std::string& currency);

}  // namespace processor_sim::paypal
