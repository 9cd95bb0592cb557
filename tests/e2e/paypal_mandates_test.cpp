// PayPal mandates and the PayPal wallet over gRPC against the simulator: a card saved as a Vault
// v3 payment token (setup token → payment token) and charged merchant-initiated, a PayPal wallet
// saved after the payer's approval, a wallet payment approved then completed, revocation, and a
// retried setup that saves nothing twice.

#include "harness.hpp"

namespace e2e {
namespace {

constexpr const char* customer = "e2ecust1001";

std::unique_ptr<grpc::ClientContext> paypal_ctx() {
  return ctx(paypal_account);
}

v1::SetupMandateRequest card_setup(const std::string& reference) {
  v1::SetupMandateRequest r;
  r.set_connector("paypal");
  r.set_merchant_reference(reference);
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number("4012888888881881");
  card->set_expiry_month(12);
  card->set_expiry_year(2031);
  card->set_cvc("123");
  card->set_holder_name("Asha Rao");
  r.mutable_customer()->set_id(customer);
  *r.mutable_amount() = money(0, "USD");  // saving a method charges nothing
  r.set_return_url("https://merchant.example/return");
  return r;
}

v1::SetupMandateRequest wallet_setup(const std::string& reference) {
  auto r = card_setup(reference);
  r.mutable_payment_method()->mutable_paypal();
  return r;
}

v1::SetupMandateResponse setup(const v1::SetupMandateRequest& r) {
  v1::SetupMandateResponse out;
  auto s = env().svc.payments->SetupMandate(paypal_ctx().get(), r, &out);
  EXPECT_TRUE(s.ok()) << describe(s);
  return out;
}

v1::RecurringChargeRequest charge_of(const std::string& mandate, const std::string& reference,
                                     bool manual = false) {
  v1::RecurringChargeRequest r;
  r.set_connector("paypal");
  r.set_merchant_reference(reference);
  r.set_connector_mandate_id(mandate);
  r.set_customer_id(customer);
  *r.mutable_amount() = money(1999, "USD");
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  return r;
}

std::int64_t pp_stat(const char* name) {
  return env().stats().at("paypal").at(name).as_int64();
}

TEST(PayPalMandates, CardMandateChargedTwiceThenRevoked) {
  auto m = setup(card_setup("e2e-pp-mandate-card"));
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE) << m.DebugString();
  const auto mandate = m.mandate().connector_mandate_id();
  EXPECT_FALSE(mandate.empty());
  EXPECT_EQ(m.mandate().customer_id(), customer);

  v1::Payment out;
  auto s =
      env().svc.recurring->Charge(paypal_ctx().get(), charge_of(mandate, "e2e-pp-rec-1"), &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_CHARGED) << out.DebugString();
  EXPECT_EQ(out.amount().minor_amount(), 1999);
  EXPECT_EQ(out.mandate().connector_mandate_id(), mandate);

  v1::Payment held;
  s = env().svc.recurring->Charge(paypal_ctx().get(), charge_of(mandate, "e2e-pp-rec-2", true),
                                  &held);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(held.status(), v1::PAYMENT_STATUS_AUTHORIZED) << held.DebugString();
  EXPECT_NE(held.connector_payment_id(), out.connector_payment_id());

  v1::RevokeMandateRequest rv;
  rv.set_connector("paypal");
  rv.set_connector_mandate_id(mandate);
  rv.set_customer_id(customer);
  v1::RevokeMandateResponse revoked;
  s = env().svc.recurring->Revoke(paypal_ctx().get(), rv, &revoked);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(revoked.status(), v1::MANDATE_STATUS_REVOKED);

  v1::Payment after;
  s = env().svc.recurring->Charge(paypal_ctx().get(), charge_of(mandate, "e2e-pp-rec-3"), &after);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << describe(s);
}

TEST(PayPalMandates, WalletMandateWaitsForThePayerThenFinishesWithTheSetupToken) {
  auto pending = setup(wallet_setup("e2e-pp-mandate-wallet"));
  ASSERT_EQ(pending.status(), v1::MANDATE_STATUS_PENDING) << pending.DebugString();
  ASSERT_TRUE(pending.next_action().has_redirect());
  EXPECT_FALSE(pending.next_action().redirect().url().empty());
  const auto setup_token = pending.connector_payment_id();
  ASSERT_FALSE(setup_token.empty());

  auto approved = env().sim_post("/_sim/paypal/setup-tokens/" + setup_token + "/approve",
                                 boost::json::object{});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto finish = card_setup("e2e-pp-mandate-wallet-finish");
  finish.mutable_payment_method()->mutable_token()->set_token(setup_token);
  auto m = setup(finish);
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE) << m.DebugString();

  v1::Payment out;
  auto s = env().svc.recurring->Charge(
      paypal_ctx().get(), charge_of(m.mandate().connector_mandate_id(), "e2e-pp-rec-wallet"), &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_CHARGED) << out.DebugString();
}

TEST(PayPalMandates, UnapprovedSetupTokenIsNotSaved) {
  auto pending = setup(wallet_setup("e2e-pp-mandate-unapproved"));
  ASSERT_EQ(pending.status(), v1::MANDATE_STATUS_PENDING);
  auto finish = card_setup("e2e-pp-mandate-unapproved-finish");
  finish.mutable_payment_method()->mutable_token()->set_token(pending.connector_payment_id());
  v1::SetupMandateResponse out;
  auto s = env().svc.payments->SetupMandate(paypal_ctx().get(), finish, &out);
  // PayPal's 422 SETUP_TOKEN_NOT_APPROVED: the payer has not approved yet.
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
}

TEST(PayPalMandates, RetriedSetupSavesOnce) {
  const auto before = pp_stat("payment_tokens");
  auto r = card_setup("e2e-pp-mandate-retry");
  r.set_idempotency_key("e2e-pp-mandate-retry-key");
  auto first = setup(r);
  auto second = setup(r);
  ASSERT_EQ(first.status(), v1::MANDATE_STATUS_ACTIVE) << first.DebugString();
  EXPECT_EQ(second.mandate().connector_mandate_id(), first.mandate().connector_mandate_id());
  EXPECT_EQ(pp_stat("payment_tokens"), before + 1);
}

TEST(PayPalMandates, AnotherCustomersMandateIsRefused) {
  auto m = setup(card_setup("e2e-pp-mandate-other"));
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE);
  auto r = charge_of(m.mandate().connector_mandate_id(), "e2e-pp-rec-other");
  r.set_customer_id("someoneelse");
  v1::Payment out;
  auto s = env().svc.recurring->Charge(paypal_ctx().get(), r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
}

TEST(PayPalMandates, WalletPaymentApprovedByThePayerThenCompleted) {
  v1::AuthorizeRequest r;
  r.set_connector("paypal");
  r.set_merchant_reference("e2e-pp-wallet-pay");
  *r.mutable_amount() = money(2500, "USD");
  r.mutable_payment_method()->mutable_paypal();
  r.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url("https://merchant.example/return");
  v1::Payment res;
  auto s = env().svc.payments->Authorize(paypal_ctx().get(), r, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  ASSERT_TRUE(res.next_action().has_redirect());
  const auto order = res.connector_payment_id();
  v1::Payment out;
  s = paypal_approve_and_complete(order, false, out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_CHARGED) << out.DebugString();
  EXPECT_EQ(out.amount().minor_amount(), 2500);
}

}  // namespace
}  // namespace e2e
