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
    case method_kind::upi_collect:
      return "upi_collect";
    case method_kind::apple_pay:
      return "apple_pay";
    case method_kind::google_pay:
      return "google_pay";
    case method_kind::paypal:
      return "paypal";
    case method_kind::processor_token:
      return "token";
    case method_kind::network_token:
      return "network_token";
    case method_kind::sepa_debit:
      return "sepa_debit";
    case method_kind::ach_debit:
      return "ach_debit";
    case method_kind::ideal:
      return "ideal";
    case method_kind::bancontact:
      return "bancontact";
    case method_kind::klarna:
      return "klarna";
    case method_kind::upi_intent:
      return "upi_intent";
  }
  return "unknown";
}

namespace {

struct kind_visitor {
  std::optional<method_kind> operator()(std::monostate) const { return std::nullopt; }
  std::optional<method_kind> operator()(const card&) const { return method_kind::card; }
  std::optional<method_kind> operator()(const upi&) const { return method_kind::upi_collect; }
  std::optional<method_kind> operator()(const wallet& w) const {
    switch (w.type) {
      case wallet_type::apple_pay:
        return method_kind::apple_pay;
      case wallet_type::google_pay:
        return method_kind::google_pay;
      case wallet_type::paypal:
        return method_kind::paypal;
    }
    return std::nullopt;
  }
  std::optional<method_kind> operator()(const processor_token&) const {
    return method_kind::processor_token;
  }
  std::optional<method_kind> operator()(const network_token&) const {
    return method_kind::network_token;
  }
  std::optional<method_kind> operator()(const sepa_debit&) const { return method_kind::sepa_debit; }
  std::optional<method_kind> operator()(const ach_debit&) const { return method_kind::ach_debit; }
  std::optional<method_kind> operator()(const bank_redirect& b) const {
    return b.type == bank_redirect_type::ideal ? method_kind::ideal : method_kind::bancontact;
  }
  std::optional<method_kind> operator()(const bnpl&) const { return method_kind::klarna; }
  std::optional<method_kind> operator()(const upi_intent&) const { return method_kind::upi_intent; }
};

}  // namespace

std::optional<method_kind> kind_of(const payment_method& m) noexcept {
  return std::visit(kind_visitor{}, m);
}

std::string_view arm_of(const payment_method& m) noexcept {
  if (const auto* t = std::get_if<network_token>(&m)) switch (t->origin) {
      case token_origin::apple_pay:
        return "apple_pay.decrypted";
      case token_origin::google_pay:
        return "google_pay.decrypted";
      case token_origin::token_service:
        return "network_token";
    }
  auto k = kind_of(m);
  return k ? to_string(*k) : std::string_view("(none)");
}

status validate_network_token(const network_token& t, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  const auto& number = t.number.reveal();
  if (number.empty()) return missing_field(f("number"));
  // A DPAN is a card-shaped number (it passes the Luhn check); never echoed.
  if (number.size() < 12 || number.size() > 19 || !luhn_valid(number))
    return invalid_argument(f("number"), "is not a valid token number (12-19 digits, Luhn check)");
  if (t.expiry_month < 1 || t.expiry_month > 12)
    return invalid_argument(f("expiry_month"), "must be 1 to 12");
  if (t.expiry_year < 2000 || t.expiry_year > 2099)
    return invalid_argument(f("expiry_year"), "must be a four-digit year");
  const auto& cryptogram = t.cryptogram.reveal();
  if (cryptogram.empty()) return missing_field(f("cryptogram"));
  // Base64 of the scheme's 20-byte value (28 characters); schemes differ, so only the alphabet
  // and a sane length are checked.
  if (cryptogram.size() > 64 ||
      cryptogram.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789+/=") != std::string::npos)
    return invalid_argument(f("cryptogram"), "must be base64, at most 64 characters");
  if (t.eci.empty()) return missing_field(f("eci"));
  if (t.eci.size() != 2 || !all_digits(t.eci))
    return invalid_argument(f("eci"), "must be two digits, e.g. \"05\"");
  return ok_status();
}

}  // namespace cs::domain
