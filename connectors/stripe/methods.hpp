#pragma once
// The payment methods Stripe takes from this connector: a card (created first with
// POST /v1/payment_methods, as the 2023-08-16 spec accepts no raw card data on intents), a
// processor token naming a PaymentMethod Stripe already holds (pm_…), Google Pay (Google's
// tokenization with gateway "stripe" hands over a Stripe token, tok_…), Apple Pay (its
// paymentData exchanged for a token at POST /v1/tokens, pk_token), SEPA Direct Debit (a
// sepa_debit PaymentMethod, then an intent with mandate_data that stays `processing` until the
// bank settles), ACH Direct Debit (us_bank_account: the same, after Stripe verifies the account
// with microdeposits) and the bank redirects iDEAL and Bancontact (an ideal / bancontact
// PaymentMethod, then an intent that sends the shopper to their bank), and Klarna (a klarna
// PaymentMethod with the billing details Klarna decides on, then the same redirect; capture may be
// manual). Tokens become a card
// PaymentMethod with card[token].

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

// How authorize starts for the method: the intent at once (pm_…), a PaymentMethod first (a card,
// or a wallet's Stripe token), or a token first (Apple Pay).
struct method_plan {
  enum class first { intent, payment_method, token } step = first::intent;
  std::string payment_method_id;  // first::intent
  form body;                      // first::payment_method / first::token
};
domain::result<method_plan> plan_authorize(const domain::payment_method& m,
                                           const domain::customer& shopper,
                                           const domain::order_details& order = {});

// type=card&card[token]=tok_…&billing_details[…]: a wallet's Stripe token as a PaymentMethod.
form token_card_form(std::string_view token_id, const domain::customer& shopper);

// Parameters that tell Stripe how the customer may be sent away: return_url when the merchant
// gave one, else only payment methods without redirects (2023-08-16 enables automatic payment
// methods by default, which otherwise want a return_url). A debit or bank redirect names its
// type instead.
void add_return(form& f, const std::string& return_url, std::string_view only_type = {});

// The type an intent must be limited to: "sepa_debit", "us_bank_account" (debits: they also carry
// a mandate), "ideal", "bancontact", "klarna"; "" for cards, tokens and wallets.
std::string_view single_method_type(const domain::payment_method& m);

// A debit's mandate, accepted online: needs customer.ip_address and customer.user_agent.
domain::status check_mandate(const domain::customer& shopper);
// mandate_data[customer_acceptance][…] (after check_mandate).
void add_mandate(form& f, const domain::customer& shopper);

}  // namespace cs::connectors::stripe
