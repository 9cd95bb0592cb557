#pragma once
// Apple Pay and Google Pay payment tokens as the simulators "decrypt" them. Real tokens are
// encrypted for the processor's key; the simulator's test tokens (README "Wallet test tokens")
// carry the payload base64-encoded in the place of the ciphertext, so a processor simulator can
// read the card behind the token and decide the payment as it would for that card. Shared by the
// Adyen, Stripe and Checkout.com simulators; each maps a failure to its own invalid-token error.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace processor_sim::wallet {

enum class wallet_kind { apple_pay, google_pay };

// The card a wallet token stands for. Held in memory only: never logged, never in a reply.
struct token_card {
  wallet_kind kind = wallet_kind::apple_pay;
  std::string pan;  // the DPAN (device token), or the card's FPAN for Google Pay PAN_ONLY
  int expiry_month = 0, expiry_year = 0;  // year with four digits
  std::string cryptogram;                 // base64; empty for Google Pay PAN_ONLY
  std::string eci;                        // may be empty (Apple leaves it out for Mastercard)
  bool pan_only = false;                  // Google Pay PAN_ONLY: a card, not a network token
};

// A decoded token, or why it could not be read (for logs and tests; never echoed with a PAN).
struct decode_result {
  std::optional<token_card> card;
  std::string error;
  explicit operator bool() const { return card.has_value(); }
};

// Apple's PKPaymentToken.paymentData: {"version","data","signature","header"} where `data` is the
// base64 of the decrypted payload's JSON text.
decode_result decode_apple_pay(const boost::json::value& payment_data);
// The same from the paymentData's JSON text.
decode_result decode_apple_pay_text(std::string_view payment_data_json);

// Google's PaymentMethodTokenizationData.token: {"protocolVersion","signature","signedMessage"}
// where signedMessage is JSON text whose `encryptedMessage` is the base64 of the decrypted
// message's JSON text. An expired `messageExpiration` is invalid, as Google requires.
decode_result decode_google_pay(const boost::json::value& token);
decode_result decode_google_pay_text(std::string_view token_json);

// Strict standard base64 (with padding); nullopt when it is not.
std::optional<std::string> base64_decode(std::string_view text);

// Last four digits of a PAN (the whole string when shorter).
inline std::string last4(const std::string& pan) {
  return pan.size() > 4 ? pan.substr(pan.size() - 4) : pan;
}

}  // namespace processor_sim::wallet
