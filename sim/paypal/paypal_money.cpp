#include "paypal_money.hpp"

#include <boost/json/object.hpp>

#include <cctype>

namespace processor_sim::paypal {

int currency_decimals(const std::string& code) {
  return code == "JPY" || code == "HUF" || code == "TWD" ? 0 : 2;
}

std::optional<std::int64_t> parse_money(const boost::json::value& money, std::string* currency,
                                        money_problem* problem) {
  const auto* o = money.if_object();
  const auto* code = o ? o->if_contains("currency_code") : nullptr;
  const auto* value = o ? o->if_contains("value") : nullptr;
  if (!code || !value) {
    *problem = {"MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.", true};
    return std::nullopt;
  }
  if (!code->is_string() || code->as_string().size() != 3 || !value->is_string()) {
    *problem = {"INVALID_PARAMETER_SYNTAX",
                "The value of a field does not conform to the expected format.", true};
    return std::nullopt;
  }
  *currency = std::string(code->as_string());
  for (char c : *currency) {
    if (!std::isupper(static_cast<unsigned char>(c))) {
      *problem = {"INVALID_CURRENCY_CODE",
                  "Currency code is invalid or is not currently supported.", false};
      return std::nullopt;
    }
  }
  // The spec's pattern ^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$, without the sign: amounts are > 0.
  const std::string text(value->as_string());
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto digits = [](const std::string& s) {
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  if (text.empty() || text.size() > 32 || !digits(whole) || !digits(frac) ||
      (dot != std::string::npos && frac.empty()) || (whole.empty() && frac.empty()) ||
      whole.size() > 15) {
    *problem = {"INVALID_PARAMETER_SYNTAX",
                "The value of a field does not conform to the expected format.", true};
    return std::nullopt;
  }
  const int decimals = currency_decimals(*currency);
  if (decimals == 0 && dot != std::string::npos) {
    *problem = {"DECIMALS_NOT_SUPPORTED", "Currency does not support decimals.", false};
    return std::nullopt;
  }
  if (static_cast<int>(frac.size()) > decimals) {
    *problem = {"DECIMAL_PRECISION",
                "If the currency supports decimals, only two decimal place precision is supported.",
                false};
    return std::nullopt;
  }
  std::int64_t minor = whole.empty() ? 0 : std::stoll(whole);
  for (int i = 0; i < decimals; ++i) {
    minor = minor * 10 + (i < static_cast<int>(frac.size()) ? frac[i] - '0' : 0);
  }
  if (minor <= 0) {
    *problem = {"CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.", false};
    return std::nullopt;
  }
  return minor;
}

std::string format_value(std::int64_t minor, const std::string& currency) {
  const int decimals = currency_decimals(currency);
  if (decimals == 0) return std::to_string(minor);
  const std::int64_t cents = minor % 100;
  return std::to_string(minor / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

boost::json::object money_json(std::int64_t minor, const std::string& currency) {
  return {{"currency_code", currency}, {"value", format_value(minor, currency)}};
}

}  // namespace processor_sim::paypal
