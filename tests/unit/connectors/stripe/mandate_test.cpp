// setup_mandate (customer → payment method → setup intent), recurring_charge, revoke_mandate.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* pm_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";
constexpr const char* cus_id = "cus_OhGd2Ya6sS7X8z";

flow_run<mandate_result> setup(const setup_mandate_request& r, std::vector<http_response> replies) {
  return drive(&cs::domain::flow_table::setup_mandate, r, std::move(replies));
}

std::vector<http_response> card_replies(const std::string& last) {
  return {reply(200, "customer.response.json"), reply(200, "payment_method.response.json"),
          reply(200, last)};
}

recurring_charge_request recurring() {
  recurring_charge_request r;
  r.idempotency_key = "idem-recurring-1";
  r.merchant_reference = "sub-2023-10";
  r.mandate_id = pm_id;
  r.customer_id = cus_id;
  r.amount = money{4999, "EUR"};
  return r;
}

TEST(StripeSetupMandate, ThreeStepsMatchGoldens) {
  auto run = setup(setup_card(), card_replies("setup_intent_succeeded.response.json"));
  ASSERT_EQ(run.requests.size(), 3u);
  expect_golden_request(run.requests[0], "setup_mandate_customer");
  expect_golden_request(run.requests[1], "setup_mandate_payment_method");
  expect_golden_request(run.requests[2], "setup_mandate_setup_intent");
}

TEST(StripeSetupMandate, SucceededIsActiveMandateOfPaymentMethodAndCustomer) {
  auto m = setup(setup_card(), card_replies("setup_intent_succeeded.response.json")).value();
  EXPECT_EQ(m.status, mandate_status::active);
  ASSERT_TRUE(m.mandate);
  EXPECT_EQ(m.mandate->mandate_id, pm_id);
  EXPECT_EQ(m.mandate->customer_id, cus_id);
  EXPECT_EQ(m.mandate->status, mandate_status::active);
  EXPECT_EQ(m.connector_payment_id, "seti_1NtwvA2eZvKYlo2CxK6bYy7Q");
  EXPECT_EQ(m.processor_status, "succeeded");
  EXPECT_FALSE(m.error);
}

TEST(StripeSetupMandate, RequiresActionIsPendingWithRedirect) {
  auto m = setup(setup_card(), card_replies("setup_intent_requires_action.response.json")).value();
  EXPECT_EQ(m.status, mandate_status::pending);
  ASSERT_TRUE(m.redirect);
  EXPECT_EQ(m.redirect->method, "GET");
  EXPECT_EQ(m.redirect->url.rfind("https://hooks.stripe.com/redirect/authenticate/", 0), 0u);
}

TEST(StripeSetupMandate, DeclinedSetupIntentIsFailedWithError) {
  auto m = setup(setup_card(),
                 {reply(200, "customer.response.json"), reply(200, "payment_method.response.json"),
                  reply(402, "error_402_setup_intent.response.json")})
               .value();
  EXPECT_EQ(m.status, mandate_status::failed);
  ASSERT_TRUE(m.error);
  EXPECT_EQ(m.error->processor_code, "card_declined");
  EXPECT_EQ(m.error->code, decline_code::generic);
  EXPECT_FALSE(m.mandate);
}

TEST(StripeSetupMandate, OtherEndStatusIsFailedWithExplanation) {
  auto m = setup(setup_card(), card_replies("setup_intent_canceled.response.json")).value();
  EXPECT_EQ(m.status, mandate_status::failed);
  ASSERT_TRUE(m.error);
  EXPECT_NE(m.error->processor_message.find("canceled"), std::string::npos);
}

// Found by fuzz_stripe_replies (CI, 2026-12-05): a status Stripe does not have is a failed
// SetupIntent, and it went unscrubbed into processor_status and the error's message.
TEST(StripeSetupMandate, StatusEchoingTheKeyIsScrubbed) {
  auto body =
      std::string(R"({"id":"seti_1","object":"setup_intent","status":"x )") + api_key + R"( y"})";
  auto replies = card_replies("setup_intent_succeeded.response.json");
  replies.back() = json_reply(200, body);
  auto m = setup(setup_card(), std::move(replies)).value();
  EXPECT_EQ(m.status, mandate_status::failed);
  ASSERT_TRUE(m.error);
  EXPECT_EQ(m.processor_status.find(api_key), std::string::npos);
  EXPECT_NE(m.processor_status.find("[redacted]"), std::string::npos);
  EXPECT_EQ(m.error->processor_message.find(api_key), std::string::npos);
}

TEST(StripeSetupMandate, CardDeclinedAtPaymentMethodsStopsAfterTwoCalls) {
  auto run = setup(setup_card(), {reply(200, "customer.response.json"),
                                  reply(402, "error_402_incorrect_number.response.json")});
  EXPECT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.value().status, mandate_status::failed);
  EXPECT_EQ(run.value().error->code, decline_code::invalid_card);
}

TEST(StripeSetupMandate, ProcessorTokenSkipsThePaymentMethodStep) {
  auto r = setup_card();
  r.method = processor_token{"pm_card_visa"};
  auto run = setup(r, {reply(200, "customer.response.json"),
                       reply(200, "setup_intent_succeeded.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].target, "/v1/setup_intents");
  EXPECT_EQ(form_value(run.requests[1], "payment_method"), "pm_card_visa");
  EXPECT_EQ(form_value(run.requests[1], "customer"), cus_id);
  EXPECT_EQ(run.value().status, mandate_status::active);
}

TEST(StripeSetupMandate, StepKeysAreDistinct) {
  auto run = setup(setup_card(), card_replies("setup_intent_succeeded.response.json"));
  ASSERT_EQ(run.requests.size(), 3u);
  EXPECT_EQ(run.requests[0].idempotency_key, "idem-mandate-3001:customer");
  EXPECT_EQ(run.requests[1].idempotency_key, "idem-mandate-3001:payment_method");
  EXPECT_EQ(run.requests[2].idempotency_key, "idem-mandate-3001");
}

TEST(StripeSetupMandate, CustomerErrorEndsTheFlow) {
  auto run = setup(setup_card(), {reply(401, "error_401.response.json")});
  EXPECT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().code, error_code::unauthenticated);
}

TEST(StripeRecurring, MatchesGoldenAndCarriesTheMandate) {
  auto run = drive(&cs::domain::flow_table::recurring_charge, recurring(),
                   {reply(200, "pi_succeeded.response.json")});
  expect_golden_request(run.requests.at(0), "recurring_charge");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::charged);
  ASSERT_TRUE(p.mandate);
  EXPECT_EQ(p.mandate->mandate_id, pm_id);
  EXPECT_EQ(p.mandate->customer_id, cus_id);
}

TEST(StripeRecurring, AuthenticationRequiredIsAFailureResultNotAnError) {
  auto run = drive(&cs::domain::flow_table::recurring_charge, recurring(),
                   {reply(402, "error_402_authentication_required.response.json")});
  ASSERT_TRUE(run.outcome && run.outcome->ok());
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::authentication_required);
  EXPECT_EQ(p.error->processor_code, "authentication_required");
  EXPECT_EQ(p.connector_payment_id, "pi_3NtwuU2eZvKYlo2C1hG0Jb5X");
  EXPECT_EQ(p.merchant_reference, "sub-2023-10");
  EXPECT_FALSE(p.mandate);
}

TEST(StripeRecurring, NeedsStripeIds) {
  auto r = recurring();
  r.customer_id = "shopper-77";
  EXPECT_EQ(drive(&cs::domain::flow_table::recurring_charge, r, {}).err().field, "customer_id");
  r = recurring();
  r.mandate_id = "seti_1";
  EXPECT_EQ(drive(&cs::domain::flow_table::recurring_charge, r, {}).err().field,
            "connector_mandate_id");
}

TEST(StripeRevoke, DetachesThePaymentMethod) {
  revoke_mandate_request r;
  r.mandate_id = pm_id;
  r.customer_id = cus_id;
  auto run = drive(&cs::domain::flow_table::revoke_mandate, r,
                   {reply(200, "payment_method_detached.response.json")});
  expect_golden_request(run.requests.at(0), "revoke_mandate");
  EXPECT_EQ(run.value().status, mandate_status::revoked);
  EXPECT_EQ(
      drive(&cs::domain::flow_table::revoke_mandate, r, {reply(404, "error_404.response.json")})
          .err()
          .code,
      error_code::not_found);
}

}  // namespace
}  // namespace stripe_test
