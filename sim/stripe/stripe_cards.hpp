#pragma once
// Stripe's test cards and test PaymentMethod ids, and what each does when charged.

#include <optional>
#include <string>

namespace processor_sim::stripe {

enum class card_behaviour {
  success,
  decline,                     // card_error at confirmation (code / decline_code below)
  three_ds_required,           // 4000000000003220: on-session 3DS; off-session 402
  always_authenticate,         // 4000002760003184: 3DS always, also for setup; off-session 402
  authenticate_unless_set_up,  // 4000002500003155: off-session succeeds once set up
  dispute,                     // 4000000000000259: succeeds, then a fraudulent dispute
};

struct test_card {
  card_behaviour behaviour = card_behaviour::success;
  std::string code, decline_code, message;  // for declines
};

// Behaviour of a card number; unknown valid numbers succeed.
test_card card_for_number(const std::string& number);
bool requires_3ds(card_behaviour b);

// "pm_card_visa" -> "4242424242424242"; nullopt when not a test PaymentMethod id.
std::optional<std::string> number_for_test_pm(const std::string& id);

std::string card_brand(const std::string& number);  // visa, mastercard, amex, discover, unknown
bool luhn_valid(const std::string& number);

}  // namespace processor_sim::stripe
