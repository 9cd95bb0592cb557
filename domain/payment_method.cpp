#include "domain/payment_method.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cs::domain {
namespace {

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

status validate_card(const card& c, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  const auto& number = c.number.reveal();
  if (number.empty()) return missing_field(f("number"));
  if (!all_digits(number) || number.size() < 12 || number.size() > 19)
    return invalid_argument(f("number"), "must be 12 to 19 digits");
  if (c.expiry_month == 0) return missing_field(f("expiry_month"));
  if (c.expiry_month < 1 || c.expiry_month > 12)
    return invalid_argument(f("expiry_month"), "must be 1 to 12");
  if (c.expiry_year == 0) return missing_field(f("expiry_year"));
  if (c.expiry_year < 1000 || c.expiry_year > 9999)
    return invalid_argument(f("expiry_year"), "must have four digits");
  const auto& cvc = c.cvc.reveal();
  if (!cvc.empty() && (!all_digits(cvc) || cvc.size() < 3 || cvc.size() > 4))
    return invalid_argument(f("cvc"), "must be 3 or 4 digits");
  return ok_status();
}

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

namespace cs::domain {

std::string_view to_string(method_kind k) noexcept {
  switch (k) {
    case method_kind::card:
      return "card";
    case method_kind::upi:
      return "upi";
    case method_kind::wallet:
      return "wallet";
    case method_kind::processor_token:
      return "processor_token";
  }
  return "unknown";
}

std::optional<method_kind> kind_of(const payment_method& m) noexcept {
  switch (m.index()) {
    case 1:
      return method_kind::card;
    case 2:
      return method_kind::upi;
    case 3:
      return method_kind::wallet;
    case 4:
      return method_kind::processor_token;
    default:
      return std::nullopt;
  }
}

}  // namespace cs::domain
