#pragma once
// PayPal sandbox test values: the outcome of a card payment is chosen by the card holder name
// (PayPal's "CCREJECT-…" rejection triggers) and by a few card numbers (3DS challenge).

#include "../sim_http.hpp"
#include "paypal_state.hpp"

#include <boost/json/object.hpp>

#include <optional>

#include <string>

namespace processor_sim::paypal {

// The card number that always asks for a 3DS challenge (payer action).
inline constexpr const char* three_ds_card = "4868719460707704";

card_outcome card_outcome_for(const std::string& number, const std::string& name, bool sca_always);
std::string card_brand(const std::string& number);  // VISA, MASTERCARD, AMEX, DISCOVER, ...
bool luhn_valid(const std::string& number);

// Reads payment_source.card (number, expiry, security_code, name, attributes.verification) and
// checks the spec's patterns; the 400 error names the field under `field_prefix`.
std::optional<sim_response> read_card(const boost::json::object& card,
                                      const std::string& field_prefix, card_details* out);
boost::json::object card_json(const card_details& card, bool with_expiry);

}  // namespace processor_sim::paypal
