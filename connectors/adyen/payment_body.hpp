#pragma once
// The parts of a /payments body that several flows share.

#include <boost/json/object.hpp>

#include <string_view>

#include "domain/flows.hpp"
#include "domain/result.hpp"

namespace cs::connectors::adyen {

// paymentMethod {type:"scheme", number, expiryMonth "03", expiryYear "2030", cvc, holderName}.
// Only cards for now; other methods and missing card fields are invalid_argument naming the
// field (never its value).
domain::result<boost::json::object> card_payment_method(const domain::payment_method& m);

// What authorize sends for any method it takes: paymentMethod, and mpiData for network tokens.
struct method_body {
  boost::json::object payment_method;
  boost::json::object mpi_data;  // empty: not sent
};
// Cards as above; Apple Pay {type:"applepay", applePayToken: base64 of paymentData}; Google Pay
// {type:"googlepay", googlePayToken}; a decrypted wallet {type:"scheme", brand:"applepay" |
// "googlepay", number, expiry} with mpiData {cavv, eci, directoryResponse/authenticationResponse
// "Y"}; a token-service network token {type:"networkToken", number, expiry} with mpiData
// {tokenAuthenticationVerificationValue, eci}; a SEPA debit {type:"sepadirectdebit", iban,
// ownerName}; an ACH debit {type:"ach", bankAccountNumber, bankLocationId (the routing number),
// ownerName, bankAccountType checking|savings, accountHolderType personal|business}; iDEAL
// {type:"ideal"} and Klarna {type:"klarna"} (redirect_methods.hpp). Anything
// else is invalid_argument; errors name fields, never an IBAN or account number.
domain::result<method_body> authorize_payment_method(const domain::payment_method& m);

std::string_view recurring_processing_model(domain::recurring_model m) noexcept;

// additionalData.manualCapture when the capture is manual; nothing otherwise.
void add_capture_method(boost::json::object& body, domain::capture_method c);

// shopperReference / shopperEmail / shopperIP / telephoneNumber from what the caller gave.
void add_shopper(boost::json::object& body, const domain::customer& c);

}  // namespace cs::connectors::adyen
