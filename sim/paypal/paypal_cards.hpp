#pragma once
// PayPal sandbox test values: the outcome of a card payment is chosen by the card holder name
// (PayPal's "CCREJECT-…" rejection triggers) and by a few card numbers (3DS challenge).

#include "paypal_state.hpp"

#include <string>

namespace processor_sim::paypal {

// The card number that always asks for a 3DS challenge (payer action).
inline constexpr const char* three_ds_card = "4868719460707704";

card_outcome card_outcome_for(const std::string& number, const std::string& name, bool sca_always);
std::string card_brand(const std::string& number);  // VISA, MASTERCARD, AMEX, DISCOVER, ...
bool luhn_valid(const std::string& number);

}  // namespace processor_sim::paypal
