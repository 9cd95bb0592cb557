// Error replies as domain errors, Stripe-Should-Retry, and nothing secret in any message.
#include "connectors/stripe/errors.hpp"
#include "test_support.hpp"

namespace stripe_test {
namespace {

namespace stripe = cs::connectors::stripe;

error capture_error(http_response r) {
  capture_request c;
  c.idempotency_key = "idem-capture-1";
  c.connector_payment_id = "pi_3NtwuU2eZvKYlo2C1hG0Jb5X";
  return drive(&cs::domain::flow_table::capture, c, {std::move(r)}).err();
}

void expect_clean(const error& e) {
  for (const auto& text : {e.message, e.processor_message, e.processor_code, e.field}) {
    EXPECT_EQ(text.find("sk_"), std::string::npos) << text;
    EXPECT_EQ(text.find(api_key), std::string::npos) << text;
    EXPECT_EQ(text.find(card_number), std::string::npos) << text;
  }
}

TEST(StripeErrors, InvalidRequestIsInvalidArgumentNamingTheStripeParam) {
  auto e = capture_error(
      reply(400, "error_400_invalid_request.response.json", {{"Request-Id", "req_Inv1"}}));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_EQ(e.field, "stripe.amount");
  EXPECT_EQ(e.processor_code, "parameter_invalid_integer");
  EXPECT_NE(e.message.find("Stripe form parameter 'amount'"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("req_Inv1"), std::string::npos) << e.message;
  EXPECT_FALSE(e.retryable);
}

TEST(StripeErrors, IdempotencyErrorIsFailedPrecondition) {
  auto e = capture_error(reply(400, "error_400_idempotency.response.json"));
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_NE(e.message.find("idempotency key was already used with other parameters"),
            std::string::npos)
      << e.message;
}

TEST(StripeErrors, UnauthorizedNeverEchoesTheKey) {
  auto e = capture_error(reply(401, "error_401.response.json"));
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_EQ(e.reason, reason::processor_auth_failed);
  EXPECT_EQ(e.message.find("fXYZ"), std::string::npos) << e.message;
  expect_clean(e);
}

TEST(StripeErrors, ForbiddenIsPermissionDenied) {
  auto e = capture_error(json_reply(403, R"({"error":{"type":"invalid_request_error",)"
                                         R"("message":"The provided key 'rk_test_***abc' does )"
                                         R"(not have access"}})"));
  EXPECT_EQ(e.code, error_code::permission_denied);
  EXPECT_EQ(e.message.find("rk_test"), std::string::npos) << e.message;
}

TEST(StripeErrors, NotFound) {
  auto e = capture_error(reply(404, "error_404.response.json"));
  EXPECT_EQ(e.code, error_code::not_found);
  EXPECT_EQ(e.processor_code, "resource_missing");
}

TEST(StripeErrors, ConflictIsRetryableUnavailable) {
  auto e = capture_error(reply(409, "error_409.response.json"));
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_TRUE(e.retryable);
  EXPECT_NE(e.message.find("concurrent request"), std::string::npos) << e.message;
}

TEST(StripeErrors, RateLimited) {
  auto e = capture_error(reply(429, "error_429.response.json"));
  EXPECT_EQ(e.code, error_code::resource_exhausted);
  EXPECT_EQ(e.reason, reason::processor_rate_limited);
  EXPECT_TRUE(e.retryable);
}

TEST(StripeErrors, ServerErrorIsRetryableUnavailable) {
  auto e = capture_error(reply(500, "error_500.response.json"));
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_EQ(e.reason, reason::processor_error);
  EXPECT_TRUE(e.retryable);
}

TEST(StripeErrors, ShouldRetryHeaderOverrides) {
  auto e = capture_error(reply(500, "error_500.response.json", {{"Stripe-Should-Retry", "false"}}));
  EXPECT_FALSE(e.retryable);
  e = capture_error(
      reply(400, "error_400_invalid_request.response.json", {{"stripe-should-retry", "true"}}));
  EXPECT_TRUE(e.retryable);
}

TEST(StripeErrors, NonJsonIsBadProcessorReply) {
  auto e = capture_error(json_reply(502, "<html>Bad Gateway</html>"));
  EXPECT_EQ(e.reason, reason::bad_processor_reply);
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_TRUE(e.retryable);
  e = capture_error(json_reply(200, "not json"));
  EXPECT_EQ(e.reason, reason::bad_processor_reply);
}

TEST(StripeErrors, ScrubRemovesKeysSecretsAndCardNumbers) {
  auto s = stripe::scrub(
      "key sk_live_abcDEF123 and sk_test_****1234, secret whsec_xyz, card 4242 4242 4242 4242 "
      "or 4000000000000002, amount 1000, " +
          std::string(api_key),
      api_key);
  EXPECT_EQ(s.find("sk_"), std::string::npos) << s;
  EXPECT_EQ(s.find("whsec_"), std::string::npos) << s;
  EXPECT_EQ(s.find("4242"), std::string::npos) << s;
  EXPECT_EQ(s.find("4000000000000002"), std::string::npos) << s;
  EXPECT_NE(s.find("amount 1000"), std::string::npos) << s;
}

TEST(StripeErrors, NoErrorMessageCarriesCardNumberCvcOrKey) {
  // Every error reply golden, answered to the card authorize's first step.
  for (auto [status, name] :
       std::vector<std::pair<int, const char*>>{{400, "error_400_invalid_request.response.json"},
                                                {400, "error_400_idempotency.response.json"},
                                                {401, "error_401.response.json"},
                                                {404, "error_404.response.json"},
                                                {409, "error_409.response.json"},
                                                {429, "error_429.response.json"},
                                                {500, "error_500.response.json"}}) {
    auto run =
        drive(&cs::domain::flow_table::authorize, authorize_card_manual(), {reply(status, name)});
    auto e = run.err();
    expect_clean(e);
    EXPECT_EQ(e.message.find(cvc), std::string::npos) << name;
  }
  // A processor that echoes the card number in a decline.
  auto run = drive(&cs::domain::flow_table::authorize, authorize_card_manual(),
                   {json_reply(402, R"({"error":{"type":"card_error","code":"incorrect_number",)"
                                    R"("message":"Card 4242424242424242 is wrong"}})")});
  ASSERT_TRUE(run.value().error);
  EXPECT_EQ(run.value().error->processor_message.find(card_number), std::string::npos);
}

}  // namespace
}  // namespace stripe_test
