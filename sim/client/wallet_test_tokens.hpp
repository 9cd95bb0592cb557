#pragma once
// Builds the wallet test tokens processor-sim reads (sim/README.md, "Wallet test tokens"): what a
// client would receive from Apple Pay or Google Pay, except that the payload sits base64-encoded
// where the real token has ciphertext. Header-only, independent of the simulator's own decoder
// (sim/wallet_tokens.*), for the simulator's tests and for tests/e2e. Needs Boost.JSON and OpenSSL
// (processor_sim_client links both).
//
//   namespace wt = processor_sim::client::wallet_test_tokens;
//   std::string apple = wt::apple_pay_payment_data("4111111111111111", 12, 2030,
//                                                  wt::test_cryptogram, "07");
//   // Adyen: {"type":"applepay","applePayToken": wt::base64(apple)}
//   // Stripe: POST /v1/tokens pk_token=<apple>; Checkout.com: "token_data": <apple as JSON>
//   std::string google = wt::google_pay_token("4111111111111111", 12, 2030,
//                                             wt::test_cryptogram, "05");
//   std::string stripe_google = wt::stripe_google_pay_token("tok_visa");

#include <openssl/evp.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace processor_sim::client::wallet_test_tokens {

// A well-formed cryptogram: base64 of 20 bytes, like a TAVV / online payment cryptogram.
inline constexpr std::string_view test_cryptogram = "AgAAAAAABk4DWZ4C28yUQAAAAAA=";

// Standard base64 with padding.
inline std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

namespace detail {

inline std::string two_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace detail

// Apple's decrypted payload (the JSON text that paymentData.data stands for).
inline std::string apple_pay_decrypted_payload(std::string_view dpan, int month, int year,
                                               std::string_view cryptogram, std::string_view eci) {
  boost::json::object payment_data{{"onlinePaymentCryptogram", cryptogram}};
  if (!eci.empty()) payment_data["eciIndicator"] = eci;
  boost::json::object d{
      {"applicationPrimaryAccountNumber", dpan},
      // YYMMDD; Apple gives the last day of the month, any day is accepted.
      {"applicationExpirationDate", detail::two_digits(year) + detail::two_digits(month) + "28"},
      {"currencyCode", "978"},
      {"transactionAmount", 1000},
      {"deviceManufacturerIdentifier", "040010030273"},
      {"paymentDataType", "3DSecure"},
      {"paymentData", std::move(payment_data)}};
  return boost::json::serialize(d);
}

// The PKPaymentToken's paymentData as JSON text: {"version":"EC_v1","data":B64(payload),
// "signature","header":{"ephemeralPublicKey","publicKeyHash","transactionId"}}. `year` has four
// digits; an empty `eci` leaves eciIndicator out (as Apple does for some Mastercard tokens).
inline std::string apple_pay_payment_data(std::string_view dpan, int month, int year,
                                          std::string_view cryptogram = test_cryptogram,
                                          std::string_view eci = "07") {
  boost::json::object token{
      {"version", "EC_v1"},
      {"data", base64(apple_pay_decrypted_payload(dpan, month, year, cryptogram, eci))},
      {"signature", base64("processor-sim test signature (not a CMS signature)")},
      {"header",
       {{"ephemeralPublicKey", base64("processor-sim ephemeral public key")},
        {"publicKeyHash", base64("processor-sim public key hash")},
        {"transactionId", "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"}}}};
  return boost::json::serialize(token);
}

// Adyen's applePayToken: the base64 of the paymentData text.
inline std::string adyen_apple_pay_token(std::string_view dpan, int month, int year,
                                         std::string_view cryptogram = test_cryptogram,
                                         std::string_view eci = "07") {
  return base64(apple_pay_payment_data(dpan, month, year, cryptogram, eci));
}

// Google's decrypted message (what signedMessage.encryptedMessage stands for). An empty
// `cryptogram` makes a PAN_ONLY token (a plain card); otherwise CRYPTOGRAM_3DS.
inline std::string google_pay_decrypted_message(std::string_view pan, int month, int year,
                                                std::string_view cryptogram, std::string_view eci,
                                                std::int64_t message_expiration_ms) {
  boost::json::object details{{"pan", pan},
                              {"expirationMonth", month},
                              {"expirationYear", year},
                              {"authMethod", cryptogram.empty() ? "PAN_ONLY" : "CRYPTOGRAM_3DS"}};
  if (!cryptogram.empty()) details["cryptogram"] = cryptogram;
  if (!cryptogram.empty() && !eci.empty()) details["eciIndicator"] = eci;
  boost::json::object m{{"messageExpiration", std::to_string(message_expiration_ms)},
                        {"messageId", "processor-sim-test-message"},
                        {"paymentMethod", "CARD"},
                        {"paymentMethodDetails", std::move(details)}};
  return boost::json::serialize(m);
}

// PaymentMethodTokenizationData.token as JSON text (ECv2): {"signature","intermediateSigningKey",
// "protocolVersion":"ECv2","signedMessage":<JSON text>}. `message_expiration_ms` 0 = an hour from
// now; a past value makes a token every simulator refuses as expired.
inline std::string google_pay_token(std::string_view pan, int month, int year,
                                    std::string_view cryptogram = test_cryptogram,
                                    std::string_view eci = "05",
                                    std::int64_t message_expiration_ms = 0) {
  if (message_expiration_ms == 0) message_expiration_ms = detail::now_ms() + 3'600'000;
  boost::json::object signed_message{
      {"encryptedMessage", base64(google_pay_decrypted_message(pan, month, year, cryptogram, eci,
                                                               message_expiration_ms))},
      {"ephemeralPublicKey", base64("processor-sim ephemeral public key")},
      {"tag", base64("processor-sim tag")}};
  boost::json::object token{
      {"signature", base64("processor-sim test signature")},
      {"intermediateSigningKey",
       {{"signedKey", "{\"keyValue\":\"" + base64("processor-sim key") + "\",\"keyExpiration\":\"" +
                          std::to_string(message_expiration_ms + 86'400'000) + "\"}"},
        {"signatures", boost::json::array{boost::json::string(base64("processor-sim"))}}}},
      {"protocolVersion", "ECv2"},
      {"signedMessage", boost::json::serialize(signed_message)}};
  return boost::json::serialize(token);
}

// What Google Pay hands over when the gateway is Stripe: the JSON text of a Stripe token object
// whose id the client sends as card[token]. Use one of Stripe's test tokens (tok_visa,
// tok_chargeDeclined, …: the simulator maps them to its test cards) or a tok_ from /v1/tokens.
inline std::string stripe_google_pay_token(std::string_view tok_id, std::string_view last4 = "4242",
                                           std::string_view brand = "Visa") {
  boost::json::object card{{"id", "card_processorsimgooglepay00"},
                           {"object", "card"},
                           {"brand", brand},
                           {"country", "US"},
                           {"exp_month", 12},
                           {"exp_year", 2030},
                           {"funding", "credit"},
                           {"last4", last4},
                           {"tokenization_method", "android_pay"}};
  boost::json::object token{{"id", tok_id},
                            {"object", "token"},
                            {"card", std::move(card)},
                            {"client_ip", nullptr},
                            {"created", detail::now_ms() / 1000},
                            {"livemode", false},
                            {"type", "card"},
                            {"used", false}};
  return boost::json::serialize(token);
}

}  // namespace processor_sim::client::wallet_test_tokens
