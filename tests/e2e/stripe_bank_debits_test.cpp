// SEPA Direct Debit and ACH through Stripe over gRPC against the simulator: PENDING while the debit
// is processing, then the bank's answer (the simulator's settle route) by webhook and Get — success
// for Stripe's success IBAN, failure with the bank's reason for its failing one — and what is
// refused before any call (a bad IBAN, another currency, a mandate without its acceptance record,
// manual capture, a connector without debits). ACH first has the shopper confirm Stripe's
// microdeposits (AUTHENTICATION_PENDING with the hosted page).

#include "harness.hpp"

namespace e2e {
namespace {

const std::string good_iban = "DE89 3704 0044 0532 0130 00";  // as a shopper types it
const std::string failing_iban = "DE62370400440532013001";

v1::AuthorizeRequest sepa(const std::string& reference, const std::string& iban,
                          const std::string& connector = "stripe") {
  v1::AuthorizeRequest r;
  r.set_connector(connector);
  r.set_merchant_reference(reference);
  r.set_idempotency_key(reference + "-key");
  *r.mutable_amount() = money(2500, "EUR");
  r.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  auto* d = r.mutable_payment_method()->mutable_sepa_debit();
  d->set_iban(iban);
  d->set_account_holder_name("Jenny Rosen");
  auto* c = r.mutable_customer();
  c->set_email("jenny@example.com");
  c->set_ip_address("203.0.113.7");
  c->set_user_agent("Mozilla/5.0 (X11; Linux x86_64)");
  return r;
}

grpc::Status pay(const v1::AuthorizeRequest& r, v1::Payment& out) {
  return env().svc.payments->Authorize(stripe_ctx().get(), r, &out);
}

void expect_delivered(const std::string& type, const std::string& pi) {
  auto hook = env().wait_webhook(type, pi);
  ASSERT_TRUE(hook.is_object()) << "no " << type << " webhook for " << pi;
  EXPECT_EQ(hook.at("finalStatus"), 200) << boost::json::serialize(hook);
}

// A call refused before it reached the simulator, naming `field`; the IBAN is not echoed.
void expect_refused(const v1::AuthorizeRequest& r, const std::string& field,
                    const std::string& words) {
  auto s = expect_stripe_refused(r, field, words);
  EXPECT_EQ(s.error_message().find("0532013"), std::string::npos) << s.error_message();
}

TEST(StripeBankDebits, SepaDebitIsPendingThenTheBankSettlesIt) {
  v1::Payment p;
  auto s = pay(sepa("e2e-st-sepa-ok", good_iban), p);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(p.status(), v1::PAYMENT_STATUS_PENDING) << p.DebugString();
  EXPECT_EQ(p.processor_status(), "processing");
  const auto pi = p.connector_payment_id();
  ASSERT_TRUE(starts_with(pi, "pi_")) << pi;
  auto state = env().stripe_intent(pi);
  EXPECT_TRUE(starts_with(std::string(state.at("mandate").as_string()), "mandate_")) << state;
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
  expect_delivered("payment_intent.processing", pi);
  EXPECT_EQ(stripe_get(pi).status(), v1::PAYMENT_STATUS_PENDING);

  stripe_settle(pi);
  expect_delivered("payment_intent.succeeded", pi);
  auto later = stripe_get(pi);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_CHARGED) << later.DebugString();
  EXPECT_EQ(later.captured_amount().minor_amount(), 2500);
  EXPECT_EQ(env().stripe_intent(pi).at("chargesForIdempotencyKey"), 1);  // debited once
  // The access log names the account only masked (the e2e log scan bans the full IBAN).
  EXPECT_TRUE(eventually([] {
    return read_file(env().svc.log_path).find("method=sepa_debit:DE89…3000") != std::string::npos;
  }));
}

TEST(StripeBankDebits, FailingIbanIsPendingThenFailsWithTheBankReason) {
  v1::Payment p;
  auto s = pay(sepa("e2e-st-sepa-fail", failing_iban), p);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(p.status(), v1::PAYMENT_STATUS_PENDING) << p.DebugString();
  const auto pi = p.connector_payment_id();
  stripe_settle(pi);
  expect_delivered("payment_intent.payment_failed", pi);
  auto later = stripe_get(pi);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_FAILURE) << later.DebugString();
  EXPECT_EQ(later.error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS);
  EXPECT_EQ(later.error().processor_code(), "insufficient_funds");
}

TEST(StripeBankDebits, DebitRevokedByTheShopperFailsAfterPending) {
  v1::Payment p;
  ASSERT_TRUE(pay(sepa("e2e-st-sepa-revoked", good_iban), p).ok());
  const auto pi = p.connector_payment_id();
  stripe_settle(pi, "failed");
  expect_delivered("payment_intent.payment_failed", pi);
  auto later = stripe_get(pi);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_FAILURE) << later.DebugString();
  EXPECT_EQ(later.error().processor_code(), "debit_not_authorized");
}

TEST(StripeBankDebits, BadIbanIsRefusedBeforeAnyCall) {
  expect_refused(sepa("e2e-st-sepa-bad", "DE89370400440532013001"),
                 "payment_method.sepa_debit.iban", "not a valid IBAN");
}

TEST(StripeBankDebits, SepaOnlyInEuros) {
  auto r = sepa("e2e-st-sepa-usd", good_iban);
  r.mutable_amount()->set_currency_code("USD");
  expect_refused(r, "amount.currency_code", "sepa_debit through the stripe connector takes EUR");
}

TEST(StripeBankDebits, MandateNeedsTheShoppersAcceptanceRecordAndEmail) {
  auto no_ip = sepa("e2e-st-sepa-noip", good_iban);
  no_ip.mutable_customer()->clear_ip_address();
  expect_refused(no_ip, "customer.ip_address", "mandate");
  auto no_agent = sepa("e2e-st-sepa-noua", good_iban);
  no_agent.mutable_customer()->clear_user_agent();
  expect_refused(no_agent, "customer.user_agent", "mandate");
  auto no_email = sepa("e2e-st-sepa-noemail", good_iban);
  no_email.mutable_customer()->clear_email();
  expect_refused(no_email, "customer.email", "mandate");
}

TEST(StripeBankDebits, ManualCaptureIsRefused) {
  auto r = sepa("e2e-st-sepa-manual", good_iban);
  r.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  expect_refused(r, "capture_method", "AUTOMATIC");
}

TEST(StripeBankDebits, ConnectorWithoutDebitsRefusesNamingMethodAndConnector) {
  auto r = sepa("e2e-st-sepa-rzp", good_iban, "razorpay");
  const auto before = env().stats().at("requests");
  v1::Payment out;
  auto s = env().svc.payments->Authorize(razorpay_ctx().get(), r, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_NE(
      s.error_message().find("the razorpay connector does not take payment_method.sepa_debit"),
      std::string::npos)
      << s.error_message();
  EXPECT_EQ(env().stats().at("requests"), before);
}

// --- ACH Direct Debit ------------------------------------------------------------------------

v1::AuthorizeRequest ach(const std::string& reference, const std::string& account,
                         const std::string& routing = "110000000") {
  auto r = sepa(reference, good_iban);
  *r.mutable_amount() = money(4200, "USD");
  auto* d = r.mutable_payment_method()->mutable_ach_debit();
  d->set_account_number(account);
  d->set_routing_number(routing);
  d->set_account_type(v1::BANK_ACCOUNT_TYPE_CHECKING);
  d->set_account_holder_name("Jenny Rosen");
  return r;
}

// The shopper confirms the microdeposits on the page the redirect names; the debit starts.
void verify_microdeposits(const v1::Payment& p) {
  ASSERT_TRUE(p.next_action().has_redirect()) << p.DebugString();
  const auto& url = p.next_action().redirect().url();
  const auto at = url.find("/stripe/microdeposits/");
  ASSERT_NE(at, std::string::npos) << url;
  auto page = env().sim_get(url.substr(at) + "&amounts=32,45");
  EXPECT_EQ(page.status, 200) << page.body;
}

TEST(StripeBankDebits, AchWaitsForMicrodepositsThenIsPendingThenSettles) {
  v1::Payment p;
  auto s = pay(ach("e2e-st-ach-ok", "000123456789"), p);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << p.DebugString();
  const auto pi = p.connector_payment_id();
  verify_microdeposits(p);
  expect_delivered("payment_intent.processing", pi);
  // No return from the bank page: the processing webhook and Get tell the merchant.
  EXPECT_EQ(stripe_get(pi).status(), v1::PAYMENT_STATUS_PENDING);
  stripe_settle(pi);
  expect_delivered("payment_intent.succeeded", pi);
  auto later = stripe_get(pi);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_CHARGED) << later.DebugString();
  EXPECT_EQ(later.captured_amount().minor_amount(), 4200);
  EXPECT_EQ(env().stripe_intent(pi).at("chargesForIdempotencyKey"), 1);
}

TEST(StripeBankDebits, AchInsufficientFundsFailsAfterPending) {
  v1::Payment p;
  ASSERT_TRUE(pay(ach("e2e-st-ach-nsf", "000222222227"), p).ok());
  const auto pi = p.connector_payment_id();
  verify_microdeposits(p);
  stripe_settle(pi);
  expect_delivered("payment_intent.payment_failed", pi);
  auto later = stripe_get(pi);
  EXPECT_EQ(later.status(), v1::PAYMENT_STATUS_FAILURE) << later.DebugString();
  EXPECT_EQ(later.error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS);
}

TEST(StripeBankDebits, AchRefusalsBeforeAnyCall) {
  expect_refused(ach("e2e-st-ach-routing", "000123456789", "110000001"),
                 "payment_method.ach_debit.routing_number", "ABA routing number");
  auto euros = ach("e2e-st-ach-eur", "000123456789");
  euros.mutable_amount()->set_currency_code("EUR");
  expect_refused(euros, "amount.currency_code", "ach_debit through the stripe connector takes USD");
  auto no_agent = ach("e2e-st-ach-noua", "000123456789");
  no_agent.mutable_customer()->clear_user_agent();
  expect_refused(no_agent, "customer.user_agent", "mandate");
}

}  // namespace
}  // namespace e2e
