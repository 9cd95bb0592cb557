// Non-2xx Adyen replies → domain errors (failures to get an answer, never declines).
#include "connectors/adyen/errors.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

using cs::connectors::adyen::error_from_response;

result<payment_result> answer(int status, const std::string& body,
                              std::vector<http_header> headers = {}) {
  return run(&cs::domain::flow_table::authorize, authorize_manual(), status, body,
             std::move(headers));
}

TEST(AdyenErrors, Unauthorized) {
  auto p = answer(401, golden("error_401.response.json"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, error_code::unauthenticated);
  EXPECT_EQ(p.err().reason, reason::processor_auth_failed);
  EXPECT_FALSE(p.err().retryable);
  EXPECT_EQ(p.err().message.find(api_key), std::string::npos);
}

TEST(AdyenErrors, ForbiddenIsAuthFailureWithPspReference) {
  auto p = answer(403, golden("error_403.response.json"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, error_code::unauthenticated);
  EXPECT_EQ(p.err().reason, reason::processor_auth_failed);
  EXPECT_EQ(p.err().processor_code, "010");
  EXPECT_NE(p.err().message.find("8816178914079738"), std::string::npos);
}

TEST(AdyenErrors, ValidationIsInvalidArgumentWithProcessorDetails) {
  for (int status : {400, 422}) {
    auto p = answer(status, golden("error_422.response.json"));
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.err().code, error_code::invalid_argument) << status;
    EXPECT_EQ(p.err().reason, reason::processor_rejected);
    EXPECT_EQ(p.err().processor_code, "101");
    EXPECT_EQ(p.err().processor_message, "Invalid card number");
    EXPECT_FALSE(p.err().retryable);
    EXPECT_EQ(p.err().message.find(card_number), std::string::npos);
  }
}

TEST(AdyenErrors, ConflictRetryableOnlyWhenTransient) {
  auto plain = answer(409, golden("error_409.response.json"));
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.err().code, error_code::unavailable);
  EXPECT_FALSE(plain.err().retryable);
  auto transient =
      answer(409, golden("error_409.response.json"), {{"Transient-Error", "true", false}});
  ASSERT_FALSE(transient.ok());
  EXPECT_TRUE(transient.err().retryable);
  auto lower = answer(409, golden("error_409.response.json"), {{"transient-error", "true", false}});
  EXPECT_TRUE(lower.err().retryable) << "header names are case-insensitive";
}

TEST(AdyenErrors, KeyStillInProgressIsOutcomeUnknown) {
  auto body =
      R"({"status":422,"errorCode":"704","message":"request already processed or in progress","errorType":"validation"})";
  auto p = answer(422, body, {{"Transient-Error", "true"}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, error_code::unknown);
  EXPECT_EQ(p.err().reason, reason::outcome_unknown);
  EXPECT_TRUE(p.err().retryable);
  // Without the header, 704 is the same key with another body: a rejection.
  auto q = answer(422, body);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.err().code, error_code::invalid_argument);
}

TEST(AdyenErrors, RateLimited) {
  auto p = answer(429, golden("error_429.response.json"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, error_code::resource_exhausted);
  EXPECT_EQ(p.err().reason, reason::processor_rate_limited);
  EXPECT_TRUE(p.err().retryable);
}

TEST(AdyenErrors, ServerErrorsAreRetryableUnavailable) {
  for (int status : {500, 502, 503}) {
    auto p = answer(status, golden("error_500.response.json"));
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.err().code, error_code::unavailable) << status;
    EXPECT_EQ(p.err().reason, reason::processor_error);
    EXPECT_TRUE(p.err().retryable);
    EXPECT_EQ(p.err().processor_code, "905_1");
  }
}

TEST(AdyenErrors, NonJsonErrorBodyStillMapsByStatus) {
  auto p = answer(502, "<html>Bad Gateway</html>");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().reason, reason::processor_error);
  EXPECT_TRUE(p.err().processor_code.empty());
}

TEST(AdyenErrors, OtherStatusesAreNotSuccesses) {
  EXPECT_EQ(error_from_response({404, {}, "{}"}, api_key).code, error_code::not_found);
  EXPECT_EQ(error_from_response({410, {}, "{}"}, api_key).code, error_code::failed_precondition);
  EXPECT_EQ(error_from_response({302, {}, ""}, api_key).reason, reason::bad_processor_reply);
}

TEST(AdyenErrors, EchoedApiKeyIsScrubbed) {
  std::string body = std::string(R"({"status":401,"errorCode":"000","message":"bad key )") +
                     api_key + R"(","errorType":"security"})";
  auto e = error_from_response({401, {}, body}, api_key);
  EXPECT_EQ(e.message.find(api_key), std::string::npos) << e.message;
  EXPECT_EQ(e.processor_message.find(api_key), std::string::npos);
  EXPECT_NE(e.processor_message.find("bad key"), std::string::npos);
}

TEST(AdyenErrors, NoMessageEverContainsCardOrKey) {
  for (int status : {400, 401, 403, 404, 409, 422, 429, 500, 503}) {
    for (auto* file : {"error_401.response.json", "error_422.response.json"}) {
      auto p = answer(status, golden(file));
      ASSERT_FALSE(p.ok());
      for (auto* text : {&p.err().message, &p.err().processor_message}) {
        EXPECT_EQ(text->find(card_number), std::string::npos);
        EXPECT_EQ(text->find(api_key), std::string::npos);
        EXPECT_EQ(text->find("737"), std::string::npos);
      }
    }
  }
}

}  // namespace
// Found by fuzz_adyen_replies: processor text that echoes the API key never reaches the client.
TEST(AdyenErrors, EchoedApiKeyInPspReferenceOrRefusalIsNotPassedOn) {
  auto e = answer(422, std::string(R"({"status":422,"errorCode":"14_030","message":"x",)") +
                           R"("errorType":"validation","pspReference":")" + api_key + R"("})");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.err().message.find(api_key), std::string::npos) << e.err().message;
  auto refused = answer(200, std::string(R"({"pspReference":"QFQTPCQ8HXSKGK82",)") +
                                 R"("resultCode":"Refused","refusalReason":"bad )" + api_key +
                                 R"(","refusalReasonCode":")" + api_key +
                                 R"(","additionalData":{"refusalReasonRaw":")" + api_key +
                                 R"( 4111111111111111"}})");
  ASSERT_TRUE(refused.ok()) << refused.err().message;
  ASSERT_TRUE(refused->error);
  for (const auto& text : {refused->error->processor_message, refused->error->processor_code,
                           refused->error->decline_code_raw}) {
    EXPECT_EQ(text.find(api_key), std::string::npos) << text;
    EXPECT_EQ(text.find("4111111111111111"), std::string::npos) << text;
  }
}

}  // namespace adyen_test
