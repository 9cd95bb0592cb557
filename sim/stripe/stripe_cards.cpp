#include "stripe_cards.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace processor_sim::stripe {
namespace {

struct card_row {
  std::string_view number;
  card_behaviour behaviour;
  std::string_view code, decline_code, message;
};

constexpr std::string_view declined = "Your card was declined.";
constexpr std::array<card_row, 11> cards{{
    {"4000000000000002", card_behaviour::decline, "card_declined", "generic_decline", declined},
    {"4000000000009995", card_behaviour::decline, "card_declined", "insufficient_funds",
     "Your card has insufficient funds."},
    {"4000000000009987", card_behaviour::decline, "card_declined", "lost_card", declined},
    {"4000000000009979", card_behaviour::decline, "card_declined", "stolen_card", declined},
    {"4000000000000069", card_behaviour::decline, "expired_card", "expired_card",
     "Your card has expired."},
    {"4000000000000127", card_behaviour::decline, "incorrect_cvc", "incorrect_cvc",
     "Your card's security code is incorrect."},
    {"4000000000000119", card_behaviour::decline, "processing_error", "processing_error",
     "An error occurred while processing your card. Try again in a little bit."},
    {"4000000000003220", card_behaviour::three_ds_required, "", "", ""},
    {"4000002760003184", card_behaviour::always_authenticate, "", "", ""},
    {"4000002500003155", card_behaviour::authenticate_unless_set_up, "", "", ""},
    {"4000000000000259", card_behaviour::dispute, "", "", ""},
}};

struct test_pm {
  std::string_view id, number;
};

constexpr std::array<test_pm, 16> test_pms{{
    {"pm_card_visa", "4242424242424242"},
    {"pm_card_visa_debit", "4000056655665556"},
    {"pm_card_mastercard", "5555555555554444"},
    {"pm_card_amex", "378282246310005"},
    {"pm_card_discover", "6011111111111117"},
    {"pm_card_chargeDeclined", "4000000000000002"},
    {"pm_card_chargeDeclinedInsufficientFunds", "4000000000009995"},
    {"pm_card_chargeDeclinedLostCard", "4000000000009987"},
    {"pm_card_chargeDeclinedStolenCard", "4000000000009979"},
    {"pm_card_chargeDeclinedExpiredCard", "4000000000000069"},
    {"pm_card_chargeDeclinedIncorrectCvc", "4000000000000127"},
    {"pm_card_chargeDeclinedProcessingError", "4000000000000119"},
    {"pm_card_threeDSecure2Required", "4000000000003220"},
    {"pm_card_authenticationRequired", "4000002760003184"},
    {"pm_card_authenticationRequiredOnSetup", "4000002500003155"},
    {"pm_card_createDispute", "4000000000000259"},
}};

}  // namespace

test_card card_for_number(const std::string& number) {
  for (const auto& row : cards) {
    if (row.number == number) {
      return {row.behaviour, std::string(row.code), std::string(row.decline_code),
              std::string(row.message)};
    }
  }
  return {};
}

bool requires_3ds(card_behaviour b) {
  return b == card_behaviour::three_ds_required || b == card_behaviour::always_authenticate ||
         b == card_behaviour::authenticate_unless_set_up;
}

std::optional<std::string> number_for_test_pm(const std::string& id) {
  for (const auto& pm : test_pms) {
    if (pm.id == id) return std::string(pm.number);
  }
  return std::nullopt;
}

std::string card_brand(const std::string& number) {
  auto starts = [&](std::string_view p) { return number.rfind(p, 0) == 0; };
  if (starts("4")) return "visa";
  if (starts("34") || starts("37")) return "amex";
  if (starts("6011") || starts("65")) return "discover";
  if (starts("5") || starts("2")) return "mastercard";
  return "unknown";
}

bool luhn_valid(const std::string& number) {
  if (number.size() < 12 || number.size() > 19) return false;
  if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  int sum = 0;
  bool twice = false;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace processor_sim::stripe
