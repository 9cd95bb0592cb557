#include "domain/payment_method.hpp"

namespace cs::domain {

std::string masked_pan(std::string_view number) {
  std::string digits;
  for (char c : number)
    if (c >= '0' && c <= '9') digits.push_back(c);
  // Below 13 digits first6+last4 would reveal most of the number.
  if (digits.size() < 13) return "…";
  return digits.substr(0, 6) + "…" + digits.substr(digits.size() - 4);
}

bool luhn_valid(std::string_view number) noexcept {
  int sum = 0, n = 0;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (n++ % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return n >= 12 && sum % 10 == 0;
}

}  // namespace cs::domain
