// Stripe errors: input refused before any call, a wrong API key, idempotency keys (replay and
// reuse with other parameters), and faults injected on /stripe/v1/payment_intents.

#include "harness.hpp"

namespace e2e {
namespace {

class StripeErrors : public ::testing::Test {
 protected:
  void TearDown() override { env().sim_client->request("DELETE", "/_sim/faults"); }

  static grpc::Status authorize(const v1::AuthorizeRequest& req, v1::Payment* out) {
    return env().svc.payments->Authorize(stripe_ctx().get(), req, out);
  }
  // Queued for every attempt (retry.max_attempts = 3): these tests see the final outcome; the
  // retried-away cases are in the fault matrix (faults_test.cpp).
  static void fault(const std::string& spec) {
    env().queue_fault(spec, "/stripe/v1/payment_intents", 3);
  }
};

TEST_F(StripeErrors, UnsupportedCurrencyNeverReachesStripe) {
  const auto before = env().stats();
  v1::Payment res;
  auto s =
      authorize(stripe_authorize("e2e-st-err-irr", stripe_card::visa, 5000, false, "IRR"), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount.currency_code") << describe(s);
  EXPECT_NE(s.error_message().find("IRR"), std::string::npos) << s.error_message();
  EXPECT_EQ(meta(s, "connector"), "stripe");
  EXPECT_EQ(env().stats().at("requests"), before.at("requests"));
}

TEST_F(StripeErrors, AmountBelowTheMinimumNeverReachesStripe) {
  const auto before = env().stats();
  v1::Payment res;
  auto s = authorize(stripe_authorize("e2e-st-err-min", stripe_card::visa, 10, false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount.minor_amount") << describe(s);
  auto after = env().stats();
  EXPECT_EQ(after.at("requests"), before.at("requests"));
  EXPECT_EQ(after.at("stripe").at("payment_intents"), before.at("stripe").at("payment_intents"));
}

// ISK is zero-decimal in ISO 4217 but Stripe takes it as a two-decimal value: 5 ISK travels as
// 500 (the simulator, like Stripe, refuses ISK amounts not divisible by 100) and comes back as 5.
TEST_F(StripeErrors, IskTravelsInStripesUnitsAndComesBackInIsoUnits) {
  v1::Payment res;
  auto s = authorize(stripe_authorize("e2e-st-isk", stripe_card::visa, 5, false, "ISK"), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(res.amount().minor_amount(), 5);
  EXPECT_EQ(res.amount().currency_code(), "ISK");
  auto intent = env().stripe_intent(res.connector_payment_id());
  EXPECT_EQ(intent.at("amount"), 500) << intent;
  EXPECT_EQ(intent.at("currency"), "isk");
}

// MGA is zero-decimal at Stripe (ISO 4217: 2): 1000.50 MGA cannot be charged and is refused
// before any call instead of being rounded.
TEST_F(StripeErrors, FractionalMgaNeverReachesStripe) {
  const auto before = env().stats();
  v1::Payment res;
  auto s = authorize(stripe_authorize("e2e-st-mga", stripe_card::visa, 100050, false, "MGA"), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount.minor_amount") << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before.at("requests"));
}

TEST_F(StripeErrors, WrongApiKeyIsProcessorAuthFailed) {
  auto with_key = [](const std::string& key) {
    auto c = ctx("");
    c->AddMetadata("x-auth-api-key", key);
    return c;
  };
  auto req = stripe_authorize("e2e-st-err-key", stripe_card::visa, 1000, false);
  v1::Payment res;
  auto s = env().svc.payments->Authorize(with_key(stripe_wrong_key).get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_AUTH_FAILED");
  for (const auto& text : {s.error_message(), s.error_details()}) {
    EXPECT_EQ(text.find(stripe_wrong_key), std::string::npos) << text;
    EXPECT_EQ(text.find("sk_test"), std::string::npos) << text;  // not even Stripe's masked form
  }

  // The right key sent the same way works.
  req.set_merchant_reference("e2e-st-err-key-ok");
  auto ok = env().svc.payments->Authorize(with_key(stripe_api_key).get(), req, &res);
  ASSERT_TRUE(ok.ok()) << describe(ok);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_TRUE(starts_with(res.connector_payment_id(), "pi_"));
}

TEST_F(StripeErrors, SameIdempotencyKeyChargesOnce) {
  auto req = stripe_authorize("e2e-st-idem", stripe_card::visa, 1000, false);
  req.set_idempotency_key("e2e-st-idem-key-1");
  v1::Payment a, b;
  auto s = authorize(req, &a);
  ASSERT_TRUE(s.ok()) << describe(s);
  s = authorize(req, &b);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_TRUE(starts_with(a.connector_payment_id(), "pi_"));
  EXPECT_EQ(a.connector_payment_id(), b.connector_payment_id());
  EXPECT_EQ(a.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(b.status(), a.status());
  auto state = env().stripe_intent(a.connector_payment_id());
  EXPECT_EQ(state.at("idempotencyKey"), "e2e-st-idem-key-1");
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
  EXPECT_EQ(env().stats().at("stripe").at("double_charges"), 0);

  // The same key for a different amount: Stripe's idempotency_error.
  req.mutable_amount()->set_minor_amount(1100);
  v1::Payment c;
  s = authorize(req, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED");
  EXPECT_NE(s.error_message().find("idempotency"), std::string::npos) << s.error_message();
  EXPECT_EQ(meta(s, "retryable"), "false");
  EXPECT_EQ(env().stripe_intent(a.connector_payment_id()).at("chargesForIdempotencyKey"), 1);
  EXPECT_EQ(env().stats().at("stripe").at("double_charges"), 0);
}

TEST_F(StripeErrors, Status500IsUnavailable) {
  fault("status:500");
  v1::Payment res;
  auto s = authorize(stripe_authorize("e2e-st-fault-500", stripe_card::visa, 1000, false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_ERROR");
  EXPECT_EQ(meta(s, "retryable"), "true");
  EXPECT_EQ(meta(s, "connector"), "stripe");
  EXPECT_NE(s.error_message().find("Request-Id req_"), std::string::npos) << s.error_message();
}

TEST_F(StripeErrors, Status429IsResourceExhausted) {
  fault("status:429");
  v1::Payment res;
  auto s = authorize(stripe_authorize("e2e-st-fault-429", "pm_card_visa", 1000, false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_RATE_LIMITED");
  EXPECT_EQ(meta(s, "retryable"), "true");
}

TEST_F(StripeErrors, ResetIsOutcomeUnknownAndARetryChargesOnce) {
  fault("reset");
  auto req = stripe_authorize("e2e-st-fault-reset", stripe_card::visa, 1000, false);
  v1::Payment res;
  auto s = authorize(req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNKNOWN) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN");

  // reset-after-apply: the intent exists; the retry (same derived key) replays it.
  fault("reset-after-apply");
  req.set_merchant_reference("e2e-st-fault-reset-applied");
  s = authorize(req, &res);
  ASSERT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
  s = authorize(req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  auto state = env().stripe_intent(res.connector_payment_id());
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
  EXPECT_EQ(env().stats().at("stripe").at("double_charges"), 0);
}

TEST_F(StripeErrors, TokensMustBeStripePaymentMethods) {
  v1::Payment res;
  auto s = authorize(stripe_authorize("e2e-st-err-tok", "pm_card_visa", 1000, false), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  auto req = stripe_authorize("e2e-st-err-tok-2", "pm_card_visa", 1000, false);
  req.mutable_payment_method()->mutable_token()->set_token("tok_visa");
  s = authorize(req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_NE(meta(s, "field").find("payment_method"), std::string::npos) << describe(s);
}

}  // namespace
}  // namespace e2e
