// Mandates: store a card, charge it without the shopper, revoke it.

#include "harness.hpp"

namespace e2e {
namespace {

v1::RecurringChargeRequest charge_request(const std::string& mandate, const std::string& customer,
                                          const std::string& reference) {
  v1::RecurringChargeRequest req;
  req.set_connector("adyen");
  req.set_merchant_reference(reference);
  req.set_connector_mandate_id(mandate);
  req.set_customer_id(customer);
  *req.mutable_amount() = money(1200);
  req.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  req.set_return_url(return_url);
  return req;
}

TEST(Mandates, SetupChargeRevoke) {
  const std::string customer = "e2e-shopper-1";
  v1::SetupMandateRequest setup;
  setup.set_connector("adyen");
  setup.set_merchant_reference("e2e-mandate-setup");
  auto* card = setup.mutable_payment_method()->mutable_card();
  card->set_number(mastercard);
  card->set_expiry_month(3);
  card->set_expiry_year(2030);
  card->set_cvc(cvc_mc);
  card->set_holder_name("APPROVED");
  setup.mutable_customer()->set_id(customer);
  setup.mutable_customer()->set_email("shopper@example.com");
  *setup.mutable_amount() = money(0);
  setup.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  setup.set_return_url(return_url);
  v1::SetupMandateResponse mres;
  auto s = env().svc.payments->SetupMandate(ctx().get(), setup, &mres);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(mres.status(), v1::MANDATE_STATUS_ACTIVE) << mres.DebugString();
  const auto mandate = mres.mandate().connector_mandate_id();
  ASSERT_FALSE(mandate.empty());
  EXPECT_EQ(mres.mandate().customer_id(), customer);
  EXPECT_EQ(mres.payment_status(), v1::PAYMENT_STATUS_AUTHORIZED);
  EXPECT_FALSE(mres.connector_payment_id().empty());
  auto contract = env().wait_webhook("RECURRING_CONTRACT", mandate);
  ASSERT_TRUE(contract.is_object()) << "no RECURRING_CONTRACT webhook";
  EXPECT_EQ(contract.at("finalStatus"), 200);

  v1::Payment charged;
  s = env().svc.recurring->Charge(
      ctx().get(), charge_request(mandate, customer, "e2e-mandate-charge-1"), &charged);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(charged.status(), v1::PAYMENT_STATUS_CHARGED) << charged.DebugString();
  ASSERT_FALSE(charged.connector_payment_id().empty());
  EXPECT_NE(charged.connector_payment_id(), mres.connector_payment_id());
  auto state = env().payment_state(charged.connector_payment_id());
  EXPECT_EQ(state.at("captured"), 1200);

  v1::RevokeMandateRequest revoke;
  revoke.set_connector("adyen");
  revoke.set_connector_mandate_id(mandate);
  revoke.set_customer_id(customer);
  v1::RevokeMandateResponse rres;
  s = env().svc.recurring->Revoke(ctx().get(), revoke, &rres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rres.status(), v1::MANDATE_STATUS_REVOKED);

  // The stored method is gone: Adyen answers 422 803, which the connector maps to
  // INVALID_ARGUMENT PROCESSOR_REJECTED.
  v1::Payment after;
  s = env().svc.recurring->Charge(
      ctx().get(), charge_request(mandate, customer, "e2e-mandate-charge-2"), &after);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED");
  EXPECT_EQ(meta(s, "processorCode"), "803") << describe(s);
  EXPECT_EQ(meta(s, "retryable"), "false");

  // Revoking again: the processor no longer knows it.
  s = env().svc.recurring->Revoke(ctx().get(), revoke, &rres);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED");
}

TEST(Mandates, SetupNeedsACustomerId) {
  v1::SetupMandateRequest setup;
  setup.set_connector("adyen");
  setup.set_merchant_reference("e2e-mandate-nocustomer");
  auto* card = setup.mutable_payment_method()->mutable_card();
  card->set_number(visa);
  card->set_expiry_month(3);
  card->set_expiry_year(2030);
  *setup.mutable_amount() = money(0);
  v1::SetupMandateResponse res;
  auto s = env().svc.payments->SetupMandate(ctx().get(), setup, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "customer.id");
}

}  // namespace
}  // namespace e2e
