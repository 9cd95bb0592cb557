#include "razorpay_cards.hpp"

namespace processor_sim::razorpay {

bool luhn_valid(const std::string& digits) {
  if (digits.size() < 12 || digits.size() > 19) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string card_network(const std::string& digits) {
  auto starts = [&](const char* prefix) { return digits.rfind(prefix, 0) == 0; };
  const int two = digits.size() >= 2 ? std::stoi(digits.substr(0, 2)) : 0;
  const int four = digits.size() >= 4 ? std::stoi(digits.substr(0, 4)) : 0;
  if (starts("4")) return "Visa";
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "MasterCard";
  if (starts("34") || starts("37")) return "American Express";
  if (starts("60") || starts("65") || starts("81") || starts("82") || starts("508")) {
    return "RuPay";
  }
  if (starts("36") || starts("38") || starts("300") || starts("305")) return "Diners Club";
  if (starts("50") || starts("56") || starts("57") || starts("58") || starts("63") ||
      starts("67")) {
    return "Maestro";
  }
  return "Unknown";
}

}  // namespace processor_sim::razorpay
