// Stripe mandates: SetupMandate (Customer + PaymentMethod + SetupIntent), off-session
// RecurringService.Charge, a card that always wants 3DS, and Revoke (detach).

#include "harness.hpp"

namespace e2e {
namespace {

v1::SetupMandateResponse setup(const std::string& reference, const std::string& number) {
  v1::SetupMandateRequest req;
  req.set_connector("stripe");
  req.set_merchant_reference(reference);
  if (starts_with(number, "pm_")) {
    req.mutable_payment_method()->mutable_token()->set_token(number);
  } else {
    auto* card = req.mutable_payment_method()->mutable_card();
    card->set_number(number);
    card->set_expiry_month(4);
    card->set_expiry_year(2031);
    card->set_cvc(cvc_stripe);
    card->set_holder_name("Jenny Rosen");
  }
  req.mutable_customer()->set_id("e2e-shopper-" + reference);
  req.mutable_customer()->set_email("jenny@example.com");
  req.mutable_customer()->set_name("Jenny Rosen");
  *req.mutable_amount() = money(0, "USD");  // a SetupIntent charges nothing
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  req.set_return_url(return_url);
  v1::SetupMandateResponse res;
  auto s = env().svc.payments->SetupMandate(stripe_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_TRUE(starts_with(res.connector_payment_id(), "seti_")) << res.DebugString();
  return res;
}

grpc::Status charge(const v1::Mandate& mandate, const std::string& reference, v1::Payment* out) {
  v1::RecurringChargeRequest req;
  req.set_connector("stripe");
  req.set_merchant_reference(reference);
  req.set_connector_mandate_id(mandate.connector_mandate_id());
  req.set_customer_id(mandate.customer_id());
  *req.mutable_amount() = money(1200, "USD");
  req.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  return env().svc.recurring->Charge(stripe_ctx().get(), req, out);
}

void expect_mandate_ids(const v1::SetupMandateResponse& res) {
  EXPECT_TRUE(starts_with(res.mandate().connector_mandate_id(), "pm_")) << res.DebugString();
  EXPECT_TRUE(starts_with(res.mandate().customer_id(), "cus_")) << res.DebugString();
}

TEST(StripeMandates, Card4242SetupChargeOffSessionRevoke) {
  auto m = setup("e2e-st-mandate-4242", stripe_card::visa);
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE) << m.DebugString();
  expect_mandate_ids(m);
  EXPECT_EQ(m.processor_status(), "succeeded");
  auto hook = env().wait_webhook("setup_intent.succeeded", m.connector_payment_id());
  ASSERT_TRUE(hook.is_object()) << "no setup_intent.succeeded webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);

  v1::Payment charged;
  auto s = charge(m.mandate(), "e2e-st-mandate-4242-charge", &charged);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(charged.status(), v1::PAYMENT_STATUS_CHARGED) << charged.DebugString();
  ASSERT_TRUE(starts_with(charged.connector_payment_id(), "pi_"));
  EXPECT_EQ(charged.mandate().connector_mandate_id(), m.mandate().connector_mandate_id());
  auto state = env().stripe_intent(charged.connector_payment_id());
  EXPECT_EQ(state.at("amount_received"), 1200);
  EXPECT_EQ(state.at("off_session"), true);
  EXPECT_EQ(state.at("customer"), m.mandate().customer_id().c_str());

  v1::RevokeMandateRequest revoke;
  revoke.set_connector("stripe");
  revoke.set_connector_mandate_id(m.mandate().connector_mandate_id());
  revoke.set_customer_id(m.mandate().customer_id());
  v1::RevokeMandateResponse rres;
  s = env().svc.recurring->Revoke(stripe_ctx().get(), revoke, &rres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rres.status(), v1::MANDATE_STATUS_REVOKED) << rres.DebugString();
  EXPECT_FALSE(rres.has_error());

  // The detached method no longer belongs to the customer: Stripe refuses the charge.
  v1::Payment after;
  s = charge(m.mandate(), "e2e-st-mandate-4242-charge-2", &after);
  EXPECT_FALSE(s.ok()) << after.DebugString();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED") << describe(s);
}

TEST(StripeMandates, TokenAuthenticationRequiredOnSetupThen3DSThenOffSessionCharge) {
  auto m = setup("e2e-st-mandate-onsetup", "pm_card_authenticationRequiredOnSetup");
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_PENDING) << m.DebugString();
  expect_mandate_ids(m);
  ASSERT_TRUE(m.next_action().has_redirect());
  auto location = follow_stripe_3ds(m.next_action().redirect());
  EXPECT_TRUE(starts_with(location, return_url + "?setup_intent=" + m.connector_payment_id()))
      << location;
  auto hook = env().wait_webhook("setup_intent.succeeded", m.connector_payment_id());
  ASSERT_TRUE(hook.is_object()) << "no setup_intent.succeeded webhook after 3DS";
  EXPECT_EQ(hook.at("finalStatus"), 200);

  v1::Payment charged;
  auto s = charge(m.mandate(), "e2e-st-mandate-onsetup-charge", &charged);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(charged.status(), v1::PAYMENT_STATUS_CHARGED) << charged.DebugString();
  EXPECT_TRUE(starts_with(charged.connector_payment_id(), "pi_"));
}

TEST(StripeMandates, Card3184OffSessionChargeIsAuthenticationRequired) {
  auto m = setup("e2e-st-mandate-3184", stripe_card::always_3ds);
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_PENDING) << m.DebugString();
  expect_mandate_ids(m);
  ASSERT_TRUE(m.next_action().has_redirect());
  follow_stripe_3ds(m.next_action().redirect());

  // A result, not an RPC error: the merchant brings the customer back on session.
  v1::Payment res;
  auto s = charge(m.mandate(), "e2e-st-mandate-3184-charge", &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_FAILURE) << res.DebugString();
  ASSERT_TRUE(res.has_error());
  EXPECT_EQ(res.error().decline_code(), v1::DECLINE_CODE_AUTHENTICATION_REQUIRED);
  EXPECT_EQ(res.error().processor_code(), "authentication_required");
  EXPECT_TRUE(starts_with(res.connector_payment_id(), "pi_")) << res.DebugString();
  EXPECT_FALSE(res.has_mandate());
  auto hook = env().wait_webhook("payment_intent.payment_failed", res.connector_payment_id());
  ASSERT_TRUE(hook.is_object()) << "no payment_intent.payment_failed webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(StripeMandates, ChargeNeedsStripeIds) {
  v1::Mandate bogus;
  bogus.set_connector_mandate_id("pm_abc");
  bogus.set_customer_id("merchant-customer-7");
  v1::Payment res;
  auto s = charge(bogus, "e2e-st-mandate-badids", &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "customer_id") << describe(s);
}

}  // namespace
}  // namespace e2e
