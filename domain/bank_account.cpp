#include "domain/bank_account.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace cs::domain {
namespace {

// IBAN lengths of the SEPA scheme's countries and territories (SWIFT IBAN registry).
constexpr std::array<std::pair<std::string_view, int>, 41> sepa_lengths{{
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22},
    {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27},
    {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24},
    {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22}, {"AX", 18}, {"GF", 27},
}};

bool upper(char c) noexcept {
  return c >= 'A' && c <= 'Z';
}
bool digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string normalize_iban(std::string_view iban) {
  std::string out;
  out.reserve(iban.size());
  for (char c : iban)
    if (c != ' ') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

bool iban_valid(std::string_view iban) noexcept {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!upper(iban[0]) || !upper(iban[1]) || !digit(iban[2]) || !digit(iban[3])) return false;
  if (!std::all_of(iban.begin(), iban.end(), [](char c) { return upper(c) || digit(c); }))
    return false;
  for (const auto& [country, length] : sepa_lengths)
    if (iban.substr(0, 2) == country && static_cast<int>(iban.size()) != length) return false;
  // Move the first four characters to the end, letters become 10..35, and the number mod 97
  // must be 1; computed digit by digit so that no big integer is needed.
  int rest = 0;
  auto feed = [&](char c) {
    if (digit(c)) {
      rest = (rest * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      rest = (rest * 100 + v) % 97;
    }
  };
  for (char c : iban.substr(4)) feed(c);
  for (char c : iban.substr(0, 4)) feed(c);
  return rest == 1;
}

std::string masked_iban(std::string_view iban) {
  if (iban.size() < 12) return "…";
  return std::string(iban.substr(0, 4)) + "…" + std::string(iban.substr(iban.size() - 4));
}

bool aba_routing_valid(std::string_view routing) noexcept {
  if (routing.size() != 9 || !std::all_of(routing.begin(), routing.end(), digit)) return false;
  constexpr int weights[] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += weights[i] * (routing[i] - '0');
  return sum % 10 == 0;
}

std::string masked_account_number(std::string_view number) {
  if (number.size() < 6) return "…";
  return "…" + std::string(number.substr(number.size() - 4));
}

}  // namespace cs::domain
