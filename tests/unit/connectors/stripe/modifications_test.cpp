// capture, void, refund and get_refund: goldens, results, and amount checks before any call.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* pi_id = "pi_3NtwuU2eZvKYlo2C1hG0Jb5X";

capture_request capture_of(std::optional<money> amount, std::optional<money> payment) {
  capture_request r;
  r.idempotency_key = amount && payment && amount != payment ? "idem-capture-1" : "idem-capture-2";
  r.connector_payment_id = pi_id;
  r.amount_to_capture = amount;
  r.payment_amount = payment;
  return r;
}

refund_request refund_of(std::optional<money> amount, std::optional<money> payment) {
  refund_request r;
  r.idempotency_key = "idem-refund-1";
  r.merchant_reference = "refund-1";
  r.connector_payment_id = pi_id;
  r.amount = amount;
  r.payment_amount = payment;
  r.reason = "duplicate";
  return r;
}

TEST(StripeCapture, PartialSendsAmountToCapture) {
  auto run =
      drive(&cs::domain::flow_table::capture, capture_of(money{500, "USD"}, money{2000, "USD"}),
            {reply(200, "pi_partially_captured.response.json")});
  expect_golden_request(run.requests.at(0), "capture_partial");
  EXPECT_EQ(run.value().status, payment_status::partially_charged);
  EXPECT_EQ(*run.value().captured_amount, (money{500, "USD"}));
}

TEST(StripeCapture, FullCaptureSendsNoAmount) {
  auto run =
      drive(&cs::domain::flow_table::capture, capture_of(money{2000, "USD"}, money{2000, "USD"}),
            {reply(200, "pi_succeeded.response.json")});
  expect_golden_request(run.requests.at(0), "capture_full");
  EXPECT_EQ(run.value().status, payment_status::charged);
  EXPECT_EQ(drive(&cs::domain::flow_table::capture, capture_of(std::nullopt, std::nullopt), {})
                .requests.at(0)
                .body,
            "");
}

TEST(StripeCapture, OverCaptureIsRejectedBeforeAnyCall) {
  auto run = drive(&cs::domain::flow_table::capture,
                   capture_of(money{2001, "USD"}, money{2000, "USD"}), {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "amount_to_capture.minor_amount");
}

TEST(StripeCapture, CurrencyMismatchIsRejected) {
  auto run = drive(&cs::domain::flow_table::capture,
                   capture_of(money{500, "EUR"}, money{2000, "USD"}), {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount_to_capture.currency_code");
}

TEST(StripeCapture, NeedsAPaymentIntentId) {
  auto r = capture_of(std::nullopt, std::nullopt);
  r.connector_payment_id = "pi_1/../../v1/refunds";
  auto run = drive(&cs::domain::flow_table::capture, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "connector_payment_id");
}

TEST(StripeVoid, CancelsWithStripeReason) {
  void_request r;
  r.idempotency_key = "idem-void-1";
  r.connector_payment_id = pi_id;
  r.reason = "requested_by_customer";
  auto run =
      drive(&cs::domain::flow_table::void_payment, r, {reply(200, "pi_canceled.response.json")});
  expect_golden_request(run.requests.at(0), "void");
  EXPECT_EQ(run.value().status, payment_status::voided);
}

TEST(StripeVoid, OtherReasonsAreNotSent) {
  void_request r;
  r.idempotency_key = "idem-void-1";
  r.connector_payment_id = pi_id;
  r.reason = "customer changed their mind";
  auto run = drive(&cs::domain::flow_table::void_payment, r, {});
  EXPECT_FALSE(has_form_key(run.requests.at(0), "cancellation_reason"));
}

TEST(StripeRefund, PartialRefundMatchesGolden) {
  auto run =
      drive(&cs::domain::flow_table::refund, refund_of(money{300, "USD"}, money{2000, "USD"}),
            {reply(200, "refund_succeeded.response.json")});
  expect_golden_request(run.requests.at(0), "refund_partial");
  const auto& r = run.value();
  EXPECT_EQ(r.status, refund_status::success);
  EXPECT_EQ(r.connector_refund_id, "re_3NtwuU2eZvKYlo2C0t1Bq4Rz");
  EXPECT_EQ(r.connector_payment_id, pi_id);
  EXPECT_EQ(*r.amount, (money{300, "USD"}));
  EXPECT_EQ(r.merchant_reference, "refund-1");
}

TEST(StripeRefund, PendingAndFailed) {
  auto req = refund_of(money{300, "USD"}, std::nullopt);
  EXPECT_EQ(
      drive(&cs::domain::flow_table::refund, req, {reply(200, "refund_pending.response.json")})
          .value()
          .status,
      refund_status::pending);
  auto failed =
      drive(&cs::domain::flow_table::refund, req, {reply(200, "refund_failed.response.json")});
  EXPECT_EQ(failed.value().status, refund_status::failure);
  ASSERT_TRUE(failed.value().error);
  EXPECT_EQ(failed.value().error->processor_code, "expired_or_canceled_card");
}

// Found by fuzz_stripe_replies: a failed Refund's failure_reason is processor text like any other.
TEST(StripeRefund, FailureReasonEchoingTheKeyIsScrubbed) {
  auto req = refund_of(money{300, "USD"}, std::nullopt);
  auto body = std::string(R"({"id":"re_1","object":"refund","status":"failed","amount":300,)") +
              R"("currency":"usd","payment_intent":"pi_1","failure_reason":")" + api_key + R"("})";
  auto failed = drive(&cs::domain::flow_table::refund, req, {json_reply(200, body)});
  ASSERT_TRUE(failed.value().error);
  EXPECT_EQ(failed.value().error->processor_code.find(api_key), std::string::npos);
  EXPECT_EQ(failed.value().error->processor_message.find(api_key), std::string::npos);
}

TEST(StripeRefund, SeveralPartialRefundsEachUseTheirOwnKey) {
  auto a = refund_of(money{300, "USD"}, money{2000, "USD"});
  auto b = a;
  b.idempotency_key = "idem-refund-2";
  EXPECT_NE(drive(&cs::domain::flow_table::refund, a, {}).requests.at(0).idempotency_key,
            drive(&cs::domain::flow_table::refund, b, {}).requests.at(0).idempotency_key);
}

TEST(StripeRefund, FullRefundOmitsAmount) {
  auto run =
      drive(&cs::domain::flow_table::refund, refund_of(std::nullopt, money{2000, "USD"}), {});
  EXPECT_FALSE(has_form_key(run.requests.at(0), "amount"));
}

TEST(StripeRefund, OverRefundIsRejectedBeforeAnyCall) {
  auto run =
      drive(&cs::domain::flow_table::refund, refund_of(money{2500, "USD"}, money{2000, "USD"}), {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
}

TEST(StripeRefund, ReasonOutsideStripesEnumIsNotSent) {
  auto r = refund_of(money{300, "USD"}, std::nullopt);
  r.reason = "abandoned";  // a cancellation reason, not a refund reason
  EXPECT_FALSE(
      has_form_key(drive(&cs::domain::flow_table::refund, r, {}).requests.at(0), "reason"));
}

TEST(StripeGetRefund, GetsTheRefund) {
  get_refund_request r;
  r.connector_refund_id = "re_3NtwuU2eZvKYlo2C0t1Bq4Rz";
  auto run =
      drive(&cs::domain::flow_table::get_refund, r, {reply(200, "refund_succeeded.response.json")});
  expect_golden_request(run.requests.at(0), "get_refund");
  EXPECT_EQ(run.value().status, refund_status::success);
  r.connector_refund_id = "pi_123";
  EXPECT_EQ(drive(&cs::domain::flow_table::get_refund, r, {}).err().field, "connector_refund_id");
}

}  // namespace
}  // namespace stripe_test
