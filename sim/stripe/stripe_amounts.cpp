#include "stripe_amounts.hpp"

#include <map>
#include <set>

namespace processor_sim::stripe {

int currency_exponent(const std::string& currency) {
  // UGX is on Stripe's zero-decimal list but, like ISK, is still sent as a two-decimal value.
  static const std::set<std::string> zero{"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
                                          "pyg", "rwf", "vnd", "vuv", "xaf", "xof", "xpf"};
  static const std::set<std::string> three{"bhd", "jod", "kwd", "omr", "tnd"};
  if (zero.count(currency)) return 0;
  if (three.count(currency)) return 3;
  return 2;
}

std::int64_t amount_step(const std::string& currency) {
  if (currency == "isk" || currency == "ugx") return 100;  // whole units, two-decimal values
  return currency_exponent(currency) == 3 ? 10 : 1;
}

std::int64_t minimum_amount(const std::string& currency) {
  // https://stripe.com/docs/currencies#minimum-and-maximum-charge-amounts
  static const std::map<std::string, std::int64_t> minimums{
      {"usd", 50},    {"aed", 200},  {"aud", 50},  {"bgn", 100},  {"brl", 50},  {"cad", 50},
      {"chf", 50},    {"czk", 1500}, {"dkk", 250}, {"eur", 50},   {"gbp", 30},  {"hkd", 400},
      {"huf", 17500}, {"inr", 50},   {"jpy", 50},  {"mxn", 1000}, {"myr", 200}, {"nok", 300},
      {"nzd", 50},    {"pln", 200},  {"ron", 200}, {"sek", 300},  {"sgd", 50},  {"thb", 1000}};
  auto it = minimums.find(currency);
  return it == minimums.end() ? 0 : it->second;
}

std::string format_amount(std::int64_t minor, const std::string& currency) {
  const int exp = currency_exponent(currency);
  std::string digits = std::to_string(minor);
  if (exp > 0) {
    while (static_cast<int>(digits.size()) <= exp) digits.insert(0, "0");
    digits.insert(digits.size() - static_cast<std::size_t>(exp), ".");
  }
  const std::string symbol = currency == "usd"   ? "$"
                             : currency == "eur" ? "€"
                             : currency == "gbp" ? "£"
                                                 : "";
  return symbol + digits + " " + currency;
}

}  // namespace processor_sim::stripe
