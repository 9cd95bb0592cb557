// Stripe Authorize with every simulated test card (card data in payment_method.card), a pm_card_*
// token, 3-D Secure through the simulator's page and CompleteAuthorize, and the dispute card.

#include "harness.hpp"

namespace e2e {
namespace {

v1::Payment authorize(const v1::AuthorizeRequest& req) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

// The webhook for `object_id` reached the service, which verified Stripe-Signature (200).
void expect_delivered(const std::string& type, const std::string& object_id) {
  auto hook = env().wait_webhook(type, object_id);
  ASSERT_TRUE(hook.is_object()) << "no " << type << " webhook for " << object_id;
  EXPECT_EQ(hook.at("processor"), "stripe");
  EXPECT_EQ(hook.at("finalStatus"), 200) << boost::json::serialize(hook);
  EXPECT_EQ(hook.at("state"), "delivered");
}

void expect_decline(const std::string& card, const char* processor_code, const char* raw,
                    v1::DeclineCode code, bool retryable) {
  auto res = authorize(stripe_authorize("e2e-st-decline-" + card.substr(12), card, 2000, false));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_FAILURE) << res.DebugString();
  const auto pi = res.connector_payment_id();
  EXPECT_TRUE(starts_with(pi, "pi_")) << res.DebugString();
  ASSERT_TRUE(res.has_error()) << res.DebugString();
  EXPECT_EQ(res.error().decline_code(), code);
  EXPECT_EQ(res.error().processor_code(), processor_code);
  EXPECT_EQ(res.error().processor_decline_code(), raw);
  EXPECT_EQ(res.error().retryable(), retryable);
  EXPECT_EQ(res.amount().minor_amount(), 2000);
  EXPECT_EQ(res.merchant_reference(), "e2e-st-decline-" + card.substr(12));
  EXPECT_FALSE(res.error().processor_message().empty());
  EXPECT_EQ(res.error().processor_message().find(card), std::string::npos);
  if (!starts_with(pi, "pi_")) return;
  auto state = env().stripe_intent(pi);
  EXPECT_EQ(state.at("status"), "requires_payment_method");
  EXPECT_EQ(state.at("amount_received"), 0);
  expect_delivered("payment_intent.payment_failed", pi);
}

TEST(StripePayments, Card4242ManualIsAuthorized) {
  auto res = authorize(stripe_authorize("e2e-st-4242-manual", stripe_card::visa, 2000, true));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHORIZED) << res.DebugString();
  const auto pi = res.connector_payment_id();
  ASSERT_TRUE(starts_with(pi, "pi_")) << pi;
  EXPECT_EQ(res.amount().minor_amount(), 2000);
  EXPECT_EQ(res.amount().currency_code(), "USD");
  EXPECT_EQ(res.processor_status(), "requires_capture");
  EXPECT_EQ(res.merchant_reference(), "e2e-st-4242-manual");
  EXPECT_FALSE(res.has_error());
  auto state = env().stripe_intent(pi);
  EXPECT_EQ(state.at("status"), "requires_capture");
  EXPECT_EQ(state.at("capture_method"), "manual");
  EXPECT_EQ(state.at("amount_capturable"), 2000);
  EXPECT_EQ(state.at("currency"), "usd");
  expect_delivered("payment_intent.amount_capturable_updated", pi);
}

TEST(StripePayments, Card4242AutomaticIsCharged) {
  auto res = authorize(stripe_authorize("e2e-st-4242-auto", stripe_card::visa, 2100, false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  const auto pi = res.connector_payment_id();
  ASSERT_TRUE(starts_with(pi, "pi_")) << pi;
  EXPECT_EQ(res.processor_status(), "succeeded");
  auto state = env().stripe_intent(pi);
  EXPECT_EQ(state.at("status"), "succeeded");
  EXPECT_EQ(state.at("amount_received"), 2100);
  expect_delivered("payment_intent.succeeded", pi);
}

TEST(StripePayments, TokenPmCardVisaIsCharged) {
  auto res = authorize(stripe_authorize("e2e-st-pm-visa", "pm_card_visa", 1500, false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  ASSERT_TRUE(starts_with(res.connector_payment_id(), "pi_"));
  EXPECT_EQ(env().stripe_intent(res.connector_payment_id()).at("amount_received"), 1500);
}

TEST(StripePayments, Card0002IsGenericDecline) {
  expect_decline(stripe_card::declined, "card_declined", "generic_decline",
                 v1::DECLINE_CODE_GENERIC, false);
}
TEST(StripePayments, Card9995IsInsufficientFunds) {
  expect_decline(stripe_card::insufficient, "card_declined", "insufficient_funds",
                 v1::DECLINE_CODE_INSUFFICIENT_FUNDS, false);
}
TEST(StripePayments, Card9987IsLostCard) {
  expect_decline(stripe_card::lost, "card_declined", "lost_card", v1::DECLINE_CODE_LOST_OR_STOLEN,
                 false);
}
TEST(StripePayments, Card9979IsStolenCard) {
  expect_decline(stripe_card::stolen, "card_declined", "stolen_card",
                 v1::DECLINE_CODE_LOST_OR_STOLEN, false);
}
TEST(StripePayments, Card0069IsExpiredCard) {
  expect_decline(stripe_card::expired, "expired_card", "expired_card",
                 v1::DECLINE_CODE_EXPIRED_CARD, false);
}
TEST(StripePayments, Card0127IsIncorrectCvc) {
  expect_decline(stripe_card::bad_cvc, "incorrect_cvc", "incorrect_cvc",
                 v1::DECLINE_CODE_INCORRECT_CVC, false);
}
TEST(StripePayments, Card0119IsRetryableProcessingError) {
  expect_decline(stripe_card::processing, "processing_error", "processing_error",
                 v1::DECLINE_CODE_PROCESSING_ERROR, true);
}

// 4000000000003220: requires_action → the shopper passes the sim's 3DS page → CompleteAuthorize.
void three_ds_then_complete(bool manual, v1::PaymentStatus want) {
  const std::string ref = manual ? "e2e-st-3220-manual" : "e2e-st-3220-auto";
  auto res = authorize(stripe_authorize(ref, stripe_card::three_ds, 3000, manual));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  const auto pi = res.connector_payment_id();
  ASSERT_TRUE(starts_with(pi, "pi_")) << pi;
  ASSERT_TRUE(res.next_action().has_redirect());
  EXPECT_EQ(env().stripe_intent(pi).at("status"), "requires_action");
  auto location = follow_stripe_3ds(res.next_action().redirect());
  EXPECT_TRUE(starts_with(location, return_url + "?payment_intent=" + pi)) << location;
  EXPECT_NE(location.find("redirect_status=succeeded"), std::string::npos) << location;

  v1::CompleteAuthorizeRequest done;
  done.set_connector("stripe");
  done.set_connector_payment_id(pi);
  done.set_merchant_reference(ref);
  done.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  (*done.mutable_redirect_payload())["payment_intent"] = pi;
  (*done.mutable_redirect_payload())["redirect_status"] = "succeeded";
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(stripe_ctx().get(), done, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), want) << out.DebugString();
  EXPECT_EQ(out.connector_payment_id(), pi);
  EXPECT_EQ(out.merchant_reference(), ref);
  EXPECT_EQ(out.amount().minor_amount(), 3000);
  EXPECT_FALSE(out.has_error());
  EXPECT_EQ(env().stripe_intent(pi).at("status"), manual ? "requires_capture" : "succeeded");
}

TEST(StripePayments, Card3220ThreeDSThenCompleteAuthorizeManualIsAuthorized) {
  three_ds_then_complete(true, v1::PAYMENT_STATUS_AUTHORIZED);
}
TEST(StripePayments, Card3220ThreeDSThenCompleteAuthorizeAutomaticIsCharged) {
  three_ds_then_complete(false, v1::PAYMENT_STATUS_CHARGED);
}

TEST(StripePayments, Card3184IsAuthenticationPending) {
  auto res = authorize(stripe_authorize("e2e-st-3184", stripe_card::always_3ds, 3000, false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  ASSERT_TRUE(starts_with(res.connector_payment_id(), "pi_"));
  ASSERT_TRUE(res.next_action().has_redirect());
  EXPECT_EQ(res.next_action().redirect().method(), v1::HTTP_METHOD_GET);
  EXPECT_EQ(res.processor_status(), "requires_action");
  expect_delivered("payment_intent.requires_action", res.connector_payment_id());
}

TEST(StripePayments, Card0259IsChargedThenDisputed) {
  auto res = authorize(stripe_authorize("e2e-st-0259", stripe_card::dispute, 4000, false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  const auto pi = res.connector_payment_id();
  ASSERT_TRUE(starts_with(pi, "pi_"));
  auto state = env().stripe_intent(pi);
  ASSERT_TRUE(state.at("dispute").is_string()) << boost::json::serialize(state);
  const std::string dp(state.at("dispute").as_string());
  EXPECT_TRUE(starts_with(dp, "dp_")) << dp;
  expect_delivered("charge.dispute.created", dp);
  auto dispute = env().sim_get("/_sim/stripe/disputes/" + dp);
  ASSERT_EQ(dispute.status, 200) << dispute.body;
  EXPECT_EQ(dispute.json().at("status"), "needs_response");
  EXPECT_EQ(dispute.json().at("reason"), "fraudulent");
  EXPECT_EQ(dispute.json().at("amount"), 4000);
}

}  // namespace
}  // namespace e2e
