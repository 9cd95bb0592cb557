// Stripe capture (partial, full, above the authorization), refunds (several partial, then more
// than is left), void, and the lookups Stripe has: PaymentService.Get and RefundService.Get.

#include "harness.hpp"

namespace e2e {
namespace {

std::string authorized(const std::string& reference, std::int64_t minor) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(
      stripe_ctx().get(), stripe_authorize(reference, stripe_card::visa, minor, true), &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHORIZED) << res.DebugString();
  EXPECT_TRUE(starts_with(res.connector_payment_id(), "pi_"));
  return res.connector_payment_id();
}

grpc::Status capture(const std::string& pi, const std::string& reference, std::int64_t minor,
                     std::int64_t payment, v1::Payment* out) {
  v1::CaptureRequest cap;
  cap.set_connector("stripe");
  cap.set_connector_payment_id(pi);
  cap.set_merchant_reference(reference);
  *cap.mutable_amount_to_capture() = money(minor, "USD");
  *cap.mutable_payment_amount() = money(payment, "USD");
  return env().svc.payments->Capture(stripe_ctx().get(), cap, out);
}

grpc::Status refund(const std::string& pi, const std::string& reference, std::int64_t minor,
                    v1::Refund* out) {
  v1::RefundRequest req;
  req.set_connector("stripe");
  req.set_connector_payment_id(pi);
  req.set_merchant_reference(reference);
  *req.mutable_amount() = money(minor, "USD");
  *req.mutable_payment_amount() = money(1000, "USD");
  req.set_reason("requested_by_customer");
  return env().svc.payments->Refund(stripe_ctx().get(), req, out);
}

TEST(StripeModifications, PartialCaptureSeveralRefundsThenTooMuch) {
  const auto pi = authorized("e2e-st-mod-partial", 1000);
  ASSERT_FALSE(pi.empty());
  EXPECT_EQ(stripe_get(pi).status(), v1::PAYMENT_STATUS_AUTHORIZED);

  v1::Payment cres;
  auto s = capture(pi, "e2e-st-mod-partial-cap", 600, 1000, &cres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cres.status(), v1::PAYMENT_STATUS_PARTIALLY_CHARGED) << cres.DebugString();
  EXPECT_EQ(cres.connector_payment_id(), pi);
  EXPECT_EQ(cres.captured_amount().minor_amount(), 600);
  EXPECT_EQ(cres.amount().minor_amount(), 1000);
  // The intent's metadata[merchant_reference]: the payment's reference, not the capture's.
  EXPECT_EQ(cres.merchant_reference(), "e2e-st-mod-partial");
  auto state = env().stripe_intent(pi);
  EXPECT_EQ(state.at("status"), "succeeded");
  EXPECT_EQ(state.at("amount_received"), 600);
  EXPECT_EQ(stripe_get(pi).status(), v1::PAYMENT_STATUS_PARTIALLY_CHARGED);

  v1::Refund r1, r2;
  s = refund(pi, "e2e-st-mod-refund-1", 200, &r1);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(r1.status(), v1::REFUND_STATUS_SUCCESS) << r1.DebugString();
  EXPECT_TRUE(starts_with(r1.connector_refund_id(), "re_")) << r1.connector_refund_id();
  EXPECT_EQ(r1.connector_payment_id(), pi);
  EXPECT_EQ(r1.amount().minor_amount(), 200);
  EXPECT_EQ(r1.amount().currency_code(), "USD");
  EXPECT_EQ(r1.merchant_reference(), "e2e-st-mod-refund-1");
  s = refund(pi, "e2e-st-mod-refund-2", 300, &r2);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(r2.status(), v1::REFUND_STATUS_SUCCESS) << r2.DebugString();
  EXPECT_NE(r2.connector_refund_id(), r1.connector_refund_id());
  auto hook = env().wait_webhook("refund.created", r2.connector_refund_id());
  ASSERT_TRUE(hook.is_object()) << "no refund.created webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);

  // 100 left of the 600 captured: 200 passes the connector's check (≤ payment_amount) and Stripe
  // answers 400 amount_too_large on `amount`.
  v1::Refund r3;
  s = refund(pi, "e2e-st-mod-refund-3", 200, &r3);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED") << describe(s);
  EXPECT_EQ(meta(s, "field"), "stripe.amount") << describe(s);
  EXPECT_EQ(meta(s, "processorCode"), "amount_too_large") << describe(s);
  EXPECT_EQ(meta(s, "retryable"), "false");
  state = env().stripe_intent(pi);
  EXPECT_EQ(state.at("amount_refunded"), 500);

  v1::GetRefundRequest rget;
  rget.set_connector("stripe");
  rget.set_connector_refund_id(r1.connector_refund_id());
  rget.set_connector_payment_id(pi);
  v1::Refund rres;
  s = env().svc.refunds->Get(stripe_ctx().get(), rget, &rres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rres.status(), v1::REFUND_STATUS_SUCCESS) << rres.DebugString();
  EXPECT_EQ(rres.connector_refund_id(), r1.connector_refund_id());
  EXPECT_EQ(rres.amount().minor_amount(), 200);
  EXPECT_EQ(rres.processor_status(), "succeeded");
}

TEST(StripeModifications, FullCaptureIsCharged) {
  const auto pi = authorized("e2e-st-mod-full", 1000);
  ASSERT_FALSE(pi.empty());
  v1::Payment cres;
  auto s = capture(pi, "e2e-st-mod-full-cap", 1000, 1000, &cres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cres.status(), v1::PAYMENT_STATUS_CHARGED) << cres.DebugString();
  EXPECT_EQ(env().stripe_intent(pi).at("amount_received"), 1000);
  auto now = stripe_get(pi);
  EXPECT_EQ(now.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(now.processor_status(), "succeeded");
  EXPECT_EQ(now.amount().minor_amount(), 1000);
}

TEST(StripeModifications, CaptureAboveTheAuthorizationNeverReachesStripe) {
  const auto pi = authorized("e2e-st-mod-over", 1000);
  ASSERT_FALSE(pi.empty());
  const auto before = env().stats().at("requests");
  v1::Payment cres;
  auto s = capture(pi, "e2e-st-mod-over-cap", 1500, 1000, &cres);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount_to_capture.minor_amount") << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before) << "a request reached the simulator";
  auto state = env().stripe_intent(pi);
  EXPECT_EQ(state.at("status"), "requires_capture");
  EXPECT_EQ(state.at("amount_received"), 0);
}

TEST(StripeModifications, VoidIsVoided) {
  const auto pi = authorized("e2e-st-mod-void", 1000);
  ASSERT_FALSE(pi.empty());
  v1::VoidRequest req;
  req.set_connector("stripe");
  req.set_connector_payment_id(pi);
  req.set_merchant_reference("e2e-st-mod-void-1");
  req.set_reason("requested_by_customer");
  v1::Payment res;
  auto s = env().svc.payments->Void(stripe_ctx().get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_VOIDED) << res.DebugString();
  EXPECT_EQ(res.connector_payment_id(), pi);
  EXPECT_EQ(env().stripe_intent(pi).at("status"), "canceled");
  EXPECT_EQ(stripe_get(pi).status(), v1::PAYMENT_STATUS_VOIDED);
  auto hook = env().wait_webhook("payment_intent.canceled", pi);
  ASSERT_TRUE(hook.is_object()) << "no payment_intent.canceled webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);

  // Capturing a canceled intent: Stripe's 400 payment_intent_unexpected_state.
  v1::Payment cres;
  s = capture(pi, "e2e-st-mod-void-cap", 1000, 1000, &cres);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "processorCode"), "payment_intent_unexpected_state") << describe(s);
}

TEST(StripeModifications, GetUnknownIntentIsNotFound) {
  v1::GetPaymentRequest req;
  req.set_connector("stripe");
  req.set_connector_payment_id("pi_doesnotexist0000");
  v1::Payment res;
  auto s = env().svc.payments->Get(stripe_ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED");
}

}  // namespace
}  // namespace e2e
