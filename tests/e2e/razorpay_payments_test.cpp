// Razorpay Authorize over gRPC: the two-step card flow (order, then payment) through the
// simulator's bank page and CompleteAuthorize with the checkout signature, a failed bank page, a
// failed second step, UPI collect settling later, and UPI intent: the app link as
// next_action.deep_link, then the shopper's app approving or declining.

#include <regex>

#include "razorpay.hpp"

namespace e2e {
namespace {

v1::Payment authorize(const v1::AuthorizeRequest& req) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(razorpay_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

v1::Payment get(const std::string& pay) {
  v1::GetPaymentRequest req;
  req.set_connector("razorpay");
  req.set_connector_payment_id(pay);
  v1::Payment res;
  auto s = env().svc.payments->Get(razorpay_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

// Polls Get until the payment leaves PENDING (≤ 3 s).
v1::Payment settled(const std::string& pay) {
  v1::Payment later;
  EXPECT_TRUE(eventually(
      [&] {
        later = get(pay);
        return later.status() != v1::PAYMENT_STATUS_PENDING;
      },
      std::chrono::seconds(3)));
  return later;
}

TEST(RazorpayPayments, CardTwoStepsBankPageThenCompleteIsAuthorized) {
  auto res = authorize(rzp::card_authorize("e2e-rzp-card-ok", 50000, true));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  const auto pay = res.connector_payment_id();
  const auto order = res.connector_operation_id();
  ASSERT_TRUE(starts_with(pay, "pay_")) << res.DebugString();
  ASSERT_TRUE(starts_with(order, "order_")) << res.DebugString();
  EXPECT_EQ(res.processor_status(), "created");
  EXPECT_EQ(res.amount().minor_amount(), 50000);
  EXPECT_EQ(res.amount().currency_code(), "INR");
  ASSERT_TRUE(res.next_action().has_redirect());
  // The simulator holds the order (receipt = merchant reference) and the created payment.
  auto o = rzp::sim_order(order);
  EXPECT_EQ(o.at("receipt"), "e2e-rzp-card-ok");
  EXPECT_EQ(o.at("amount"), 50000);
  ASSERT_EQ(o.at("payments").as_array().size(), 1u);
  EXPECT_EQ(o.at("payments").as_array()[0], pay.c_str());
  EXPECT_EQ(rzp::sim_payment(pay).at("status"), "created");

  auto params = rzp::bank_page(res.next_action().redirect(), "success");
  EXPECT_EQ(params["razorpay_payment_id"], pay);
  EXPECT_EQ(params["razorpay_order_id"], order);
  // The checkout signature, recomputed here with the key secret.
  EXPECT_EQ(params["razorpay_signature"], hmac_hex(razorpay_key_secret, order + "|" + pay));

  v1::Payment out;
  auto s = rzp::complete(pay, params, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_AUTHORIZED) << out.DebugString();
  EXPECT_EQ(out.connector_payment_id(), pay);
  EXPECT_EQ(out.processor_status(), "authorized");
  EXPECT_EQ(out.amount().minor_amount(), 50000);
  EXPECT_FALSE(out.has_error());
  EXPECT_EQ(rzp::sim_payment(pay).at("status"), "authorized");
  auto hook = rzp::webhook("payment.authorized", pay);
  ASSERT_TRUE(hook.is_object()) << "no payment.authorized webhook for " << pay;
  EXPECT_EQ(hook.at("finalStatus"), 200) << boost::json::serialize(hook);
}

TEST(RazorpayPayments, TamperedCheckoutSignatureIsBadSignatureWithoutACall) {
  auto res = authorize(rzp::card_authorize("e2e-rzp-card-tamper", 30000, true));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  auto params = rzp::bank_page(res.next_action().redirect(), "success");
  auto& sig = params["razorpay_signature"];
  ASSERT_EQ(sig.size(), 64u);
  sig[10] = sig[10] == 'a' ? 'b' : 'a';
  const auto before = env().stats().at("requests");
  v1::Payment out;
  auto s = rzp::complete(res.connector_payment_id(), params, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE") << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before) << "a request reached the simulator";
}

TEST(RazorpayPayments, BankPageFailureThenCompleteIsFailure) {
  auto res = authorize(rzp::card_authorize("e2e-rzp-card-fail", 40000, true));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  const auto pay = res.connector_payment_id();
  auto params = rzp::bank_page(res.next_action().redirect(), "failure");
  EXPECT_EQ(params.count("razorpay_signature"), 0u);
  EXPECT_EQ(params["error[reason]"], "authentication_failed");
  v1::Payment out;
  auto s = rzp::complete(pay, params, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_FAILURE) << out.DebugString();
  EXPECT_EQ(out.processor_status(), "failed");
  ASSERT_TRUE(out.has_error());
  EXPECT_EQ(out.error().decline_code(), v1::DECLINE_CODE_AUTHENTICATION_FAILED);
  EXPECT_EQ(out.error().processor_code(), "BAD_REQUEST_ERROR");
  EXPECT_EQ(out.error().processor_decline_code(), "authentication_failed");
  EXPECT_EQ(out.error().processor_message(), params["error[description]"]);
  EXPECT_EQ(rzp::sim_payment(pay).at("status"), "failed");
}

// The payment create answers 500: it may have charged (Razorpay has no idempotency key there), so
// the call is OUTCOME_UNKNOWN naming the order; the retry with the same reference finds that
// order and pays on it — one order, one payment.
TEST(RazorpayPayments, PaymentCreateFailureIsUnknownAndTheRetryUsesTheSameOrder) {
  env().queue_fault("status:500", "/razorpay/v1/payments/create/json");
  v1::Payment res;
  auto s = env().svc.payments->Authorize(
      razorpay_ctx().get(), rzp::card_authorize("e2e-rzp-step2-500", 25000, true), &res);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::UNKNOWN) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
  std::smatch m;
  const std::string msg = s.error_message();
  ASSERT_TRUE(std::regex_search(msg, m, std::regex(R"(finds order (order_[A-Za-z0-9]+))"))) << msg;
  auto order = rzp::sim_order(m[1].str());
  EXPECT_EQ(order.at("receipt"), "e2e-rzp-step2-500");
  EXPECT_EQ(order.at("status"), "created");
  EXPECT_EQ(order.at("successful_payments"), 0);
  EXPECT_TRUE(order.at("payments").as_array().empty()) << boost::json::serialize(order);

  s = env().svc.payments->Authorize(razorpay_ctx().get(),
                                    rzp::card_authorize("e2e-rzp-step2-500", 25000, true), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  EXPECT_EQ(res.connector_operation_id(), m[1].str());  // the same order, no second one
  EXPECT_EQ(rzp::sim_order(m[1].str()).at("payments").as_array().size(), 1u);
  auto listed = rzp::api_get("/razorpay/v1/orders?receipt=e2e-rzp-step2-500");
  ASSERT_TRUE(listed.is_object());
  EXPECT_EQ(listed.at("count"), 1);
}

// The payment create is applied, then answered 500 (the processor charged and said it failed):
// the retry returns the payment the first attempt made instead of creating another.
TEST(RazorpayPayments, ApplyThen500RetryReturnsTheFirstPayment) {
  env().queue_fault("status-after-apply:500", "/razorpay/v1/payments/create/upi");
  v1::Payment res;
  auto req = rzp::upi_authorize("e2e-rzp-apply-500", "success@razorpay", 15000);
  auto s = env().svc.payments->Authorize(razorpay_ctx().get(), req, &res);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::UNKNOWN) << describe(s);
  s = env().svc.payments->Authorize(razorpay_ctx().get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_TRUE(starts_with(res.connector_payment_id(), "pay_")) << res.DebugString();
  auto order = rzp::sim_order(res.connector_operation_id());
  EXPECT_EQ(order.at("payments").as_array().size(), 1u) << boost::json::serialize(order);
}

// Card 4000000000000002 is declined at the bank whatever the shopper does.
TEST(RazorpayPayments, DeclinedCardAtTheBankIsFailureWithTheProcessorError) {
  auto res =
      authorize(rzp::card_authorize("e2e-rzp-declined", 20000, true, razorpay_card::declined));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  auto params = rzp::bank_page(res.next_action().redirect(), "success");
  v1::Payment out;
  auto s = rzp::complete(res.connector_payment_id(), params, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_FAILURE) << out.DebugString();
  EXPECT_EQ(out.error().processor_decline_code(), "payment_declined");
  EXPECT_EQ(out.error().decline_code(), v1::DECLINE_CODE_GENERIC);
  auto order = rzp::sim_order(res.connector_operation_id());
  EXPECT_EQ(order.at("successful_payments"), 0);
}

TEST(RazorpayPayments, UpiSuccessIsPendingThenAuthorizedWithWebhook) {
  auto res = authorize(rzp::upi_authorize("e2e-rzp-upi-ok", "success@razorpay", 15000));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_PENDING) << res.DebugString();
  const auto pay = res.connector_payment_id();
  ASSERT_TRUE(starts_with(pay, "pay_")) << res.DebugString();
  EXPECT_FALSE(res.next_action().has_redirect());
  auto later = settled(pay);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_AUTHORIZED) << later.DebugString();
  auto hook = rzp::webhook("payment.authorized", pay);
  ASSERT_TRUE(hook.is_object()) << "no payment.authorized webhook for " << pay;
  EXPECT_EQ(hook.at("finalStatus"), 200) << boost::json::serialize(hook);
  EXPECT_EQ(hook.at("state"), "delivered");
}

TEST(RazorpayPayments, UpiFailureIsPendingThenFailure) {
  auto res = authorize(rzp::upi_authorize("e2e-rzp-upi-fail", "failure@razorpay", 15000));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_PENDING) << res.DebugString();
  const auto pay = res.connector_payment_id();
  auto later = settled(pay);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_FAILURE) << later.DebugString();
  EXPECT_EQ(later.error().processor_decline_code(), "payment_timed_out");
  EXPECT_EQ(later.error().decline_code(), v1::DECLINE_CODE_CANCELLED);
  auto hook = rzp::webhook("payment.failed", pay);
  ASSERT_TRUE(hook.is_object()) << "no payment.failed webhook for " << pay;
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

// UPI intent: the same request as collect with the intent arm; the answer carries the link that
// opens the shopper's UPI app, and the payment waits for the app.
v1::AuthorizeRequest intent_request(const std::string& reference) {
  auto req = rzp::upi_authorize(reference, "unused@razorpay", 15000);
  req.mutable_payment_method()->mutable_upi_intent();
  return req;
}

void app_answers(const std::string& pay, const std::string& outcome) {
  auto r = env().sim_post("/_sim/razorpay/payments/" + pay + "/upi_app",
                          boost::json::object{{"outcome", outcome}});
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST(RazorpayPayments, UpiIntentGivesTheAppLinkThenTheAppApproves) {
  auto res = authorize(intent_request("e2e-rzp-intent-ok"));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_PENDING) << res.DebugString();
  ASSERT_TRUE(res.next_action().has_deep_link()) << res.DebugString();
  const auto& uri = res.next_action().deep_link().uri();
  EXPECT_TRUE(starts_with(uri, "upi://pay?")) << uri;
  EXPECT_NE(uri.find("am=150.00&cu=INR"), std::string::npos) << uri;
  const auto pay = res.connector_payment_id();
  // Nobody answered in the app yet: still pending.
  EXPECT_EQ(get(pay).status(), v1::PAYMENT_STATUS_PENDING);
  app_answers(pay, "approve");
  auto later = settled(pay);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_AUTHORIZED) << later.DebugString();
  auto hook = rzp::webhook("payment.authorized", pay);
  ASSERT_TRUE(hook.is_object()) << "no payment.authorized webhook for " << pay;
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(RazorpayPayments, UpiIntentDeclinedInTheAppIsFailure) {
  auto res = authorize(intent_request("e2e-rzp-intent-declined"));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_PENDING) << res.DebugString();
  app_answers(res.connector_payment_id(), "decline");
  auto later = settled(res.connector_payment_id());
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_FAILURE) << later.DebugString();
  EXPECT_EQ(later.error().processor_decline_code(), "payment_declined");
}

TEST(RazorpayPayments, UpiIntentNobodyAnswersExpiresAsCancelled) {
  auto res = authorize(intent_request("e2e-rzp-intent-expired"));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_PENDING) << res.DebugString();
  app_answers(res.connector_payment_id(), "expire");
  auto later = settled(res.connector_payment_id());
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_FAILURE) << later.DebugString();
  EXPECT_EQ(later.error().processor_decline_code(), "payment_timed_out");
  EXPECT_EQ(later.error().decline_code(), v1::DECLINE_CODE_CANCELLED);
}

TEST(RazorpayPayments, UpiIntentOnlyInRupees) {
  auto req = intent_request("e2e-rzp-intent-usd");
  req.mutable_amount()->set_currency_code("USD");
  v1::Payment res;
  auto s = env().svc.payments->Authorize(razorpay_ctx().get(), req, &res);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount.currency_code");
  EXPECT_NE(s.error_message().find("upi_intent through the razorpay connector takes INR"),
            std::string::npos)
      << s.error_message();
}

}  // namespace
}  // namespace e2e
