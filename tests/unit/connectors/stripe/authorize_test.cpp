// authorize (card: two steps; token: one step), complete_authorize and get_payment requests
// against golden files, and validation before any call.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* pi_id = "pi_3NtwuU2eZvKYlo2C1hG0Jb5X";
constexpr const char* pm_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";

flow_run<payment_result> authorize(const authorize_request& r, std::vector<http_response> replies) {
  return drive(&cs::domain::flow_table::authorize, r, std::move(replies));
}

TEST(StripeAuthorize, CardStepOneCreatesPaymentMethod) {
  auto run = authorize(authorize_card_manual(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_card_payment_method");
}

TEST(StripeAuthorize, CardStepTwoConfirmsIntentWithTheNewPaymentMethod) {
  auto run = authorize(authorize_card_manual(), {reply(200, "payment_method.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[1], "authorize_card_payment_intent");
}

TEST(StripeAuthorize, CardTwoStepFlowEndsAuthorized) {
  auto run = authorize(authorize_card_manual(), {reply(200, "payment_method.response.json"),
                                                 reply(200, "pi_requires_capture.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authorized);
  EXPECT_EQ(p.connector_payment_id, pi_id);
  EXPECT_EQ(p.connector_operation_id, "ch_3NtwuU2eZvKYlo2C1wbZ3kQp");
  EXPECT_EQ(p.processor_status, "requires_capture");
  ASSERT_TRUE(p.amount);
  EXPECT_EQ(*p.amount, (money{2000, "USD"}));
  EXPECT_FALSE(p.captured_amount);
  EXPECT_EQ(p.merchant_reference, "order-2001");
  EXPECT_FALSE(p.error);
}

TEST(StripeAuthorize, TokenIsOneStepWithoutReturnUrlAndWithStripeCustomer) {
  auto r = authorize_token_automatic();
  auto run = authorize(r, {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_token");
}

TEST(StripeAuthorize, TokenFlowEndsCharged) {
  auto run = authorize(authorize_token_automatic(), {reply(200, "pi_succeeded.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().status, payment_status::charged);
  ASSERT_TRUE(run.value().captured_amount);
  EXPECT_EQ(run.value().captured_amount->minor_amount, 2000);
}

TEST(StripeAuthorize, MerchantCustomerIdIsNotSentAsStripeCustomer) {
  auto r = authorize_token_automatic();
  r.shopper.id = "shopper-77";
  auto run = authorize(r, {});
  EXPECT_FALSE(has_form_key(run.requests.at(0), "customer"));
}

TEST(StripeAuthorize, EachStepHasItsOwnStableIdempotencyKey) {
  auto replies = std::vector<http_response>{reply(200, "payment_method.response.json")};
  auto a = authorize(authorize_card_manual(), replies);
  auto b = authorize(authorize_card_manual(), replies);
  ASSERT_EQ(a.requests.size(), 2u);
  EXPECT_EQ(a.requests[0].idempotency_key, "idem-auth-2001:payment_method");
  EXPECT_EQ(a.requests[1].idempotency_key, "idem-auth-2001");
  EXPECT_EQ(header_value(a.requests[0], "Idempotency-Key"), a.requests[0].idempotency_key);
  EXPECT_EQ(a.requests[0].idempotency_key, b.requests[0].idempotency_key);
  EXPECT_EQ(a.requests[1].idempotency_key, b.requests[1].idempotency_key);
}

TEST(StripeAuthorize, LongIdempotencyKeyIsDigestedBelowStripesLimit) {
  auto r = authorize_card_manual();
  r.idempotency_key = std::string(300, 'k');
  auto run = authorize(r, {reply(200, "payment_method.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  // SHA-256 hex of 300 'k' characters (`printf 'k%.0s' {1..300} | sha256sum`).
  const std::string digest = "17b16d8ef494060fefa36a6a41567b8c32d213a17e02b7eeae86158cc4495461";
  EXPECT_EQ(run.requests[0].idempotency_key, digest + ":payment_method");
  EXPECT_EQ(run.requests[1].idempotency_key, digest);
  for (auto& q : run.requests) EXPECT_LE(q.idempotency_key.size(), 255u);
}

TEST(StripeAuthorize, KeyOfExactly255CharsIsSentAsIs) {
  auto r = authorize_token_automatic();
  r.idempotency_key = std::string(255, 'a');
  EXPECT_EQ(authorize(r, {}).requests.at(0).idempotency_key, r.idempotency_key);
}

TEST(StripeAuthorize, OnlyTheAuthorizationHeaderIsSensitive) {
  auto run = authorize(authorize_card_manual(), {reply(200, "payment_method.response.json")});
  for (auto& q : run.requests)
    for (auto& h : q.headers) EXPECT_EQ(h.sensitive, h.name == "Authorization") << h.name;
}

TEST(StripeAuthorize, SpecialCharactersSurviveFormEncoding) {
  auto run = authorize(authorize_card_manual(), {reply(200, "payment_method.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(form_value(run.requests[0], "billing_details[email]"), "jenny+shop@example.com");
  EXPECT_EQ(form_value(run.requests[1], "return_url"),
            "https://shop.example/return?order=2001&step=3ds");
  EXPECT_NE(run.requests[0].body.find("card%5Bnumber%5D="), std::string::npos);
}

TEST(StripeAuthorize, DeclineOfTheCardAtPaymentMethodsEndsTheFlow) {
  auto run =
      authorize(authorize_card_manual(), {reply(402, "error_402_incorrect_number.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::invalid_card);
  EXPECT_EQ(p.error->processor_code, "incorrect_number");
  EXPECT_EQ(p.merchant_reference, "order-2001");
}

TEST(StripeAuthorize, DeclineOfTheIntentIsAFailureResult) {
  auto run =
      authorize(authorize_card_manual(), {reply(200, "payment_method.response.json"),
                                          reply(402, "error_402_card_declined.response.json")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  EXPECT_EQ(p.connector_payment_id, pi_id);
  EXPECT_EQ(p.processor_status, "requires_payment_method");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p.error->processor_code, "card_declined");
  EXPECT_EQ(p.error->decline_code_raw, "insufficient_funds");
  EXPECT_EQ(p.error->processor_message, "Your card has insufficient funds.");
  EXPECT_FALSE(p.error->retryable);
}

TEST(StripeAuthorize, ThreeDSecureIsAuthenticationPendingWithRedirect) {
  auto run = authorize(authorize_card_manual(), {reply(200, "payment_method.response.json"),
                                                 reply(200, "pi_requires_action.response.json")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authentication_pending);
  ASSERT_TRUE(p.redirect);
  EXPECT_EQ(p.redirect->method, "GET");
  EXPECT_EQ(p.redirect->url.rfind("https://hooks.stripe.com/3d_secure_2/hosted?", 0), 0u);
  EXPECT_TRUE(p.redirect->form_fields.empty());
}

TEST(StripeAuthorize, ValidationFailsBeforeAnyCall) {
  auto r = authorize_card_manual();
  r.amount = money{49, "USD"};
  auto run = authorize(r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
}

TEST(StripeAuthorize, NonCardMethodsAreRejected) {
  auto r = authorize_card_manual();
  r.method = upi{"user@bank"};
  EXPECT_EQ(authorize(r, {}).err().field, "payment_method");
  r.method = upi_intent{};  // Klarna (bnpl) is taken since issue 17
  EXPECT_EQ(authorize(r, {}).err().field, "payment_method");
  r.method = std::monostate{};
  EXPECT_EQ(authorize(r, {}).err().reason, reason::missing_field);
}

TEST(StripeAuthorize, TokenMustBeAPaymentMethodId) {
  auto r = authorize_token_automatic();
  r.method = processor_token{"tok_visa"};
  auto e = authorize(r, {}).err();
  EXPECT_EQ(e.field, "payment_method.token.token");
  EXPECT_NE(e.message.find("pm_"), std::string::npos) << e.message;
  r.method = processor_token{"pm_card_visa&amount=1"};
  EXPECT_EQ(authorize(r, {}).err().field, "payment_method.token.token");
}

struct card_case {
  const char* field;
  void (*spoil)(card&);
};

class StripeCardValidation : public ::testing::TestWithParam<card_case> {};

TEST_P(StripeCardValidation, NamesTheFieldAndNeverTheNumberOrCvc) {
  auto r = authorize_card_manual();
  auto c = test_card();
  GetParam().spoil(c);
  r.method = c;
  auto run = authorize(r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, GetParam().field);
  EXPECT_EQ(e.message.find("4242"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find(cvc), std::string::npos) << e.message;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, StripeCardValidation,
    ::testing::Values(
        card_case{"payment_method.card.number", [](card& c) { c.number = {}; }},
        card_case{"payment_method.card.number",
                  [](card& c) { c.number = secret<std::string>("4242 4242 4242 4242"); }},
        card_case{"payment_method.card.expiry_month", [](card& c) { c.expiry_month = 13; }},
        card_case{"payment_method.card.expiry_year", [](card& c) { c.expiry_year = 34; }},
        card_case{"payment_method.card.cvc", [](card& c) { c.cvc = secret<std::string>("31a"); }}));

TEST(StripeAuthorize, MetadataKeysStripeRefusesAreRejected) {
  auto r = authorize_card_manual();
  r.metadata["a[b]"] = "x";
  EXPECT_EQ(authorize(r, {}).err().field, "metadata");
}

TEST(StripeAuthorize, MissingIdempotencyKey) {
  auto r = authorize_token_automatic();
  r.idempotency_key.clear();
  EXPECT_EQ(authorize(r, {}).err().field, "idempotency_key");
}

TEST(StripeAuthorize, MissingApiKeyNamesTheKeyOnly) {
  credentials none;
  auto run = drive(&cs::domain::flow_table::authorize, authorize_token_automatic(), {}, none);
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_NE(e.message.find("api_key"), std::string::npos) << e.message;
}

TEST(StripeCompleteAuthorize, RereadsTheIntent) {
  complete_authorize_request r;
  r.idempotency_key = "idem-complete-1";
  r.connector_payment_id = pi_id;
  r.redirect_payload["payment_intent"] = pi_id;
  auto run = drive(&cs::domain::flow_table::complete_authorize, r,
                   {reply(200, "pi_requires_capture.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "complete_authorize");
  EXPECT_EQ(run.value().status, payment_status::authorized);
}

TEST(StripeCompleteAuthorize, NeedsAPaymentIntentId) {
  complete_authorize_request r;
  r.connector_payment_id = "ch_3NtwuU2eZvKYlo2C1wbZ3kQp";
  auto run = drive(&cs::domain::flow_table::complete_authorize, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "connector_payment_id");
}

TEST(StripeGetPayment, GetsTheIntent) {
  get_payment_request r;
  r.connector_payment_id = pi_id;
  auto run =
      drive(&cs::domain::flow_table::get_payment, r, {reply(200, "pi_succeeded.response.json")});
  expect_golden_request(run.requests.at(0), "get_payment");
  EXPECT_EQ(run.value().status, payment_status::charged);
  EXPECT_EQ(run.requests[0].idempotency_key, "");
}

}  // namespace
}  // namespace stripe_test
