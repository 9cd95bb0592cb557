#pragma once

#include <google/protobuf/message.h>

#include <memory>
#include <string>

namespace cs::sdk {

inline constexpr const char* redacted = "[REDACTED]";

// Masks, wherever they are nested in `message`: Card.number (first6…last4), Card.cvc, and
// ApplePay / GooglePay payment_token. protobuf 3.21 has no debug_redact option, so DebugString
// would print them; log a redacted copy instead.
void redact_in_place(google::protobuf::Message& message);

template <class M>
M redact(const M& message) {
  M copy = message;
  redact_in_place(copy);
  return copy;
}

// One line for a log: "AuthorizeRequest{connector: "adyen" … number: "411111…1111" …}".
std::string redacted_text(const google::protobuf::Message& message);

}  // namespace cs::sdk
