// capture (full only), void (none), refund (speed, X-Refund-Idempotency, 409) and get_refund.
#include "test_support.hpp"

namespace razorpay_test {
namespace {

capture_request capture_req() {
  capture_request r;
  r.idempotency_key = "idem-capture-7001";
  r.merchant_reference = "order-7001";
  r.connector_payment_id = pay_id;
  r.amount_to_capture = money{50000, "INR"};
  r.payment_amount = money{50000, "INR"};
  return r;
}

refund_request refund_req() {
  refund_request r;
  r.idempotency_key = "idem-refund-7001-1";
  r.merchant_reference = "refund-7001-1";
  r.connector_payment_id = pay_id;
  r.amount = money{20000, "INR"};
  r.payment_amount = money{50000, "INR"};
  r.reason = "requested_by_customer";
  r.speed = refund_speed::instant;
  return r;
}

TEST(RazorpayCapture, FullCaptureGoldenRequestAndCharged) {
  auto run = drive(&cs::domain::flow_table::capture, capture_req(),
                   {reply(200, "payment_captured.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "capture_full");
  EXPECT_EQ(run.value().status, payment_status::charged);
}

TEST(RazorpayCapture, PartialCaptureIsRefusedBeforeAnyCall) {
  auto r = capture_req();
  r.amount_to_capture = money{30000, "INR"};
  auto run = drive(&cs::domain::flow_table::capture, r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "amount_to_capture");
  EXPECT_NE(e.message.find("Razorpay captures only the full authorized amount"), std::string::npos)
      << e.message;
}

TEST(RazorpayCapture, AmountComesFromPaymentAmountWhenNotGiven) {
  auto r = capture_req();
  r.amount_to_capture.reset();
  auto run = drive(&cs::domain::flow_table::capture, r, {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "capture_full");
}

TEST(RazorpayCapture, OneAmountIsRequired) {
  auto r = capture_req();
  r.amount_to_capture.reset();
  r.payment_amount.reset();
  EXPECT_EQ(drive(&cs::domain::flow_table::capture, r, {}).err().field, "amount_to_capture");
}

TEST(RazorpayCapture, MoreThanAuthorizedAndOtherCurrencyAreRefused) {
  auto r = capture_req();
  r.amount_to_capture = money{60000, "INR"};
  EXPECT_EQ(drive(&cs::domain::flow_table::capture, r, {}).err().field,
            "amount_to_capture.minor_amount");
  r.amount_to_capture = money{50000, "USD"};
  EXPECT_EQ(drive(&cs::domain::flow_table::capture, r, {}).err().field,
            "amount_to_capture.currency_code");
}

TEST(RazorpayCapture, AlreadyCapturedIsAProcessorRejection) {
  auto run = drive(&cs::domain::flow_table::capture, capture_req(),
                   {json_reply(400, R"({"error":{"code":"BAD_REQUEST_ERROR","description":
                       "This payment has already been captured","source":"business","step":
                       "payment_initiation","reason":"input_validation_failed","metadata":{},
                       "field":null}})")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_EQ(e.processor_message, "This payment has already been captured");
}

TEST(RazorpayVoid, IsNotSupportedByRazorpay) {
  void_request r;
  r.idempotency_key = "idem-void";
  r.connector_payment_id = pay_id;
  auto run = drive(&cs::domain::flow_table::void_payment, r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::not_supported_by_processor);
  EXPECT_NE(e.message.find("Razorpay has no void"), std::string::npos);
  EXPECT_NE(e.message.find("refunded to the customer automatically"), std::string::npos);
}

TEST(RazorpayRefund, InstantPartialRefundGoldenRequestWithIdempotencyHeader) {
  auto run = drive(&cs::domain::flow_table::refund, refund_req(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "refund_partial_instant");
  EXPECT_EQ(header_value(run.requests[0], "X-Refund-Idempotency"), "idem-refund-7001-1");
  EXPECT_EQ(run.requests[0].idempotency_key, "idem-refund-7001-1");
}

TEST(RazorpayRefund, NormalAndUnspecifiedSpeedAreNormal) {
  auto r = refund_req();
  r.speed = refund_speed::normal;
  EXPECT_EQ(body_string(drive(&cs::domain::flow_table::refund, r, {}).requests.at(0), "speed"),
            "normal");
  r.speed = refund_speed::unspecified;
  EXPECT_EQ(body_string(drive(&cs::domain::flow_table::refund, r, {}).requests.at(0), "speed"),
            "normal");
}

TEST(RazorpayRefund, WithoutAmountRefundsTheRest) {
  auto r = refund_req();
  r.amount.reset();
  auto body = drive(&cs::domain::flow_table::refund, r, {}).requests.at(0).body;
  EXPECT_EQ(body.find("\"amount\""), std::string::npos) << body;
}

TEST(RazorpayRefund, MoreThanThePaymentIsRefusedBeforeAnyCall) {
  auto r = refund_req();
  r.amount = money{50001, "INR"};
  auto run = drive(&cs::domain::flow_table::refund, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
}

TEST(RazorpayRefund, PendingProcessedAndFailed) {
  auto pending = drive(&cs::domain::flow_table::refund, refund_req(),
                       {reply(200, "refund_pending.response.json")})
                     .value();
  EXPECT_EQ(pending.status, refund_status::pending);
  EXPECT_EQ(pending.connector_refund_id, "rfnd_NtEN6RZsxFyLpF");
  EXPECT_EQ(pending.connector_payment_id, pay_id);
  ASSERT_TRUE(pending.amount);
  EXPECT_EQ(*pending.amount, (money{20000, "INR"}));
  EXPECT_EQ(pending.merchant_reference, "refund-7001-1");
  auto processed = drive(&cs::domain::flow_table::refund, refund_req(),
                         {reply(200, "refund_processed.response.json")})
                       .value();
  EXPECT_EQ(processed.status, refund_status::success);
  auto failed = drive(&cs::domain::flow_table::refund, refund_req(),
                      {reply(200, "refund_failed.response.json")})
                    .value();
  EXPECT_EQ(failed.status, refund_status::failure);
  EXPECT_TRUE(failed.error);
}

TEST(RazorpayRefund, InFlightDuplicateIsRetryableOutcomeUnknown) {
  auto run =
      drive(&cs::domain::flow_table::refund, refund_req(), {reply(409, "error_409.response.json")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unknown);
  EXPECT_EQ(e.reason, reason::outcome_unknown);
  EXPECT_TRUE(e.retryable);
}

TEST(RazorpayGetRefund, GoldenRequestAndStatus) {
  get_refund_request r;
  r.connector_refund_id = "rfnd_NtEN6RZsxFyLpF";
  auto run =
      drive(&cs::domain::flow_table::get_refund, r, {reply(200, "refund_processed.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_refund");
  EXPECT_EQ(run.value().status, refund_status::success);
  r.connector_refund_id = "re_123";
  EXPECT_EQ(drive(&cs::domain::flow_table::get_refund, r, {}).err().field, "connector_refund_id");
}

TEST(RazorpayGetRefund, UnknownStatusIsUnrecognized) {
  get_refund_request r;
  r.connector_refund_id = "rfnd_NtEN6RZsxFyLpF";
  auto body = golden("refund_pending.response.json");
  body.replace(body.find("\"pending\""), 9, "\"reversed\"");
  EXPECT_EQ(drive(&cs::domain::flow_table::get_refund, r, {json_reply(200, body)}).value().status,
            refund_status::unrecognized);
}

}  // namespace
}  // namespace razorpay_test
