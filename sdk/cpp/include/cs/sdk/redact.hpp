#pragma once

#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <vector>

namespace cs::sdk {

inline constexpr const char* redacted = "[REDACTED]";

// Masks the fields the proto marks "secret", wherever they are nested in `message`:
// Card.number and NetworkToken.number (first6…last4), Card.cvc, NetworkToken.cryptogram and the
// ApplePay / GooglePay payment_token ("[REDACTED]"; the wallets' `decrypted` arm is a
// NetworkToken), SepaDebit.iban ("NL91…4300": country, check digits, last four) and
// AchDebit.account_number ("…6789"); too short to keep anything hidden: "[REDACTED]". Empty
// fields stay empty and set oneof arms stay set. protobuf 3.21 has no debug_redact option, so
// DebugString would print them; log a redacted copy instead.
void redact_in_place(google::protobuf::Message& message);

template <class M>
M redact(const M& message) {
  M copy = message;
  redact_in_place(copy);
  return copy;
}

// The non-empty values of the same secret fields (unmasked), to scrub from error texts.
std::vector<std::string> secrets_of(const google::protobuf::Message& message);

// One line for a log: "AuthorizeRequest{connector: "adyen" … number: "411111…1111" …}".
std::string redacted_text(const google::protobuf::Message& message);

}  // namespace cs::sdk
