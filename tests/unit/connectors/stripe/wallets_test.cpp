// authorize with Google Pay (a Stripe token from Google's gateway tokenization) and Apple Pay
// (paymentData exchanged at POST /v1/tokens): the steps, their forms and their failures.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* apple_data = R"({"version":"EC_v1","data":"ZGF0YQ==","signature":"c2ln"})";
constexpr const char* intent_ok =
    R"({"id":"pi_1","object":"payment_intent","status":"succeeded","amount":1050,)"
    R"("amount_received":1050,"currency":"usd","capture_method":"automatic"})";

authorize_request with(payment_method m) {
  auto r = authorize_token_automatic();
  r.method = std::move(m);
  return r;
}

wallet google(std::string token_json) {
  return wallet::of(wallet_type::google_pay, std::move(token_json));
}

TEST(StripeWallets, GooglePayTokenBecomesACardPaymentMethodThenTheIntent) {
  auto run = drive(
      &flow_table::authorize,
      with(google(R"({"id":"tok_1N3T00LkdIwHu7ixt44h1F8k","object":"token"})")),
      {json_reply(200, R"({"id":"pm_1","object":"payment_method"})"), json_reply(200, intent_ok)});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[0].target, "/v1/payment_methods");
  EXPECT_EQ(run.requests[0].step, "payment_method");
  EXPECT_EQ(form_value(run.requests[0], "type"), "card");
  EXPECT_EQ(form_value(run.requests[0], "card[token]"), "tok_1N3T00LkdIwHu7ixt44h1F8k");
  EXPECT_FALSE(has_form_key(run.requests[0], "card[number]"));
  EXPECT_EQ(form_value(run.requests[1], "payment_method"), "pm_1");
  EXPECT_EQ(run.value().status, payment_status::charged);
}

TEST(StripeWallets, GooglePayTokenThatIsNotAStripeTokenIsRefusedBeforeAnyCall) {
  for (const char* token : {R"({"protocolVersion":"ECv2","signature":"x"})", "not json",
                            R"({"id":"pm_123"})", R"({"id":"tok_a&b=c"})"}) {
    auto run = drive(&flow_table::authorize, with(google(token)), {});
    EXPECT_TRUE(run.requests.empty()) << token;
    ASSERT_TRUE(run.outcome && !run.outcome->ok()) << token;
    EXPECT_EQ(run.outcome->err().code, error_code::invalid_argument);
    EXPECT_EQ(run.outcome->err().field, "payment_method.google_pay.payment_token");
    EXPECT_EQ(run.outcome->err().message.find(token), std::string::npos);
  }
}

TEST(StripeWallets, ApplePayIsTokenizedWithPkTokenThenPaidAsACard) {
  wallet w{.type = wallet_type::apple_pay,
           .token = secret<std::string>(apple_data),
           .network = "Visa",
           .display_name = "Visa 0326",
           .transaction_id = "3cee8967"};
  auto run = drive(
      &flow_table::authorize, with(w),
      {json_reply(200, R"({"id":"tok_apple1","object":"token","type":"card"})"),
       json_reply(200, R"({"id":"pm_2","object":"payment_method"})"), json_reply(200, intent_ok)});
  ASSERT_EQ(run.requests.size(), 3u);
  EXPECT_EQ(run.requests[0].target, "/v1/tokens");
  EXPECT_EQ(run.requests[0].step, "token");
  EXPECT_EQ(form_value(run.requests[0], "pk_token"), apple_data);
  EXPECT_EQ(form_value(run.requests[0], "pk_token_payment_network"), "Visa");
  EXPECT_EQ(form_value(run.requests[0], "pk_token_instrument_name"), "Visa 0326");
  EXPECT_EQ(form_value(run.requests[0], "pk_token_transaction_id"), "3cee8967");
  // Each step has its own idempotency key, derived from the call's.
  EXPECT_FALSE(run.requests[0].idempotency_key.empty());
  EXPECT_NE(run.requests[0].idempotency_key, run.requests[1].idempotency_key);
  EXPECT_EQ(form_value(run.requests[1], "card[token]"), "tok_apple1");
  EXPECT_EQ(form_value(run.requests[2], "payment_method"), "pm_2");
  EXPECT_EQ(run.value().status, payment_status::charged);
}

TEST(StripeWallets, ApplePayTokenRefusedByStripeIsAnErrorAndNothingIsCharged) {
  auto run =
      drive(&flow_table::authorize, with(wallet::of(wallet_type::apple_pay, apple_data)),
            {json_reply(400, R"({"error":{"type":"invalid_request_error","param":"pk_token",)"
                             R"("message":"Your payment token could not be decrypted."}})")});
  ASSERT_EQ(run.requests.size(), 1u);
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().code, error_code::invalid_argument);
}

TEST(StripeWallets, DeclinedTokenCardEndsTheFlowAsAFailure) {
  auto run = drive(&flow_table::authorize, with(google(R"({"id":"tok_chargeDeclined"})")),
                   {json_reply(402, R"({"error":{"type":"card_error","code":"card_declined",)"
                                    R"("decline_code":"generic_decline","message":"declined"}})")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().status, payment_status::failure);
}

}  // namespace
}  // namespace stripe_test
