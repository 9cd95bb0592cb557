// authorize: the /payments request against golden files, and validation before any call.
#include "test_support.hpp"

namespace adyen_test {
namespace {

step_result<payment_result> build(const authorize_request& r, const credentials& c = creds()) {
  return cs::connectors::adyen::descriptor().flows.authorize(r, flow_context{c, {}});
}

TEST(AdyenAuthorize, ManualCaptureMatchesGolden) {
  expect_golden_request(request_of(build(authorize_manual())), "authorize_manual");
}

TEST(AdyenAuthorize, AutomaticCaptureWithShopperMatchesGolden) {
  expect_golden_request(request_of(build(authorize_automatic())), "authorize_automatic");
}

TEST(AdyenAuthorize, ApiKeyHeaderIsSensitiveAndOthersAreNot) {
  auto s = build(authorize_manual());
  for (auto& h : request_of(s).headers) EXPECT_EQ(h.sensitive, h.name == "X-API-Key") << h.name;
}

TEST(AdyenAuthorize, LongIdempotencyKeyIsDigestedToSixtyFourStableChars) {
  auto r = authorize_manual();
  r.idempotency_key = std::string(100, 'k');
  auto a = build(r), b = build(r);
  const auto& key = request_of(a).idempotency_key;
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, request_of(b).idempotency_key);
  EXPECT_NE(key, r.idempotency_key.substr(0, 64));
  // SHA-256 hex of 100 'k' characters, computed with `printf k%.0s {1..100} | sha256sum`.
  EXPECT_EQ(key, "e37c7cb78ccb30f0e2036576d681d619949c8a9fb885c91a07da6b845788a9ce");
  bool header_found = false;
  for (auto& h : request_of(a).headers)
    if (h.name == "Idempotency-Key") header_found = h.value == key;
  EXPECT_TRUE(header_found);
}

TEST(AdyenAuthorize, KeyOfExactlySixtyFourCharsIsSentAsIs) {
  auto r = authorize_manual();
  r.idempotency_key = std::string(64, 'a');
  EXPECT_EQ(request_of(build(r)).idempotency_key, r.idempotency_key);
}

TEST(AdyenAuthorize, MissingReferenceFallsBackToIdempotencyKey) {
  auto r = authorize_manual();
  r.merchant_reference.clear();
  auto body = request_of(build(r)).body;
  EXPECT_NE(body.find("\"reference\":\"idem-auth-1001\""), std::string::npos) << body;
}

TEST(AdyenAuthorize, NonCardMethodIsInvalidArgumentNamingPaymentMethod) {
  auto r = authorize_manual();
  r.method = upi{"user@bank"};
  auto e = error_of(build(r));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "payment_method");
  EXPECT_NE(e.message.find("card"), std::string::npos) << e.message;
  // Bancontact is a card brand (bcmc) at Adyen, not the bank redirect the API's arm means.
  r.method = bank_redirect{bank_redirect_type::bancontact, {}};
  EXPECT_EQ(error_of(build(r)).field, "payment_method");
}

TEST(AdyenAuthorize, MissingPaymentMethod) {
  auto r = authorize_manual();
  r.method = std::monostate{};
  auto e = error_of(build(r));
  EXPECT_EQ(e.field, "payment_method");
  EXPECT_EQ(e.reason, reason::missing_field);
}

struct card_case {
  const char* field;
  void (*spoil)(card&);
};

class AdyenCardValidation : public ::testing::TestWithParam<card_case> {};

TEST_P(AdyenCardValidation, NamesTheFieldAndNeverTheNumber) {
  auto r = authorize_manual();
  auto c = test_card();
  GetParam().spoil(c);
  r.method = c;
  auto e = error_of(build(r));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, GetParam().field);
  EXPECT_EQ(e.message.find(card_number), std::string::npos);
  EXPECT_EQ(e.message.find("4111"), std::string::npos);
  EXPECT_EQ(e.message.find("737"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, AdyenCardValidation,
    ::testing::Values(
        card_case{"payment_method.card.number", [](card& c) { c.number = {}; }},
        card_case{"payment_method.card.number",
                  [](card& c) { c.number = secret<std::string>("4111-1111-1111-1111"); }},
        card_case{"payment_method.card.expiry_month", [](card& c) { c.expiry_month = 0; }},
        card_case{"payment_method.card.expiry_month", [](card& c) { c.expiry_month = 13; }},
        card_case{"payment_method.card.expiry_year", [](card& c) { c.expiry_year = 0; }},
        card_case{"payment_method.card.expiry_year", [](card& c) { c.expiry_year = 30; }},
        card_case{"payment_method.card.cvc", [](card& c) { c.cvc = secret<std::string>("73a"); }}));

TEST(AdyenAuthorize, ReturnUrlIsRequired) {
  auto r = authorize_manual();
  r.return_url.clear();
  auto e = error_of(build(r));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "return_url");
}

TEST(AdyenAuthorize, AmountIsValidated) {
  auto r = authorize_manual();
  r.amount.minor_amount = 0;
  EXPECT_EQ(error_of(build(r)).field, "amount.minor_amount");
  r.amount = money{100, "XYZ"};
  EXPECT_EQ(error_of(build(r)).field, "amount.currency_code");
}

TEST(AdyenAuthorize, MissingCredentialsNameTheKeyNotTheValue) {
  credentials only_key;
  only_key.set("api_key", api_key);
  auto e = error_of(build(authorize_manual(), only_key));
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_EQ(e.reason, reason::missing_credentials);
  EXPECT_NE(e.message.find("merchant_account"), std::string::npos);
  EXPECT_EQ(e.message.find(api_key), std::string::npos);
  EXPECT_EQ(error_of(build(authorize_manual(), credentials{})).reason, reason::missing_credentials);
}

TEST(AdyenAuthorize, NoCardDataOutsideTheBody) {
  auto s = build(authorize_manual());
  auto& r = request_of(s);
  EXPECT_EQ(r.target.find(card_number), std::string::npos);
  for (auto& h : r.headers) EXPECT_EQ(h.value.find(card_number), std::string::npos);
}

}  // namespace
}  // namespace adyen_test
