#pragma once
// iDEAL and Klarna at Adyen: methods the shopper approves on a page Adyen redirects them to
// (RedirectShopper), finished by /payments/details with the redirectResult.

#include <boost/json/object.hpp>

#include <string_view>

#include "domain/flows.hpp"
#include "domain/result.hpp"

namespace cs::connectors::adyen {

// True for the two kinds this file builds (bank_redirect iDEAL, bnpl Klarna).
bool is_redirect_method(const domain::payment_method& m) noexcept;

// paymentMethod {type:"ideal"} or {type:"klarna"} (Klarna's pay later). A preselected iDEAL bank
// is refused: since iDEAL 2.0 (April 2025) Adyen sends every shopper to iDEAL's own bank page.
// Bancontact is a card brand at Adyen (bcmc), not a redirect: refused.
domain::result<boost::json::object> redirect_payment_method(const domain::payment_method& m);

// What the method needs beside paymentMethod, checked before any call and added to the body:
// iDEAL refuses manual capture (Adyen offers no separate capture for it); Klarna adds lineItems,
// countryCode, shopperLocale, billingAddress, deliveryAddress and always asks for manual capture
// (Adyen: every Klarna payment is captured separately).
domain::status add_redirect_fields(boost::json::object& body, const domain::authorize_request& r);

// The payment method type of a /payments(/details) reply decides what Authorised and Cancelled
// mean: iDEAL is captured at once (CHARGED), Klarna waits for its capture (AUTHORIZED), and a
// shopper who cancels at the provider leaves a FAILURE, not a void.
bool is_klarna_type(std::string_view type) noexcept;
bool is_ideal_type(std::string_view type) noexcept;

}  // namespace cs::connectors::adyen
