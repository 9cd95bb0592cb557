// PayPal over gRPC against the simulator (HTTPS, PayPal's wire format): OAuth2 token fetched
// once, card orders authorized or captured, partial capture then refund, void, a declined card,
// 3-D Secure through the payer's approval and CompleteAuthorize, and signed webhooks verified with
// the certificate the simulator serves.

#include <set>

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

v1::Payment authorize(const v1::AuthorizeRequest& req) {
  v1::Payment res;
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
  v1::Payment captured;
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
  v1::Refund refunded;
  s = env().svc.payments->Refund(paypal_ctx().get(), ref, &refunded);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(refunded.status(), v1::REFUND_STATUS_SUCCESS) << refunded.DebugString();
  EXPECT_EQ(refunded.amount().minor_amount(), 300);

  v1::GetRefundRequest get;
  get.set_connector("paypal");
  get.set_connector_refund_id(refunded.connector_refund_id());
  get.set_connector_payment_id(order);
  v1::Refund again;
  s = env().svc.refunds->Get(paypal_ctx().get(), get, &again);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(again.status(), v1::REFUND_STATUS_SUCCESS);
}

TEST(PayPalPayments, FullCaptureThenSeveralPartialRefundsUntilNothingIsLeft) {
  auto auth = authorize(pp_authorize("e2e-pp-full", true));
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED) << auth.DebugString();
  const auto order = auth.connector_payment_id();
  v1::CaptureRequest cap;  // no amount_to_capture: the whole authorization
  cap.set_connector("paypal");
  cap.set_connector_payment_id(order);
  cap.set_merchant_reference("e2e-pp-full-capture");
  v1::Payment captured;
  auto s = env().svc.payments->Capture(paypal_ctx().get(), cap, &captured);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(captured.status(), v1::PAYMENT_STATUS_CHARGED) << captured.DebugString();
  EXPECT_EQ(captured.captured_amount().minor_amount(), 1050) << captured.DebugString();

  const auto refunds_before = pp_stat("refunds");
  auto refund = [&](const std::string& reference, std::int64_t minor, v1::Refund& out) {
    v1::RefundRequest r;
    r.set_connector("paypal");
    r.set_connector_payment_id(order);
    r.set_merchant_reference(reference);
    *r.mutable_amount() = money(minor, "USD");
    *r.mutable_payment_amount() = money(1050, "USD");
    return env().svc.payments->Refund(paypal_ctx().get(), r, &out);
  };
  std::set<std::string> ids;
  for (auto [reference, minor] :
       {std::pair{"e2e-pp-full-r1", 300}, std::pair{"e2e-pp-full-r2", 300},
        std::pair{"e2e-pp-full-r3", 450}}) {
    v1::Refund out;
    s = refund(reference, minor, out);
    ASSERT_TRUE(s.ok()) << reference << ": " << describe(s);
    EXPECT_EQ(out.status(), v1::REFUND_STATUS_SUCCESS) << out.DebugString();
    EXPECT_EQ(out.amount().minor_amount(), minor);
    ids.insert(out.connector_refund_id());
  }
  EXPECT_EQ(ids.size(), 3u);  // three refunds, not one replayed
  v1::Refund over;
  s = refund("e2e-pp-full-r4", 100, over);
  EXPECT_FALSE(s.ok() && over.status() == v1::REFUND_STATUS_SUCCESS)
      << "a refund beyond the captured amount succeeded: " << over.DebugString();
  EXPECT_EQ(pp_stat("refunds"), refunds_before + 3);
}

TEST(PayPalPayments, AutomaticCaptureIsChargedAndGetReadsTheOrder) {
  auto res = authorize(pp_authorize("e2e-pp-auto", false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  v1::GetPaymentRequest get;
  get.set_connector("paypal");
  get.set_connector_payment_id(res.connector_payment_id());
  v1::Payment again;
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
  v1::Payment out;
  auto s = env().svc.payments->Void(paypal_ctx().get(), v, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_VOIDED) << out.DebugString();
}

TEST(PayPalPayments, DeclinedCardIsAFailureWithTheDecline) {
  auto res = authorize(pp_authorize("e2e-pp-declined", false, "CCREJECT-IF"));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_FAILURE) << res.DebugString();
  EXPECT_EQ(res.error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS) << res.DebugString();
  EXPECT_EQ(res.error().processor_code(), "5120");
}

TEST(PayPalPayments, ThreeDSecureNeedsThePayerThenCompleteAuthorizes) {
  auto res = authorize(pp_authorize("e2e-pp-3ds", true, "Asha Rao", pp_3ds_card));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  ASSERT_TRUE(res.next_action().has_redirect());
  EXPECT_FALSE(res.next_action().redirect().url().empty());
  const auto order = res.connector_payment_id();
  v1::Payment out;
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

// PayPal revokes a token early (the simulator expires every issued one): the call answered 401
// gets one new token and the same step again, and the client sees only the success.
TEST(PayPalPayments, RevokedTokenIsRenewedOnceAndTheCallSucceeds) {
  ASSERT_EQ(authorize(pp_authorize("e2e-pp-token-before", false)).status(),
            v1::PAYMENT_STATUS_CHARGED);
  const auto requests_before = pp_stat("token_requests");
  const auto charges_before = pp_stat("charges");
  const auto refused_before = pp_stat("invalid_tokens");
  auto expired = env().sim_post("/_sim/paypal/tokens/expire", boost::json::object{});
  ASSERT_EQ(expired.status, 200) << expired.body;
  auto res = authorize(pp_authorize("e2e-pp-token-after", false));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  EXPECT_EQ(pp_stat("invalid_tokens"), refused_before + 1);  // one 401, then the new token
  EXPECT_EQ(pp_stat("token_requests"), requests_before + 1);
  EXPECT_EQ(pp_stat("charges"), charges_before + 1);  // the refused call charged nothing
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
