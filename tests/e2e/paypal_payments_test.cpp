// PayPal over gRPC against the simulator (HTTPS, PayPal's wire format): OAuth2 token fetched
// once, card orders authorized or captured, partial capture then refund, void, a declined card,
// 3-D Secure through the payer's approval and CompleteAuthorize, and signed webhooks verified with
// the certificate the simulator serves.

#include "harness.hpp"

namespace e2e {
namespace {

constexpr const char* pp_card = "4012888888881881";
constexpr const char* pp_3ds_card = "4868719460707704";  // the simulator's "payer action" card

std::unique_ptr<grpc::ClientContext> paypal_ctx() {
  return ctx(paypal_account);
}

v1::AuthorizeRequest pp_authorize(const std::string& reference, bool manual,
                                  const std::string& holder = "Asha Rao",
                                  const std::string& number = pp_card) {
  return paypal_card_authorize(reference, manual, holder, number);
}

v1::PaymentResponse authorize(const v1::AuthorizeRequest& req) {
  v1::PaymentResponse res;
  auto s = env().svc.payments->Authorize(paypal_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

std::int64_t pp_stat(const char* name) {
  auto st = env().stats();
  return st.at("paypal").at(name).as_int64();
}

TEST(PayPalPayments, ManualAuthorizePartialCaptureThenRefund) {
  auto auth = authorize(pp_authorize("e2e-pp-manual", true));
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED) << auth.DebugString();
  const auto order = auth.connector_payment_id();
  EXPECT_FALSE(order.empty());
  EXPECT_FALSE(auth.connector_operation_id().empty());  // the authorization
  EXPECT_EQ(auth.amount().minor_amount(), 1050);

  v1::CaptureRequest cap;
  cap.set_connector("paypal");
  cap.set_connector_payment_id(order);
  cap.set_merchant_reference("e2e-pp-capture");
  *cap.mutable_amount_to_capture() = money(400, "USD");
  *cap.mutable_payment_amount() = money(1050, "USD");
  v1::PaymentResponse captured;
  auto s = env().svc.payments->Capture(paypal_ctx().get(), cap, &captured);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(captured.status(), v1::PAYMENT_STATUS_PARTIALLY_CHARGED) << captured.DebugString();
  EXPECT_EQ(captured.connector_payment_id(), order);

  v1::RefundRequest ref;
  ref.set_connector("paypal");
  ref.set_connector_payment_id(order);
  ref.set_merchant_reference("e2e-pp-refund");
  *ref.mutable_amount() = money(300, "USD");
  *ref.mutable_payment_amount() = money(400, "USD");
  v1::RefundResponse refunded;
  s = env().svc.payments->Refund(paypal_ctx().get(), ref, &refunded);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(refunded.status(), v1::REFUND_STATUS_SUCCESS) << refunded.DebugString();
  EXPECT_EQ(refunded.amount().minor_amount(), 300);

  v1::GetRefundRequest get;
  get.set_connector("paypal");
  get.set_connector_refund_id(refunded.connector_refund_id());
  get.set_connector_payment_id(order);
  v1::RefundResponse again;
  s = env().svc.refunds->Get(paypal_ctx().get(), get, &again);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(again.status(), v1::REFUND_STATUS_SUCCESS);
}

TEST(PayPalPayments, AutomaticCaptureIsChargedAndGetReadsTheOrder) {
  auto res = authorize(pp_authorize("e2e-pp-auto", false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  v1::GetPaymentRequest get;
  get.set_connector("paypal");
  get.set_connector_payment_id(res.connector_payment_id());
  v1::PaymentResponse again;
  auto s = env().svc.payments->Get(paypal_ctx().get(), get, &again);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(again.status(), v1::PAYMENT_STATUS_CHARGED) << again.DebugString();
}

TEST(PayPalPayments, VoidOfAnAuthorization) {
  auto auth = authorize(pp_authorize("e2e-pp-void", true));
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED);
  v1::VoidRequest v;
  v.set_connector("paypal");
  v.set_connector_payment_id(auth.connector_payment_id());
  v.set_merchant_reference("e2e-pp-void");
  v1::PaymentResponse out;
  auto s = env().svc.payments->Void(paypal_ctx().get(), v, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_VOIDED) << out.DebugString();
}

TEST(PayPalPayments, DeclinedCardIsAFailureWithTheDecline) {
  auto res = authorize(pp_authorize("e2e-pp-declined", false, "CCREJECT-IF"));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_FAILURE) << res.DebugString();
  EXPECT_EQ(res.error().code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS) << res.DebugString();
  EXPECT_EQ(res.error().processor_code(), "5120");
}

TEST(PayPalPayments, ThreeDSecureNeedsThePayerThenCompleteAuthorizes) {
  auto res = authorize(pp_authorize("e2e-pp-3ds", true, "Asha Rao", pp_3ds_card));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  ASSERT_TRUE(res.has_redirect());
  EXPECT_FALSE(res.redirect().url().empty());
  const auto order = res.connector_payment_id();
  v1::PaymentResponse out;
  auto s = paypal_approve_and_complete(order, true, out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_AUTHORIZED) << out.DebugString();
}

TEST(PayPalPayments, OneAccessTokenForManyCalls) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(authorize(pp_authorize("e2e-pp-token-" + std::to_string(i), true)).status(),
              v1::PAYMENT_STATUS_AUTHORIZED);
  EXPECT_EQ(pp_stat("token_requests"), 1);
}

TEST(PayPalPayments, SignedWebhooksAreVerifiedWithTheServedCertificate) {
  auto res = authorize(pp_authorize("e2e-pp-webhook", false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  const std::string verified =
      R"(connector_service_webhooks_total{connector="paypal",result="verified"})";
  EXPECT_TRUE(
      eventually([&] { return metric_value(env().svc, verified) >= 1; }, std::chrono::seconds(10)))
      << "no PayPal webhook verified; rejected: "
      << metric_value(env().svc,
                      R"(connector_service_webhooks_total{connector="paypal",result="rejected"})");
}

}  // namespace
}  // namespace e2e
