// Razorpay capture (full only), void (none at Razorpay), refunds at both speeds settling after the
// simulator's delay, and a refund above what is left.

#include "razorpay.hpp"

namespace e2e {
namespace {

grpc::Status capture(const std::string& pay, std::int64_t minor, std::int64_t payment,
                     v1::Payment* out) {
  v1::CaptureRequest cap;
  cap.set_connector("razorpay");
  cap.set_connector_payment_id(pay);
  cap.set_merchant_reference("e2e-rzp-capture");
  *cap.mutable_amount_to_capture() = money(minor, "INR");
  *cap.mutable_payment_amount() = money(payment, "INR");
  return env().svc.payments->Capture(razorpay_ctx().get(), cap, out);
}

grpc::Status refund(const std::string& pay, const std::string& reference, std::int64_t minor,
                    std::int64_t payment, v1::RefundSpeed speed, v1::Refund* out) {
  v1::RefundRequest req;
  req.set_connector("razorpay");
  req.set_connector_payment_id(pay);
  req.set_merchant_reference(reference);
  *req.mutable_amount() = money(minor, "INR");
  *req.mutable_payment_amount() = money(payment, "INR");
  req.set_speed(speed);
  req.set_reason("customer returned the goods");
  return env().svc.payments->Refund(razorpay_ctx().get(), req, out);
}

v1::Refund get_refund(const std::string& rfnd, const std::string& pay) {
  v1::GetRefundRequest req;
  req.set_connector("razorpay");
  req.set_connector_refund_id(rfnd);
  req.set_connector_payment_id(pay);
  v1::Refund res;
  auto s = env().svc.refunds->Get(razorpay_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

// A manual-capture card payment, authorized then captured in full.
std::string captured(const std::string& reference, std::int64_t minor) {
  auto pay = rzp::paid(reference, minor, true).connector_payment_id();
  if (pay.empty()) return pay;
  v1::Payment out;
  auto s = capture(pay, minor, minor, &out);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_CHARGED) << out.DebugString();
  return pay;
}

TEST(RazorpayRefunds, FullCaptureIsCharged) {
  auto pay = rzp::paid("e2e-rzp-cap-full", 60000, true).connector_payment_id();
  ASSERT_FALSE(pay.empty());
  v1::Payment out;
  auto s = capture(pay, 60000, 60000, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_CHARGED) << out.DebugString();
  EXPECT_EQ(out.connector_payment_id(), pay);
  EXPECT_EQ(out.processor_status(), "captured");
  EXPECT_EQ(out.captured_amount().minor_amount(), 60000);
  auto state = rzp::sim_payment(pay);
  EXPECT_EQ(state.at("status"), "captured");
  EXPECT_EQ(state.at("captured"), true);
  auto hook = rzp::webhook("payment.captured", pay);
  ASSERT_TRUE(hook.is_object()) << "no payment.captured webhook for " << pay;
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(RazorpayRefunds, PartialCaptureIsInvalidArgumentWithoutACall) {
  auto pay = rzp::paid("e2e-rzp-cap-partial", 60000, true).connector_payment_id();
  ASSERT_FALSE(pay.empty());
  const auto before = env().stats().at("requests");
  v1::Payment out;
  auto s = capture(pay, 30000, 60000, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_NE(s.error_message().find("amount_to_capture"), std::string::npos) << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before) << "a request reached the simulator";
  EXPECT_EQ(rzp::sim_payment(pay).at("status"), "authorized");
}

TEST(RazorpayRefunds, VoidIsNotSupportedByProcessor) {
  auto pay = rzp::paid("e2e-rzp-void", 35000, true).connector_payment_id();
  ASSERT_FALSE(pay.empty());
  v1::VoidRequest req;
  req.set_connector("razorpay");
  req.set_connector_payment_id(pay);
  req.set_merchant_reference("e2e-rzp-void-1");
  v1::Payment out;
  const auto before = env().stats().at("requests");
  auto s = env().svc.payments->Void(razorpay_ctx().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "NOT_SUPPORTED_BY_PROCESSOR") << describe(s);
  const auto msg = s.error_message();
  EXPECT_NE(msg.find("not captured is refunded to the customer automatically"), std::string::npos)
      << msg;
  EXPECT_EQ(env().stats().at("requests"), before);
  EXPECT_EQ(rzp::sim_payment(pay).at("status"), "authorized");
}

TEST(RazorpayRefunds, TwoPartialRefundsArePendingThenSuccessThenTooMuch) {
  const auto pay = captured("e2e-rzp-refunds", 10000);
  ASSERT_FALSE(pay.empty());
  v1::Refund normal, instant;
  auto s = refund(pay, "e2e-rzp-refund-n", 2000, 10000, v1::REFUND_SPEED_NORMAL, &normal);
  ASSERT_TRUE(s.ok()) << describe(s);
  s = refund(pay, "e2e-rzp-refund-i", 3000, 10000, v1::REFUND_SPEED_INSTANT, &instant);
  ASSERT_TRUE(s.ok()) << describe(s);
  for (const auto* r : {&normal, &instant}) {
    EXPECT_EQ(r->status(), v1::REFUND_STATUS_PENDING) << r->DebugString();
    EXPECT_TRUE(starts_with(r->connector_refund_id(), "rfnd_")) << r->DebugString();
    EXPECT_EQ(r->connector_payment_id(), pay);
    EXPECT_EQ(r->amount().currency_code(), "INR");
  }
  EXPECT_EQ(normal.amount().minor_amount(), 2000);
  EXPECT_EQ(instant.amount().minor_amount(), 3000);
  EXPECT_EQ(normal.merchant_reference(), "e2e-rzp-refund-n");
  EXPECT_EQ(rzp::sim_payment(pay).at("amount_refunded"), 5000);
  // NORMAL → speed "normal", INSTANT → "optimum" (Razorpay's instant-where-possible).
  EXPECT_EQ(
      rzp::api_get("/razorpay/v1/refunds/" + normal.connector_refund_id()).at("speed_requested"),
      "normal");
  EXPECT_EQ(
      rzp::api_get("/razorpay/v1/refunds/" + instant.connector_refund_id()).at("speed_requested"),
      "optimum");
  for (const auto* r : {&normal, &instant}) {
    v1::Refund later;
    EXPECT_TRUE(eventually(
        [&] {
          later = get_refund(r->connector_refund_id(), pay);
          return later.status() != v1::REFUND_STATUS_PENDING;
        },
        std::chrono::seconds(3)));
    EXPECT_EQ(later.status(), v1::REFUND_STATUS_SUCCESS) << later.DebugString();
    EXPECT_EQ(later.processor_status(), "processed");
    EXPECT_EQ(later.amount().minor_amount(), r->amount().minor_amount());
    auto hook = rzp::webhook("refund.processed", r->connector_refund_id());
    ASSERT_TRUE(hook.is_object()) << "no refund.processed webhook";
    EXPECT_EQ(hook.at("finalStatus"), 200);
  }
  // 6000 is within the payment (checked by the connector) but above the 5000 left (the sim's).
  const auto before = env().stats().at("razorpay").at("refunds");
  v1::Refund too_much;
  s = refund(pay, "e2e-rzp-refund-x", 6000, 10000, v1::REFUND_SPEED_NORMAL, &too_much);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED") << describe(s);
  EXPECT_NE(s.error_message().find("greater than amount captured"), std::string::npos)
      << describe(s);
  EXPECT_EQ(env().stats().at("razorpay").at("refunds"), before);
  EXPECT_EQ(rzp::sim_payment(pay).at("amount_refunded"), 5000);
}

// The same refund again (same reference, so the same X-Refund-Idempotency key): 409 while the
// first is pending → UNKNOWN OUTCOME_UNKNOWN (never UNAVAILABLE, which meshes resend), retryable;
// once processed, the first refund.
TEST(RazorpayRefunds, RetryWithTheSameKeyIsOutcomeUnknownThenTheFirstRefund) {
  const auto pay = captured("e2e-rzp-refund-retry", 8000);
  ASSERT_FALSE(pay.empty());
  v1::Refund first, again;
  auto s = refund(pay, "e2e-rzp-refund-r", 1000, 8000, v1::REFUND_SPEED_NORMAL, &first);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(first.status(), v1::REFUND_STATUS_PENDING);
  s = refund(pay, "e2e-rzp-refund-r", 1000, 8000, v1::REFUND_SPEED_NORMAL, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNKNOWN) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
  EXPECT_EQ(meta(s, "retryable"), "true");
  EXPECT_TRUE(eventually(
      [&] {
        return get_refund(first.connector_refund_id(), pay).status() != v1::REFUND_STATUS_PENDING;
      },
      std::chrono::seconds(3)));
  s = refund(pay, "e2e-rzp-refund-r", 1000, 8000, v1::REFUND_SPEED_NORMAL, &again);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(again.connector_refund_id(), first.connector_refund_id());
  EXPECT_EQ(again.status(), v1::REFUND_STATUS_SUCCESS);
  EXPECT_EQ(rzp::sim_payment(pay).at("amount_refunded"), 1000);
}

}  // namespace
}  // namespace e2e
