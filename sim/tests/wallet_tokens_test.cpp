// The simulator's wallet-token reader (sim/wallet_tokens) against the test-token builder tests
// and tests/e2e use (sim/client/wallet_test_tokens.hpp): what one writes the other reads, and
// every kind of broken token is refused.
#include "wallet_tokens.hpp"
#include "wallet_test_tokens.hpp"

#include <gtest/gtest.h>

namespace processor_sim::testing {
namespace {

namespace wt = client::wallet_test_tokens;
using wallet::decode_apple_pay_text;
using wallet::decode_google_pay_text;

// paymentData with its decrypted payload replaced by `payload` (any text).
std::string apple_with_payload(const std::string& payload) {
  auto token = boost::json::parse(wt::apple_pay_payment_data("4111111111111111", 12, 2030));
  token.as_object()["data"] = wt::base64(payload);
  return boost::json::serialize(token);
}

// A Google Pay token whose decrypted message is `message` (any text).
std::string google_with_message(const std::string& message) {
  auto token = boost::json::parse(wt::google_pay_token("4111111111111111", 12, 2030));
  auto signed_message = boost::json::parse(token.at("signedMessage").as_string());
  signed_message.as_object()["encryptedMessage"] = wt::base64(message);
  token.as_object()["signedMessage"] = boost::json::serialize(signed_message);
  return boost::json::serialize(token);
}

TEST(WalletTokens, base64_round_trips_and_refuses_what_is_not_base64) {
  for (const std::string& text :
       std::vector<std::string>{"a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(wallet::base64_decode(wt::base64(text)), text);
  }
  EXPECT_EQ(wallet::base64_decode(wt::test_cryptogram)->size(), 20u);
  EXPECT_FALSE(wallet::base64_decode(""));
  EXPECT_FALSE(wallet::base64_decode("abc"));        // not a multiple of 4
  EXPECT_FALSE(wallet::base64_decode("ab=c"));       // padding inside
  EXPECT_FALSE(wallet::base64_decode("a==="));       // too much padding
  EXPECT_FALSE(wallet::base64_decode("ab c"));       // not in the alphabet
  EXPECT_FALSE(wallet::base64_decode("{\"a\":1}"));  // JSON, not base64
}

TEST(WalletTokens, apple_pay_payment_data_reads_back) {
  const auto r = decode_apple_pay_text(
      wt::apple_pay_payment_data("5204245250001488", 3, 2031, wt::test_cryptogram, "05"));
  ASSERT_TRUE(r) << r.error;
  EXPECT_EQ(r.card->kind, wallet::wallet_kind::apple_pay);
  EXPECT_EQ(r.card->pan, "5204245250001488");
  EXPECT_EQ(r.card->expiry_month, 3);
  EXPECT_EQ(r.card->expiry_year, 2031);
  EXPECT_EQ(r.card->cryptogram, wt::test_cryptogram);
  EXPECT_EQ(r.card->eci, "05");
  EXPECT_FALSE(r.card->pan_only);
  // Adyen's applePayToken is the base64 of the same text.
  EXPECT_EQ(*wallet::base64_decode(wt::adyen_apple_pay_token("5204245250001488", 3, 2031)),
            wt::apple_pay_payment_data("5204245250001488", 3, 2031));
  // Apple leaves eciIndicator out for some Mastercard tokens.
  const auto no_eci = decode_apple_pay_text(
      wt::apple_pay_payment_data("5204245250001488", 3, 2031, wt::test_cryptogram, ""));
  ASSERT_TRUE(no_eci) << no_eci.error;
  EXPECT_EQ(no_eci.card->eci, "");
}

TEST(WalletTokens, broken_apple_pay_tokens_are_refused) {
  EXPECT_FALSE(decode_apple_pay_text("not json"));
  EXPECT_FALSE(decode_apple_pay_text("[]"));
  EXPECT_FALSE(decode_apple_pay_text(apple_with_payload("not json")));
  EXPECT_FALSE(decode_apple_pay_text(apple_with_payload("{}")));  // no DPAN
  auto payload = [](const std::string& dpan, const std::string& expiry, const char* cryptogram) {
    boost::json::object pd{{"eciIndicator", "07"}};
    if (cryptogram) pd["onlinePaymentCryptogram"] = cryptogram;
    return boost::json::serialize(boost::json::object{{"applicationPrimaryAccountNumber", dpan},
                                                      {"applicationExpirationDate", expiry},
                                                      {"paymentDataType", "3DSecure"},
                                                      {"paymentData", pd}});
  };
  const std::string crypto(wt::test_cryptogram);
  EXPECT_TRUE(decode_apple_pay_text(
      apple_with_payload(payload("4111111111111111", "301231", crypto.c_str()))));
  EXPECT_FALSE(
      decode_apple_pay_text(apple_with_payload(payload("41111111", "301231", crypto.c_str()))));
  EXPECT_FALSE(decode_apple_pay_text(
      apple_with_payload(payload("4111111111111111", "301331", crypto.c_str()))));
  EXPECT_FALSE(decode_apple_pay_text(
      apple_with_payload(payload("4111111111111111", "3012", crypto.c_str()))));
  EXPECT_FALSE(
      decode_apple_pay_text(apple_with_payload(payload("4111111111111111", "301231", nullptr))));
  auto token = boost::json::parse(wt::apple_pay_payment_data("4111111111111111", 12, 2030));
  token.as_object()["data"] = "%%%not base64%%%";
  EXPECT_FALSE(decode_apple_pay_text(boost::json::serialize(token)));
  token = boost::json::parse(wt::apple_pay_payment_data("4111111111111111", 12, 2030));
  token.as_object()["version"] = "EC_v9";
  EXPECT_FALSE(decode_apple_pay_text(boost::json::serialize(token)));
  // A Google Pay token is no Apple Pay token.
  EXPECT_FALSE(decode_apple_pay_text(wt::google_pay_token("4111111111111111", 12, 2030)));
}

TEST(WalletTokens, google_pay_tokens_read_back_for_both_auth_methods) {
  const auto r = decode_google_pay_text(
      wt::google_pay_token("4000000000000002", 11, 2032, wt::test_cryptogram, "05"));
  ASSERT_TRUE(r) << r.error;
  EXPECT_EQ(r.card->kind, wallet::wallet_kind::google_pay);
  EXPECT_EQ(r.card->pan, "4000000000000002");
  EXPECT_EQ(r.card->expiry_month, 11);
  EXPECT_EQ(r.card->expiry_year, 2032);
  EXPECT_EQ(r.card->cryptogram, wt::test_cryptogram);
  EXPECT_EQ(r.card->eci, "05");
  EXPECT_FALSE(r.card->pan_only);
  const auto pan_only =
      decode_google_pay_text(wt::google_pay_token("4111111111111111", 1, 2033, ""));
  ASSERT_TRUE(pan_only) << pan_only.error;
  EXPECT_TRUE(pan_only.card->pan_only);
  EXPECT_EQ(pan_only.card->cryptogram, "");
}

TEST(WalletTokens, broken_or_expired_google_pay_tokens_are_refused) {
  EXPECT_FALSE(decode_google_pay_text("{"));
  EXPECT_FALSE(decode_google_pay_text(google_with_message("not json")));
  EXPECT_FALSE(decode_google_pay_text(google_with_message("{}")));
  // Expired an hour ago: Google requires recipients to refuse it.
  const auto expired_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(
          (std::chrono::system_clock::now() - std::chrono::hours(1)).time_since_epoch())
          .count();
  EXPECT_FALSE(decode_google_pay_text(
      wt::google_pay_token("4111111111111111", 12, 2030, wt::test_cryptogram, "05", expired_ms)));
  auto message = [](boost::json::object details) {
    return boost::json::serialize(boost::json::object{{"messageExpiration", "99999999999999"},
                                                      {"paymentMethod", "CARD"},
                                                      {"paymentMethodDetails", details}});
  };
  EXPECT_TRUE(decode_google_pay_text(google_with_message(message({{"pan", "4111111111111111"},
                                                                  {"expirationMonth", 12},
                                                                  {"expirationYear", 2030},
                                                                  {"authMethod", "PAN_ONLY"}}))));
  EXPECT_FALSE(decode_google_pay_text(google_with_message(
      message({{"expirationMonth", 12}, {"expirationYear", 2030}, {"authMethod", "PAN_ONLY"}}))));
  EXPECT_FALSE(decode_google_pay_text(google_with_message(message({{"pan", "4111111111111111"},
                                                                   {"expirationMonth", 13},
                                                                   {"expirationYear", 2030},
                                                                   {"authMethod", "PAN_ONLY"}}))));
  EXPECT_FALSE(decode_google_pay_text(
      google_with_message(message({{"pan", "4111111111111111"},
                                   {"expirationMonth", 12},
                                   {"expirationYear", 2030},
                                   {"authMethod", "CRYPTOGRAM_3DS"}}))));  // no cryptogram
  EXPECT_FALSE(
      decode_google_pay_text(google_with_message(message({{"pan", "4111111111111111"},
                                                          {"expirationMonth", 12},
                                                          {"expirationYear", 2030},
                                                          {"authMethod", "SOMETHING_ELSE"}}))));
  auto token = boost::json::parse(wt::google_pay_token("4111111111111111", 12, 2030));
  token.as_object()["protocolVersion"] = "ECv9";
  EXPECT_FALSE(decode_google_pay_text(boost::json::serialize(token)));
  EXPECT_FALSE(decode_google_pay_text(wt::apple_pay_payment_data("4111111111111111", 12, 2030)));
}

TEST(WalletTokens, stripe_google_pay_token_is_a_stripe_token_object) {
  const auto token = boost::json::parse(wt::stripe_google_pay_token("tok_visa")).as_object();
  EXPECT_EQ(token.at("id"), "tok_visa");
  EXPECT_EQ(token.at("object"), "token");
  EXPECT_EQ(token.at("type"), "card");
  EXPECT_EQ(token.at("card").at("tokenization_method"), "android_pay");
  EXPECT_EQ(token.at("card").at("last4"), "4242");
}

}  // namespace
}  // namespace processor_sim::testing
