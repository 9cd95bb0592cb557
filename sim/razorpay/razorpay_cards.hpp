#pragma once
// Card checks for the simulator: Luhn, network names as Razorpay spells them, test outcomes.

#include <string>

namespace processor_sim::razorpay {

bool luhn_valid(const std::string& digits);
// "Visa", "MasterCard", "American Express", "RuPay", "Diners Club", "Maestro" or "Unknown".
std::string card_network(const std::string& digits);
// Cards the bank declines whatever the shopper does on the bank page.
inline bool declined_at_bank(const std::string& digits) {
  return digits == "4000000000000002";
}

}  // namespace processor_sim::razorpay
