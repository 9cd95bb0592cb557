// Webhook verification: HMAC vectors, tampering, secrets, malformed bodies.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "connectors/adyen/hmac_signature.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

namespace adyen = cs::connectors::adyen;

result<webhook_result> handle(const std::string& body, const std::string& key = webhook_key) {
  webhook_request w;
  w.body = body;
  w.secret_key = secret<std::string>(key);
  return cs::connectors::adyen::descriptor().handle_webhook(w);
}

adyen::notification_fields docs_fields() {
  return {"7914073381342284", "",    "TestMerchantECOM", "TestPayment-1407325143704", "1130", "EUR",
          "AUTHORISATION",    "true"};
}

// Independent of the connector: raw OpenSSL HMAC and base64 over the documented string.
std::string openssl_signature(const std::string& hex_key, const std::string& data) {
  std::string key;
  for (size_t i = 0; i < hex_key.size(); i += 2)
    key.push_back(static_cast<char>(std::stoi(hex_key.substr(i, 2), nullptr, 16)));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  unsigned char b64[4 * EVP_MAX_MD_SIZE];
  int n = EVP_EncodeBlock(b64, mac, static_cast<int>(len));
  return std::string(reinterpret_cast<char*>(b64), static_cast<size_t>(n));
}

TEST(AdyenWebhookHmac, SigningStringOrderAndEmptyFields) {
  EXPECT_EQ(adyen::signing_string(docs_fields()),
            "7914073381342284::TestMerchantECOM:TestPayment-1407325143704:1130:EUR:"
            "AUTHORISATION:true");
}

TEST(AdyenWebhookHmac, MatchesOpenSslComputation) {
  auto f = docs_fields();
  EXPECT_EQ(adyen::hmac_signature(webhook_key, f),
            openssl_signature(webhook_key, adyen::signing_string(f)));
}

TEST(AdyenWebhookHmac, FixedVector) {
  // Checked with Python's hmac module and with `openssl dgst -sha256 -mac HMAC -macopt hexkey:…`.
  EXPECT_EQ(adyen::hmac_signature(webhook_key, docs_fields()),
            "ovFaGbpEvutpgbD29WKoVLvhjbPcFhKp+fVG8md/RaA=");
}

TEST(AdyenWebhookHmac, BadKeyGivesEmptySignature) {
  EXPECT_EQ(adyen::hmac_signature("zz", docs_fields()), "");
  EXPECT_EQ(adyen::hmac_signature("", docs_fields()), "");
}

TEST(AdyenWebhook, VerifiedSingleItem) {
  auto r = handle(golden("webhook_authorisation.json"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->acknowledgement, "[accepted]");
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].event_id, "QFQTPCQ8HXSKGK82:AUTHORISATION:true");
}

TEST(AdyenWebhook, LowerCaseKeyWorksToo) {
  std::string lower = webhook_key;
  for (auto& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_TRUE(handle(golden("webhook_authorisation.json"), lower).ok());
}

TEST(AdyenWebhook, MissingSecretIsUnauthenticated) {
  auto r = handle(golden("webhook_authorisation.json"), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_EQ(r.err().reason, reason::missing_credentials);
}

TEST(AdyenWebhook, NonHexSecretNamesTheField) {
  auto r = handle(golden("webhook_authorisation.json"), "not-a-hex-key");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::invalid_argument);
  EXPECT_EQ(r.err().field, "secret");
  EXPECT_EQ(r.err().message.find("not-a-hex-key"), std::string::npos);
}

TEST(AdyenWebhook, WrongKeyIsBadSignature) {
  auto r = handle(golden("webhook_authorisation.json"), std::string(64, '0'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, reason::bad_signature);
}

void expect_tampered_rejected(std::string body, const std::string& from, const std::string& to) {
  auto at = body.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  body.replace(at, from.size(), to);
  auto r = handle(body);
  ASSERT_FALSE(r.ok()) << "tampering " << from << " → " << to << " went unnoticed";
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_EQ(r.err().reason, reason::bad_signature);
}

TEST(AdyenWebhook, TamperedFieldsAreRejected) {
  auto body = golden("webhook_authorisation.json");
  expect_tampered_rejected(body, "\"value\": 1000", "\"value\": 1001");
  expect_tampered_rejected(body, "\"AUTHORISATION\"", "\"CAPTURE\"");
  expect_tampered_rejected(body, "\"currency\": \"EUR\"", "\"currency\": \"USD\"");
  expect_tampered_rejected(body, "\"success\": \"true\"", "\"success\": \"false\"");
  expect_tampered_rejected(body, "order-1001", "order-1002");
  expect_tampered_rejected(body, "\"pspReference\": \"QFQTPCQ8HXSKGK82\"",
                           "\"pspReference\": \"QFQTPCQ8HXSKGK83\"");
}

TEST(AdyenWebhook, MissingSignatureIsRejected) {
  auto body = golden("webhook_authorisation.json");
  auto at = body.find("\"hmacSignature\"");
  ASSERT_NE(at, std::string::npos);
  body.replace(at, 15, "\"somethingElse\"");
  auto r = handle(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, reason::bad_signature);
}

TEST(AdyenWebhook, OneBadItemRejectsTheWholeNotification) {
  auto body = golden("webhook_multi.json");
  auto at = body.find("\"value\": 300");  // the REFUND item, second of six
  ASSERT_NE(at, std::string::npos);
  body.replace(at, 12, "\"value\": 299");
  auto r = handle(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, reason::bad_signature);
  EXPECT_NE(r.err().message.find("item 2 of 6"), std::string::npos) << r.err().message;
}

TEST(AdyenWebhook, MalformedBodiesAreInvalid) {
  for (std::string body : {"not json", "{}", R"({"notificationItems":[]})",
                           R"({"notificationItems":[{"Other":{}}]})"}) {
    auto r = handle(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.err().code, error_code::invalid_argument) << body;
    EXPECT_EQ(r.err().field, "body");
  }
}

}  // namespace
}  // namespace adyen_test
