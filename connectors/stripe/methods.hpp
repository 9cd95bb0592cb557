#pragma once
// The payment methods Stripe takes from this connector: a card (created first with
// POST /v1/payment_methods, as the 2023-08-16 spec accepts no raw card data on intents) or a
// processor token naming a PaymentMethod Stripe already holds (pm_…).

#include <string>

#include "connectors/stripe/form.hpp"
#include "domain/payment_method.hpp"
#include "domain/result.hpp"

namespace cs::connectors::stripe {

// Validates the method; never echoes a card number or CVC. Returns the card, or nullptr for a
// processor token.
domain::result<const domain::card*> check_method(const domain::payment_method& m);

// type=card&card[number]&card[exp_month]&card[exp_year]&card[cvc]&billing_details[…].
form card_form(const domain::card& c, const domain::customer& shopper);

// Parameters that tell Stripe how the customer may be sent away: return_url when the merchant
// gave one, else only payment methods without redirects (2023-08-16 enables automatic payment
// methods by default, which otherwise want a return_url).
void add_return(form& f, const std::string& return_url);

}  // namespace cs::connectors::stripe
