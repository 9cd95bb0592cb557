// SEPA Direct Debit and ACH Direct Debit through Adyen over gRPC against the simulator: the debit
// is PENDING (Adyen's Received) until the bank answers; the simulator's settle route plays the
// bank and sends the AUTHORISATION notification, which reaches the service's webhook receiver and
// is verified there. Adyen has no API to look a payment up (Get is FAILED_PRECONDITION, see
// payments_test.cpp), so the final status is read the way a merchant reads it: the notification
// the simulator delivered, handed to EventService.HandleWebhook. Bad bank details and a wrong
// currency are refused before any call.

#include "harness.hpp"

namespace e2e {
namespace {

// Test bank details: as secret as a card number (the logs are scanned for them below).
const std::string iban = "DE89370400440532013000";
const std::string iban_bad = "DE89370400440532013001";  // check digits do not match
const std::string account_number = "000123456789";
const std::string routing = "011000015";
const std::string routing_bad = "011000016";  // ABA check digit off by one

v1::AuthorizeRequest debit(const std::string& reference, const std::string& currency) {
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(2500, currency);
  r.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  return r;
}

v1::AuthorizeRequest sepa(const std::string& reference, const std::string& currency = "EUR",
                          const std::string& number = iban) {
  auto r = debit(reference, currency);
  auto* d = r.mutable_payment_method()->mutable_sepa_debit();
  d->set_iban(number);
  d->set_account_holder_name("Anna Schmidt");
  return r;
}

v1::AuthorizeRequest ach(const std::string& reference, const std::string& route = routing) {
  auto r = debit(reference, "USD");
  auto* d = r.mutable_payment_method()->mutable_ach_debit();
  d->set_account_number(account_number);
  d->set_routing_number(route);
  d->set_account_type(v1::BANK_ACCOUNT_TYPE_CHECKING);
  d->set_account_holder_name("John Doe");
  d->set_account_holder_type(v1::ACCOUNT_HOLDER_TYPE_INDIVIDUAL);
  return r;
}

v1::Payment authorize_pending(const v1::AuthorizeRequest& r) {
  v1::Payment p;
  auto s = env().svc.payments->Authorize(ctx().get(), r, &p);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_PENDING) << p.DebugString();
  EXPECT_EQ(p.processor_status(), "Received");
  EXPECT_FALSE(p.connector_payment_id().empty());
  EXPECT_FALSE(p.has_error());
  return p;
}

// The bank's answer: the simulator settles the debit and sends AUTHORISATION; returns the
// notification body it delivered.
std::string bank_answers(const std::string& psp, const std::string& outcome) {
  auto r = env().sim_post("/_sim/adyen/payments/" + psp + "/settle",
                          boost::json::object{{"outcome", outcome}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  return boost::json::serialize(r.json().at("notification"));
}

// The AUTHORISATION reached the service's receiver, which verified its signature (200), and
// the same body read through EventService.HandleWebhook gives the debit's final status.
v1::Event final_event(const std::string& psp, const std::string& body) {
  auto hook = env().wait_webhook("AUTHORISATION", psp);
  EXPECT_TRUE(hook.is_object()) << "no AUTHORISATION webhook for " << psp;
  if (hook.is_object()) {
    EXPECT_EQ(hook.at("finalStatus"), 200);
    EXPECT_EQ(hook.at("state"), "delivered");
  }
  v1::HandleWebhookRequest req;
  req.set_connector("adyen");
  (*req.mutable_headers())["Content-Type"] = "application/json";
  req.set_body(body);
  v1::HandleWebhookResponse res;
  auto s = env().svc.events->HandleWebhook(ctx("demo").get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.events_size(), 1) << res.DebugString();
  return res.events_size() == 1 ? res.events(0) : v1::Event{};
}

void expect_success_after_pending(const v1::AuthorizeRequest& r, const char* method_type) {
  auto p = authorize_pending(r);
  const auto psp = p.connector_payment_id();
  auto state = env().payment_state(psp);
  EXPECT_EQ(state.at("paymentMethod").at("type"), method_type) << state;
  EXPECT_EQ(state.at("status"), "Received");
  // No answer from the bank yet: nothing was sent.
  EXPECT_TRUE(env().wait_webhook("AUTHORISATION", psp, std::chrono::milliseconds(300)).is_null());

  auto e = final_event(psp, bank_answers(psp, "success"));
  EXPECT_EQ(e.type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(e.connector_payment_id(), psp);
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_AUTHORIZED) << e.DebugString();
  EXPECT_EQ(e.merchant_reference(), r.merchant_reference());
  EXPECT_EQ(e.amount().minor_amount(), 2500);
  EXPECT_FALSE(e.has_error());
  EXPECT_EQ(env().payment_state(psp).at("status"), "captured");
}

void expect_failure_after_pending(const v1::AuthorizeRequest& r) {
  auto p = authorize_pending(r);
  const auto psp = p.connector_payment_id();
  auto e = final_event(psp, bank_answers(psp, "failure"));
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_FAILURE) << e.DebugString();
  ASSERT_TRUE(e.has_error()) << e.DebugString();
  EXPECT_EQ(e.error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS);
  EXPECT_EQ(e.error().processor_message(), "Not enough balance");
  EXPECT_EQ(env().payment_state(psp).at("status"), "Refused");
}

// Refused by the service: INVALID_ARGUMENT naming `field` (and `also` in the text), nothing sent.
void expect_refused_before_any_call(const v1::AuthorizeRequest& r, const std::string& field,
                                    const std::string& also) {
  const auto before = env().stats().at("requests");
  v1::Payment p;
  auto s = env().svc.payments->Authorize(ctx().get(), r, &p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), field) << describe(s);
  EXPECT_NE(s.error_message().find(also), std::string::npos) << s.error_message();
  for (const auto& secret : {iban, iban_bad, account_number})
    EXPECT_EQ(s.error_message().find(secret), std::string::npos) << s.error_message();
  EXPECT_EQ(env().stats().at("requests"), before);
}

TEST(AdyenBankDebits, SepaDebitIsPendingThenTheBankCollectsIt) {
  expect_success_after_pending(sepa("e2e-adyen-sepa-ok"), "sepadirectdebit");
}

TEST(AdyenBankDebits, AchDebitIsPendingThenTheBankCollectsIt) {
  expect_success_after_pending(ach("e2e-adyen-ach-ok"), "ach");
}

TEST(AdyenBankDebits, SepaDebitTheBankRefusesIsFailureWithTheReason) {
  expect_failure_after_pending(sepa("e2e-adyen-sepa-refused"));
}

TEST(AdyenBankDebits, AchDebitTheBankRefusesIsFailureWithTheReason) {
  expect_failure_after_pending(ach("e2e-adyen-ach-refused"));
}

// Adyen offers separate captures for SEPA (and ACH) debits: MANUAL is taken; the debit is
// AUTHORIZED once the bank answers and captured afterwards like a card payment.
TEST(AdyenBankDebits, ManualCaptureDebitIsCapturedAfterTheBankAnswers) {
  auto r = sepa("e2e-adyen-sepa-manual");
  r.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  auto p = authorize_pending(r);
  const auto psp = p.connector_payment_id();
  EXPECT_TRUE(env().payment_state(psp).at("manualCapture").as_bool());
  auto e = final_event(psp, bank_answers(psp, "success"));
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_AUTHORIZED) << e.DebugString();
  EXPECT_EQ(env().payment_state(psp).at("status"), "authorised");

  v1::CaptureRequest cap;
  cap.set_connector("adyen");
  cap.set_connector_payment_id(psp);
  cap.set_merchant_reference("e2e-adyen-sepa-manual-capture");
  *cap.mutable_amount_to_capture() = money(2500);
  *cap.mutable_payment_amount() = money(2500);
  v1::Payment captured;
  auto s = env().svc.payments->Capture(ctx().get(), cap, &captured);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(captured.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING);
  auto hook = env().wait_webhook("CAPTURE", captured.connector_operation_id());
  ASSERT_TRUE(hook.is_object()) << "no CAPTURE webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
  EXPECT_EQ(env().payment_state(psp).at("status"), "captured");
}

TEST(AdyenBankDebits, BadBankDetailsAreRefusedBeforeAnyCall) {
  expect_refused_before_any_call(sepa("e2e-adyen-sepa-bad-iban", "EUR", iban_bad),
                                 "payment_method.sepa_debit.iban", "IBAN");
  expect_refused_before_any_call(ach("e2e-adyen-ach-bad-routing", routing_bad),
                                 "payment_method.ach_debit.routing_number", "ABA");
}

TEST(AdyenBankDebits, AWrongCurrencyIsRefusedNamingMethodAndConnector) {
  expect_refused_before_any_call(sepa("e2e-adyen-sepa-usd", "USD"), "amount.currency_code",
                                 "sepa_debit through the adyen connector takes EUR");
  auto eur = ach("e2e-adyen-ach-eur");
  eur.mutable_amount()->set_currency_code("EUR");
  expect_refused_before_any_call(eur, "amount.currency_code",
                                 "ach_debit through the adyen connector takes USD");
}

// Last in this file: the debits above went through both processes; neither logged the IBAN
// or the account number (the end-of-run scan knows only cards and keys).
TEST(AdyenBankDebits, NoBankDetailsInEitherLog) {
  for (const auto& path : {env().svc.log_path, env().dir + "/sim.log"}) {
    const auto text = read_file(path);
    ASSERT_FALSE(text.empty()) << path;
    for (const auto& secret : {iban, iban_bad, account_number})
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << path;
  }
}

}  // namespace
}  // namespace e2e
