// Razorpay error replies → domain errors (or declines on payment creation), decline-reason
// mapping, and that no card number, CVV or key secret ever reaches an error.
#include "connectors/razorpay/errors.hpp"
#include "connectors/razorpay/status_map.hpp"
#include "test_support.hpp"

namespace razorpay_test {
namespace {

namespace rzp = cs::connectors::razorpay;

error get_error(const http_response& resp) {
  get_payment_request r;
  r.connector_payment_id = pay_id;
  return drive(&cs::domain::flow_table::get_payment, r, {resp}).err();
}

struct error_case {
  int status;
  const char* golden;
  error_code code;
  const char* reason;
  bool retryable;
};

class RazorpayErrorMapping : public ::testing::TestWithParam<error_case> {};

TEST_P(RazorpayErrorMapping, MapsStatusAndBody) {
  const auto& c = GetParam();
  auto e = get_error(reply(c.status, c.golden));
  EXPECT_EQ(e.code, c.code) << e.message;
  EXPECT_EQ(e.reason, c.reason);
  EXPECT_EQ(e.retryable, c.retryable);
  EXPECT_FALSE(e.processor_code.empty());
  EXPECT_NE(e.message.find("Razorpay"), std::string::npos);
  expect_no_secrets(e);
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, RazorpayErrorMapping,
    ::testing::Values(error_case{400, "error_400_validation.response.json",
                                 error_code::invalid_argument, reason::processor_rejected, false},
                      error_case{400, "error_400_order_paid.response.json",
                                 error_code::invalid_argument, reason::processor_rejected, false},
                      error_case{400, "error_400_not_found.response.json", error_code::not_found,
                                 reason::processor_rejected, false},
                      error_case{401, "error_401.response.json", error_code::unauthenticated,
                                 reason::processor_auth_failed, false},
                      error_case{404, "error_400_not_found.response.json", error_code::not_found,
                                 reason::processor_rejected, false},
                      error_case{409, "error_409.response.json", error_code::unknown,
                                 reason::outcome_unknown, true},
                      error_case{429, "error_429.response.json", error_code::resource_exhausted,
                                 reason::processor_rate_limited, true},
                      error_case{500, "error_500.response.json", error_code::unavailable,
                                 reason::processor_error, true},
                      error_case{502, "error_502_gateway.response.json", error_code::unavailable,
                                 reason::processor_error, true}));

TEST(RazorpayErrors, FieldIsNamedInFieldAndMessage) {
  auto e = get_error(reply(400, "error_400_validation.response.json"));
  EXPECT_EQ(e.field, "razorpay.contact");
  EXPECT_NE(e.message.find("'contact'"), std::string::npos) << e.message;
  EXPECT_EQ(e.processor_code, "BAD_REQUEST_ERROR");
  EXPECT_EQ(e.processor_message, "The contact field is invalid.");
}

TEST(RazorpayErrors, DeclineOutsidePaymentCreationIsAnError) {
  // On GET the same body is not a decline of this call: it is an error about the request.
  auto e = get_error(reply(400, "error_400_declined.response.json"));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  expect_no_secrets(e);
  EXPECT_EQ(e.message.find("4111 1111 1111 1111"), std::string::npos) << e.message;
}

TEST(RazorpayErrors, NonJsonBodiesAreBadReplies) {
  auto e = get_error(json_reply(502, "<html>Bad Gateway</html>"));
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_EQ(e.reason, reason::bad_processor_reply);
  EXPECT_TRUE(e.retryable);
  auto e400 = get_error(json_reply(400, "oops"));
  EXPECT_EQ(e400.reason, reason::bad_processor_reply);
  EXPECT_FALSE(e400.retryable);
}

TEST(RazorpayErrors, KeySecretAndCardNumbersAreScrubbed) {
  auto body = std::string(R"({"error":{"code":"BAD_REQUEST_ERROR","description":"key )") +
              key_secret + " card 4111-1111-1111-1111 cvv " + R"(is wrong","field":"card"}})";
  auto e = get_error(json_reply(400, body));
  expect_no_secrets(e);
  EXPECT_EQ(e.message.find("4111-1111"), std::string::npos) << e.message;
  EXPECT_EQ(rzp::scrub("amount 50000 for 4111111111111111", ""), "amount 50000 for [redacted]");
}

TEST(RazorpayErrors, DeclineReasonsMapToUnifiedCodes) {
  using rzp::map_decline;
  EXPECT_EQ(map_decline("insufficient_balance"), decline_code::insufficient_funds);
  EXPECT_EQ(map_decline("card_expired"), decline_code::expired_card);
  EXPECT_EQ(map_decline("incorrect_cvv"), decline_code::incorrect_cvc);
  EXPECT_EQ(map_decline("card_number_invalid"), decline_code::invalid_card);
  EXPECT_EQ(map_decline("incorrect_otp"), decline_code::authentication_failed);
  EXPECT_EQ(map_decline("authentication_failed"), decline_code::authentication_failed);
  EXPECT_EQ(map_decline("payment_declined"), decline_code::generic);
  EXPECT_EQ(map_decline("payment_cancelled"), decline_code::cancelled);
  EXPECT_EQ(map_decline("debit_instrument_blocked"), decline_code::blocked);
  EXPECT_EQ(map_decline("payment_risk_check_failed"), decline_code::fraud_suspected);
  EXPECT_EQ(map_decline("bank_technical_error"), decline_code::issuer_unavailable);
  EXPECT_EQ(map_decline("transaction_limit_exceeded"), decline_code::limit_exceeded);
  EXPECT_EQ(map_decline("amount_less_than_minimum_amount"), decline_code::invalid_amount);
  EXPECT_EQ(map_decline("card_network_not_enabled"), decline_code::not_supported);
  EXPECT_EQ(map_decline("something_new"), decline_code::generic);
  EXPECT_TRUE(rzp::retryable_decline("bank_technical_error"));
  EXPECT_FALSE(rzp::retryable_decline("insufficient_balance"));
}

TEST(RazorpayErrors, PaymentCreateDeclineVersusRejection) {
  auto decline =
      rzp::read_reply(http_response{400, {}, golden("error_400_insufficient.response.json")},
                      key_secret, rzp::call_kind::payment_create);
  ASSERT_TRUE(decline.ok());
  ASSERT_TRUE(decline->decline);
  EXPECT_EQ(decline->payment_id, pay_id);
  EXPECT_EQ(decline->decline->code, decline_code::insufficient_funds);
  // input_validation_failed from the business is the merchant's request, not a decline.
  auto rejected =
      rzp::read_reply(http_response{400, {}, golden("error_400_validation.response.json")},
                      key_secret, rzp::call_kind::payment_create);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.err().code, error_code::invalid_argument);
  // A gateway error is not a decline either: it is retryable trouble.
  auto gateway = rzp::read_reply(http_response{502, {}, golden("error_502_gateway.response.json")},
                                 key_secret, rzp::call_kind::payment_create);
  ASSERT_FALSE(gateway.ok());
  EXPECT_TRUE(gateway.err().retryable);
}

// Razorpay writes "NA" (not applicable) in source/step/reason of plain request errors, such as
// an unknown or deleted token on a recurring payment: not a decline, the error it names.
TEST(RazorpayErrors, NotApplicableSourceAndReasonIsNoDecline) {
  const std::string body =
      R"({"error":{"code":"BAD_REQUEST_ERROR","description":"The id provided does not exist",)"
      R"("source":"NA","step":"NA","reason":"NA","metadata":{},"field":"token"}})";
  auto r =
      rzp::read_reply(http_response{400, {}, body}, key_secret, rzp::call_kind::payment_create);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::not_found) << r.err().message;
  const std::string other =
      R"({"error":{"code":"BAD_REQUEST_ERROR","description":"Order has already been paid.",)"
      R"("source":"NA","step":"NA","reason":"NA","metadata":{}}})";
  r = rzp::read_reply(http_response{400, {}, other}, key_secret, rzp::call_kind::payment_create);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::invalid_argument) << r.err().message;
}

TEST(RazorpayErrors, BasicAuthHeaderCarriesBothKeys) {
  get_payment_request r;
  r.connector_payment_id = pay_id;
  auto q = drive(&cs::domain::flow_table::get_payment, r, {}).requests.at(0);
  // base64("rzp_test_1DP5mmOlF5G5ag:rzpSecretTestValue0123456789")
  EXPECT_EQ(header_value(q, "Authorization"),
            "Basic cnpwX3Rlc3RfMURQNW1tT2xGNUc1YWc6cnpwU2VjcmV0VGVzdFZhbHVlMDEyMzQ1Njc4OQ==");
}

}  // namespace
}  // namespace razorpay_test
