#include "paypal_cards.hpp"

#include <utility>

namespace processor_sim::paypal {

card_outcome card_outcome_for(const std::string& number, const std::string& name, bool sca_always) {
  // The sandbox's rejection triggers, put in the card holder name; the code shows in
  // processor_response.response_code.
  static const std::pair<const char*, const char*> triggers[] = {
      {"CCREJECT-REFUSED", "0500"},    {"CCREJECT-SF", "9500"},   {"CCREJECT-EC", "5400"},
      {"CCREJECT-IF", "5120"},         {"CCREJECT-LS", "9520"},   {"CCREJECT-IA", "1330"},
      {"CCREJECT-BANK_ERROR", "5100"}, {"CCREJECT-CVV_F", "00N7"}};
  card_outcome out;
  for (const auto& [trigger, code] : triggers) {
    if (name == trigger) {
      out.declined = true;
      out.response_code = code;
    }
  }
  out.needs_payer_action = sca_always || number == three_ds_card;
  return out;
}

std::string card_brand(const std::string& number) {
  if (number.empty()) return "UNKNOWN";
  if (number[0] == '4') return "VISA";
  if (number[0] == '5' || number.rfind("22", 0) == 0 || number.rfind("27", 0) == 0)
    return "MASTERCARD";
  if (number.rfind("34", 0) == 0 || number.rfind("37", 0) == 0) return "AMEX";
  if (number.rfind("6011", 0) == 0 || number.rfind("65", 0) == 0) return "DISCOVER";
  return "UNKNOWN";
}

bool luhn_valid(const std::string& number) {
  int sum = 0;
  bool twice = false;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace processor_sim::paypal
