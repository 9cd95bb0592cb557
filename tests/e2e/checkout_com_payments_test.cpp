// Checkout.com over gRPC against the simulator (HTTPS, Checkout.com's wire format): manual and
// automatic capture, partial and multiple captures and refunds with their 202 "accepted" answers
// read back from GET /payments/{id} and /actions, void, the refusals Checkout.com gives (403),
// 3-D Secure through the simulator's challenge page and CompleteAuthorize, tokens, idempotency
// under lost replies, and every documented test card's decline.

#include "harness.hpp"

namespace e2e {
namespace {

std::unique_ptr<grpc::ClientContext> cko_ctx() {
  return ctx(checkout_com_account);
}

v1::AuthorizeRequest cko_authorize(const std::string& reference, bool manual,
                                   const std::string& number = cko_card::visa,
                                   std::int64_t amount = 1050) {
  v1::AuthorizeRequest r;
  r.set_connector("checkout_com");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(amount, "USD");
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number(number);
  card->set_expiry_month(6);
  card->set_expiry_year(2031);
  card->set_cvc(cvv_checkout_com);
  card->set_holder_name("Asha Rao");
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  return r;
}

grpc::Status authorize(const v1::AuthorizeRequest& req, v1::Payment& out) {
  return env().svc.payments->Authorize(cko_ctx().get(), req, &out);
}

grpc::Status get_payment(const std::string& id, v1::Payment& out) {
  v1::GetPaymentRequest g;
  g.set_connector("checkout_com");
  g.set_connector_payment_id(id);
  return env().svc.payments->Get(cko_ctx().get(), g, &out);
}

// Each call its own reference: the derived Cko-Idempotency-Key would replay an earlier capture.
grpc::Status capture(const std::string& id, std::int64_t amount, v1::Payment& out) {
  static int n = 0;
  v1::CaptureRequest c;
  c.set_connector("checkout_com");
  c.set_connector_payment_id(id);
  c.set_merchant_reference("e2e-cko-capture-" + std::to_string(++n));
  *c.mutable_amount_to_capture() = money(amount, "USD");
  *c.mutable_payment_amount() = money(1050, "USD");
  return env().svc.payments->Capture(cko_ctx().get(), c, &out);
}

grpc::Status refund(const std::string& id, std::int64_t amount, v1::Refund& out) {
  static int n = 0;
  v1::RefundRequest r;
  r.set_connector("checkout_com");
  r.set_connector_payment_id(id);
  r.set_merchant_reference("e2e-cko-refund-" + std::to_string(++n));
  *r.mutable_amount() = money(amount, "USD");
  return env().svc.payments->Refund(cko_ctx().get(), r, &out);
}

grpc::Status get_refund(const std::string& payment, const std::string& refund_id, v1::Refund& out) {
  v1::GetRefundRequest g;
  g.set_connector("checkout_com");
  g.set_connector_payment_id(payment);
  g.set_connector_refund_id(refund_id);
  return env().svc.refunds->Get(cko_ctx().get(), g, &out);
}

json sim_payment(const std::string& id) {
  auto r = env().sim_get("/_sim/checkout_com/payments/" + id);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

TEST(CheckoutComPayments, ManualAuthorizeTwoPartialCapturesThenTwoPartialRefunds) {
  v1::Payment auth;
  auto s = authorize(cko_authorize("e2e-cko-manual", true), auth);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED) << auth.DebugString();
  const auto id = auth.connector_payment_id();
  EXPECT_TRUE(starts_with(id, "pay_")) << id;
  EXPECT_EQ(auth.amount().minor_amount(), 1050);

  // Captures are only accepted (202): PENDING with the action id, the payment says the rest.
  v1::Payment cap;
  s = capture(id, 400, cap);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cap.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING) << cap.DebugString();
  EXPECT_TRUE(starts_with(cap.connector_operation_id(), "act_")) << cap.DebugString();
  v1::Payment got;
  ASSERT_TRUE(get_payment(id, got).ok());
  EXPECT_EQ(got.status(), v1::PAYMENT_STATUS_PARTIALLY_CHARGED) << got.DebugString();
  EXPECT_EQ(got.captured_amount().minor_amount(), 400) << got.DebugString();
  auto hook = env().wait_webhook("payment_captured", id);
  ASSERT_TRUE(hook.is_object()) << "no payment_captured webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);

  s = capture(id, 300, cap);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_TRUE(get_payment(id, got).ok());
  EXPECT_EQ(got.captured_amount().minor_amount(), 700) << got.DebugString();
  // More than is left to capture (350): Checkout.com's 403 "Capture not allowed".
  s = capture(id, 400, cap);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);

  v1::Refund r1, r2, seen;
  ASSERT_TRUE(refund(id, 200, r1).ok());
  EXPECT_EQ(r1.status(), v1::REFUND_STATUS_PENDING) << r1.DebugString();
  EXPECT_TRUE(starts_with(r1.connector_refund_id(), "act_")) << r1.DebugString();
  ASSERT_TRUE(refund(id, 300, r2).ok());
  EXPECT_NE(r1.connector_refund_id(), r2.connector_refund_id());
  for (const auto* r : {&r1, &r2}) {
    s = get_refund(id, r->connector_refund_id(), seen);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(seen.status(), v1::REFUND_STATUS_SUCCESS) << seen.DebugString();
  }
  // 700 captured, 500 refunded: 250 is one refund too many.
  s = refund(id, 250, r1);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(sim_payment(id).at("balances").at("total_refunded"), 500);
}

TEST(CheckoutComPayments, AutomaticCaptureFullRefundAndTheDeclinedRefundTrigger) {
  v1::Payment sale;
  auto s = authorize(cko_authorize("e2e-cko-sale", false), sale);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED) << sale.DebugString();
  const auto id = sale.connector_payment_id();

  // An amount ending in 05 is declined by the simulator's acquirer: the 202 still says PENDING,
  // the action then says FAILURE with Checkout.com's response code.
  v1::Refund declined, seen;
  ASSERT_TRUE(refund(id, 105, declined).ok());
  EXPECT_EQ(declined.status(), v1::REFUND_STATUS_PENDING);
  s = get_refund(id, declined.connector_refund_id(), seen);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(seen.status(), v1::REFUND_STATUS_FAILURE) << seen.DebugString();
  EXPECT_EQ(seen.error().processor_code(), "20005") << seen.DebugString();
  auto hook = env().wait_webhook("payment_refund_declined", id);
  ASSERT_TRUE(hook.is_object()) << "no payment_refund_declined webhook";

  v1::Refund all;
  ASSERT_TRUE(refund(id, 1050, all).ok());
  s = get_refund(id, all.connector_refund_id(), seen);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(seen.status(), v1::REFUND_STATUS_SUCCESS);
  v1::Payment got;
  ASSERT_TRUE(get_payment(id, got).ok());
  EXPECT_EQ(got.processor_status(), "Refunded") << got.DebugString();
  // An action id that is not among the payment's actions.
  s = get_refund(id, "act_aaaaaaaaaaaaaaaaaaaaaaaaaa", seen);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(seen.status(), v1::REFUND_STATUS_PENDING) << seen.DebugString();
}

TEST(CheckoutComPayments, CaptureWithoutAmountTakesTheWholeAuthorization) {
  v1::Payment auth, cap, got;
  ASSERT_TRUE(authorize(cko_authorize("e2e-cko-full-capture", true), auth).ok());
  v1::CaptureRequest c;
  c.set_connector("checkout_com");
  c.set_connector_payment_id(auth.connector_payment_id());
  c.set_merchant_reference("e2e-cko-full-capture");
  auto s = env().svc.payments->Capture(cko_ctx().get(), c, &cap);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cap.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING) << cap.DebugString();
  ASSERT_TRUE(get_payment(auth.connector_payment_id(), got).ok());
  EXPECT_EQ(got.status(), v1::PAYMENT_STATUS_CHARGED) << got.DebugString();
  EXPECT_EQ(got.captured_amount().minor_amount(), 1050);
}

TEST(CheckoutComPayments, VoidBeforeCaptureAndNotAfter) {
  v1::Payment auth, voided, got;
  ASSERT_TRUE(authorize(cko_authorize("e2e-cko-void", true), auth).ok());
  v1::VoidRequest v;
  v.set_connector("checkout_com");
  v.set_connector_payment_id(auth.connector_payment_id());
  v.set_merchant_reference("e2e-cko-void");
  auto s = env().svc.payments->Void(cko_ctx().get(), v, &voided);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(voided.status(), v1::PAYMENT_STATUS_VOID_PENDING) << voided.DebugString();
  ASSERT_TRUE(get_payment(auth.connector_payment_id(), got).ok());
  EXPECT_EQ(got.status(), v1::PAYMENT_STATUS_VOIDED) << got.DebugString();

  v1::Payment sale;
  ASSERT_TRUE(authorize(cko_authorize("e2e-cko-void-late", false), sale).ok());
  v.set_connector_payment_id(sale.connector_payment_id());
  v.set_merchant_reference("e2e-cko-void-late");
  s = env().svc.payments->Void(cko_ctx().get(), v, &voided);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
}

TEST(CheckoutComPayments, ThreeDsChallengePassedThenCompleteAuthorize) {
  auto req = cko_authorize("e2e-cko-3ds", true);
  req.set_return_url(return_url);
  v1::Payment pending;
  ASSERT_TRUE(authorize(req, pending).ok());
  ASSERT_EQ(pending.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << pending.DebugString();
  ASSERT_TRUE(pending.next_action().has_redirect());
  const auto& redirect = pending.next_action().redirect();
  EXPECT_EQ(redirect.method(), v1::HTTP_METHOD_GET);
  const std::string page = "https://127.0.0.1:" + std::to_string(env().sim_port);
  ASSERT_TRUE(starts_with(redirect.url(), page + "/checkout_com/_3ds/sid_")) << redirect.url();
  auto shopper = env().sim_get(redirect.url().substr(page.size()));
  ASSERT_EQ(shopper.status, 302) << shopper.body;
  const auto back = shopper.header("location");
  EXPECT_TRUE(starts_with(back, return_url + "?cko-session-id=sid_")) << back;

  v1::CompleteAuthorizeRequest c;
  c.set_connector("checkout_com");
  c.set_connector_payment_id(pending.connector_payment_id());
  (*c.mutable_redirect_payload())["cko-session-id"] = back.substr(back.find('=') + 1);
  c.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  v1::Payment done;
  auto s = env().svc.payments->CompleteAuthorize(cko_ctx().get(), c, &done);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_AUTHORIZED) << done.DebugString();
  EXPECT_EQ(done.connector_payment_id(), pending.connector_payment_id());
}

TEST(CheckoutComPayments, ThreeDsChallengeFailedIsAuthenticationRequired) {
  auto req = cko_authorize("e2e-cko-3ds-fail", false, cko_card::three_ds_fail);
  req.set_return_url(return_url);
  v1::Payment pending;
  ASSERT_TRUE(authorize(req, pending).ok());
  ASSERT_EQ(pending.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << pending.DebugString();
  const std::string page = "https://127.0.0.1:" + std::to_string(env().sim_port);
  auto shopper = env().sim_get(pending.next_action().redirect().url().substr(page.size()));
  ASSERT_EQ(shopper.status, 302) << shopper.body;
  const auto back = shopper.header("location");
  EXPECT_NE(back.find("cko-session-id=sid_"), std::string::npos) << back;

  v1::CompleteAuthorizeRequest c;
  c.set_connector("checkout_com");
  c.set_connector_payment_id(pending.connector_payment_id());
  (*c.mutable_redirect_payload())["cko-session-id"] = back.substr(back.find('=') + 1);
  v1::Payment done;
  auto s = env().svc.payments->CompleteAuthorize(cko_ctx().get(), c, &done);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_FAILURE) << done.DebugString();
  EXPECT_EQ(done.error().decline_code(), v1::DECLINE_CODE_AUTHENTICATION_REQUIRED);
  EXPECT_EQ(done.error().processor_decline_code(), "20154") << done.DebugString();
}

TEST(CheckoutComPayments, CardTokenAuthorizesAndAMalformedOneIsRefusedBeforeAnyCall) {
  auto req = cko_authorize("e2e-cko-token", false);
  req.mutable_payment_method()->mutable_token()->set_token("tok_ubfj2q76miwundwlk72vxt2i7q");
  v1::Payment res;
  auto s = authorize(req, res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();

  const auto before = env().stats().at("checkout_com").at("charges").as_int64();
  req.set_merchant_reference("e2e-cko-token-bad");
  req.mutable_payment_method()->mutable_token()->set_token("card_1234");
  s = authorize(req, res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).metadata().at("field"), "payment_method.token") << describe(s);
  EXPECT_EQ(env().stats().at("checkout_com").at("charges").as_int64(), before);
}

TEST(CheckoutComPayments, LostRepliesAreOutcomeUnknownAndTheRetryChargesOnce) {
  // Every attempt's reply is lost after the payment was made; the pool retried with the same
  // Cko-Idempotency-Key each time.
  env().queue_fault("reset-after-apply", "/checkout_com/payments", 3);
  auto req = cko_authorize("e2e-cko-reset", false);
  v1::Payment res;
  auto s = authorize(req, res);
  ASSERT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
  s = authorize(req, res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  auto state = sim_payment(res.connector_payment_id());
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1) << state;
  EXPECT_EQ(env().stats().at("checkout_com").at("double_charges"), 0);
}

TEST(CheckoutComPayments, StatusFaultsInCheckoutComsShape) {
  // One 500: the pool sends the payment again with the same Cko-Idempotency-Key; one charge.
  env().queue_fault("status:500", "/checkout_com/payments", 1);
  v1::Payment res;
  auto s = authorize(cko_authorize("e2e-cko-500-once", false), res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(sim_payment(res.connector_payment_id()).at("chargesForIdempotencyKey"), 1);
  // 429 on every attempt: rate limited, retryable, nothing charged.
  env().queue_fault("status:429", "/checkout_com/payments", 3);
  s = authorize(cko_authorize("e2e-cko-429", false), res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_RATE_LIMITED") << describe(s);
  EXPECT_EQ(meta(s, "retryable"), "true");
  EXPECT_EQ(env().stats().at("checkout_com").at("double_charges"), 0);
}

TEST(CheckoutComPayments, WrongSecretKeyIsProcessorAuthFailed) {
  auto c = ctx("");
  c->AddMetadata("x-auth-secret-key", "sk_sbox_e2ewrongkeyxxxxxxxxxxxxxxxxx");
  v1::Payment res;
  auto s = env().svc.payments->Authorize(c.get(), cko_authorize("e2e-cko-badkey", false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_AUTH_FAILED") << describe(s);
  EXPECT_EQ(s.error_message().find("e2ewrongkey"), std::string::npos) << s.error_message();
}

TEST(CheckoutComDeclines, EveryDocumentedTestCardDeclinesWithItsResponseCode) {
  const std::map<std::string, v1::DeclineCode> unified{
      {"200N7", v1::DECLINE_CODE_INCORRECT_CVC},
      {"200R3", v1::DECLINE_CODE_BLOCKED},
      {"20001", v1::DECLINE_CODE_REFERRAL},
      {"20012", v1::DECLINE_CODE_NOT_SUPPORTED},
      {"20014", v1::DECLINE_CODE_INVALID_CARD},
      {"20051", v1::DECLINE_CODE_INSUFFICIENT_FUNDS},
      {"20054", v1::DECLINE_CODE_EXPIRED_CARD},
      {"20057", v1::DECLINE_CODE_NOT_SUPPORTED},
      {"20059", v1::DECLINE_CODE_FRAUD_SUSPECTED},
      {"20061", v1::DECLINE_CODE_LIMIT_EXCEEDED},
      {"20062", v1::DECLINE_CODE_BLOCKED},
      {"20063", v1::DECLINE_CODE_BLOCKED},
      {"20068", v1::DECLINE_CODE_ISSUER_UNAVAILABLE},
      {"20078", v1::DECLINE_CODE_BLOCKED}};
  for (const auto& [pan, code] : cko_card::declines) {
    SCOPED_TRACE(code);
    v1::Payment res;
    auto s = authorize(cko_authorize("e2e-cko-decline-" + code, false, pan), res);
    ASSERT_TRUE(s.ok()) << describe(s);  // a decline is a result, not an RPC error
    EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_FAILURE) << res.DebugString();
    EXPECT_EQ(res.processor_status(), "Declined");
    EXPECT_EQ(res.error().processor_decline_code(), code) << res.DebugString();
    EXPECT_EQ(res.error().decline_code(), unified.at(code)) << res.DebugString();
    EXPECT_TRUE(starts_with(res.connector_payment_id(), "pay_"));
  }
  EXPECT_EQ(env().stats().at("checkout_com").at("double_charges"), 0);
}

}  // namespace
}  // namespace e2e
