// iDEAL and Klarna through Adyen over gRPC against the simulator: AUTHENTICATION_PENDING with
// Adyen's redirect to the provider's page (the simulator's), where the shopper approves, fails or
// cancels; CompleteAuthorize sends the redirectResult to /payments/details and reads the outcome
// (iDEAL CHARGED, Klarna AUTHORIZED and then captured in parts, never beyond what was
// authorized). What the methods need is refused before any call.

#include "harness.hpp"

namespace e2e {
namespace {

v1::AuthorizeRequest ideal(const std::string& reference) {
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference(reference);
  r.set_idempotency_key(reference + "-key");
  *r.mutable_amount() = money(1500, "EUR");
  r.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  r.mutable_payment_method()->mutable_ideal();
  return r;
}

// 250.00 SEK: a tent and ten pegs, a Swedish shopper.
v1::AuthorizeRequest klarna(const std::string& reference) {
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference(reference);
  r.set_idempotency_key(reference + "-key");
  *r.mutable_amount() = money(25000, "SEK");
  r.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  r.set_return_url(return_url);
  r.mutable_payment_method()->mutable_klarna();
  r.mutable_customer()->set_email("shopper@example.com");
  auto* order = r.mutable_order();
  auto* tent = order->add_line_items();
  tent->set_name("Tent");
  tent->set_sku("TENT-2");
  tent->set_quantity(1);
  tent->set_unit_amount(20000);
  tent->set_tax_amount(4000);
  tent->set_tax_rate_bps(2500);
  auto* pegs = order->add_line_items();
  pegs->set_name("Tent peg");
  pegs->set_quantity(10);
  pegs->set_unit_amount(500);
  pegs->set_tax_amount(1000);
  pegs->set_tax_rate_bps(2500);
  auto* billing = order->mutable_billing_address();
  billing->set_line1("Storgatan 1");
  billing->set_city("Stockholm");
  billing->set_postal_code("11122");
  billing->set_country("SE");
  order->set_locale("sv-SE");
  return r;
}

v1::Payment pending(const v1::AuthorizeRequest& r) {
  v1::Payment p;
  auto s = env().svc.payments->Authorize(ctx().get(), r, &p);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << p.DebugString();
  EXPECT_EQ(p.processor_status(), "RedirectShopper");
  EXPECT_TRUE(p.next_action().has_redirect()) << p.DebugString();
  EXPECT_EQ(p.next_action().redirect().method(), v1::HTTP_METHOD_GET);
  return p;
}

// The shopper at the provider's page (the simulator's) choosing `outcome`; returns the
// redirectResult Adyen appended to the return URL.
std::string at_the_provider(const v1::Payment& p, const std::string& outcome) {
  const auto& url = p.next_action().redirect().url();
  const auto at = url.find("/adyen/hpp/redirect?ref=");
  EXPECT_NE(at, std::string::npos) << url;
  if (at == std::string::npos) return {};
  auto page = env().sim_get(url.substr(at) + "&outcome=" + outcome);
  EXPECT_EQ(page.status, 302) << page.body;
  const auto back = page.header("location");
  const std::string prefix = return_url + "?redirectResult=";
  EXPECT_TRUE(starts_with(back, prefix)) << back;
  return back.size() > prefix.size() ? back.substr(prefix.size()) : std::string{};
}

v1::Payment complete(const std::string& redirect_result, const std::string& reference,
                     v1::CaptureMethod capture) {
  v1::CompleteAuthorizeRequest done;
  done.set_connector("adyen");
  done.set_merchant_reference(reference);
  done.set_idempotency_key(reference + "-complete");
  done.set_capture_method(capture);
  (*done.mutable_redirect_payload())["redirectResult"] = redirect_result;
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(ctx().get(), done, &out);
  EXPECT_TRUE(s.ok()) << describe(s);
  return out;
}

TEST(AdyenRedirectMethods, IdealApprovedAtTheBankIsCharged) {
  auto p = pending(ideal("e2e-adyen-ideal-ok"));
  auto done =
      complete(at_the_provider(p, "approve"), "e2e-adyen-ideal-ok", v1::CAPTURE_METHOD_AUTOMATIC);
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_CHARGED) << done.DebugString();
  EXPECT_EQ(done.captured_amount().minor_amount(), 1500);
  const auto psp = done.connector_payment_id();
  ASSERT_FALSE(psp.empty());
  auto state = env().payment_state(psp);
  EXPECT_EQ(state.at("paymentMethod").at("type"), "ideal");
  EXPECT_EQ(state.at("status"), "captured");
  auto hook = env().wait_webhook("AUTHORISATION", psp);
  ASSERT_TRUE(hook.is_object()) << "no AUTHORISATION webhook for " << psp;
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(AdyenRedirectMethods, IdealFailedAtTheBankIsAFailure) {
  auto p = pending(ideal("e2e-adyen-ideal-fail"));
  auto done =
      complete(at_the_provider(p, "fail"), "e2e-adyen-ideal-fail", v1::CAPTURE_METHOD_AUTOMATIC);
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_FAILURE) << done.DebugString();
  ASSERT_TRUE(done.has_error());
  EXPECT_EQ(done.error().processor_code(), "2");
  EXPECT_EQ(env().payment_state(done.connector_payment_id()).at("status"), "Refused");
}

TEST(AdyenRedirectMethods, CancelledAtTheProviderIsAFailureNotAVoid) {
  auto p = pending(ideal("e2e-adyen-ideal-cancel"));
  auto done = complete(at_the_provider(p, "cancel"), "e2e-adyen-ideal-cancel",
                       v1::CAPTURE_METHOD_AUTOMATIC);
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_FAILURE) << done.DebugString();
  EXPECT_EQ(done.processor_status(), "Cancelled");
  EXPECT_EQ(done.error().decline_code(), v1::DECLINE_CODE_CANCELLED);
  auto k = pending(klarna("e2e-adyen-klarna-cancel"));
  auto gone =
      complete(at_the_provider(k, "cancel"), "e2e-adyen-klarna-cancel", v1::CAPTURE_METHOD_MANUAL);
  EXPECT_EQ(gone.status(), v1::PAYMENT_STATUS_FAILURE) << gone.DebugString();
}

// A shopper who never comes back leaves no redirectResult: what a merchant might send instead
// is refused by Adyen and the payment stays open (no charge).
TEST(AdyenRedirectMethods, AbandonedRedirectCannotBeCompleted) {
  auto p = pending(ideal("e2e-adyen-ideal-abandon"));
  v1::CompleteAuthorizeRequest done;
  done.set_connector("adyen");
  done.set_merchant_reference("e2e-adyen-ideal-abandon");
  done.set_idempotency_key("e2e-adyen-ideal-abandon-complete");
  (*done.mutable_redirect_payload())["redirectResult"] = "never-issued";
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(ctx().get(), done, &out);
  ASSERT_FALSE(s.ok()) << out.DebugString();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_NE(describe(s).find("14_018"), std::string::npos) << describe(s);  // Adyen's code
}

v1::Payment capture(const std::string& psp, const std::string& reference, std::int64_t amount) {
  v1::CaptureRequest cap;
  cap.set_connector("adyen");
  cap.set_connector_payment_id(psp);
  cap.set_merchant_reference(reference);
  *cap.mutable_amount_to_capture() = money(amount, "SEK");
  *cap.mutable_payment_amount() = money(25000, "SEK");
  v1::Payment out;
  auto s = env().svc.payments->Capture(ctx().get(), cap, &out);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING) << out.DebugString();
  return out;
}

TEST(AdyenRedirectMethods, KlarnaIsAuthorizedThenCapturedInPartsNeverBeyond) {
  auto p = pending(klarna("e2e-adyen-klarna-ok"));
  auto done =
      complete(at_the_provider(p, "approve"), "e2e-adyen-klarna-ok", v1::CAPTURE_METHOD_MANUAL);
  ASSERT_EQ(done.status(), v1::PAYMENT_STATUS_AUTHORIZED) << done.DebugString();
  const auto psp = done.connector_payment_id();
  auto state = env().payment_state(psp);
  EXPECT_EQ(state.at("paymentMethod").at("type"), "klarna");
  EXPECT_EQ(state.at("status"), "authorised");
  EXPECT_EQ(state.at("authorised"), 25000);

  auto first = capture(psp, "e2e-adyen-klarna-ship-1", 20000);
  auto hook = env().wait_webhook("CAPTURE", first.connector_operation_id());
  ASSERT_TRUE(hook.is_object()) << "no CAPTURE webhook";
  EXPECT_EQ(env().payment_state(psp).at("status"), "partially_captured");

  // More than the whole authorization: refused by the service, nothing sent.
  const auto before = env().stats().at("requests");
  v1::CaptureRequest over;
  over.set_connector("adyen");
  over.set_connector_payment_id(psp);
  over.set_merchant_reference("e2e-adyen-klarna-over");
  *over.mutable_amount_to_capture() = money(30000, "SEK");
  *over.mutable_payment_amount() = money(25000, "SEK");
  v1::Payment none;
  auto s = env().svc.payments->Capture(ctx().get(), over, &none);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before);

  // Beyond what is left (5000): Adyen accepts the request and refuses it by its CAPTURE webhook.
  auto second = capture(psp, "e2e-adyen-klarna-ship-2", 10000);
  auto refused = env().wait_webhook("CAPTURE", second.connector_operation_id());
  ASSERT_TRUE(refused.is_object()) << "no CAPTURE webhook for the second capture";
  state = env().payment_state(psp);
  EXPECT_EQ(state.at("captured"), 20000) << state;
  const auto& mods = state.at("modifications").as_array();
  ASSERT_EQ(mods.size(), 2u);
  EXPECT_EQ(mods[1].at("success"), false);
}

TEST(AdyenRedirectMethods, KlarnaRefusedAtKlarnaIsAFailure) {
  auto p = pending(klarna("e2e-adyen-klarna-fail"));
  auto done =
      complete(at_the_provider(p, "fail"), "e2e-adyen-klarna-fail", v1::CAPTURE_METHOD_MANUAL);
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_FAILURE) << done.DebugString();
}

void expect_refused(const v1::AuthorizeRequest& r, const std::string& field,
                    const std::string& words) {
  const auto before = env().stats().at("requests");
  v1::Payment out;
  auto s = env().svc.payments->Authorize(ctx().get(), r, &out);
  ASSERT_FALSE(s.ok()) << out.DebugString();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), field) << describe(s);
  EXPECT_NE(s.error_message().find(words), std::string::npos) << s.error_message();
  EXPECT_EQ(env().stats().at("requests"), before);
}

TEST(AdyenRedirectMethods, WhatTheMethodsNeedIsCheckedBeforeAnyCall) {
  auto no_return = ideal("e2e-adyen-ideal-noreturn");
  no_return.clear_return_url();
  expect_refused(no_return, "return_url", "");
  auto dollars = ideal("e2e-adyen-ideal-usd");
  dollars.mutable_amount()->set_currency_code("USD");
  expect_refused(dollars, "amount.currency_code", "ideal through the adyen connector takes EUR");
  auto bank = ideal("e2e-adyen-ideal-bank");
  bank.mutable_payment_method()->mutable_ideal()->set_bank("INGBNL2A");
  expect_refused(bank, "payment_method.ideal.bank", "iDEAL 2.0");
  auto manual = ideal("e2e-adyen-ideal-manual");
  manual.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  expect_refused(manual, "capture_method", "AUTOMATIC");
  auto bancontact = ideal("e2e-adyen-bancontact");
  bancontact.mutable_payment_method()->mutable_bancontact();
  expect_refused(bancontact, "payment_method", "adyen");

  auto no_items = klarna("e2e-adyen-klarna-noitems");
  no_items.mutable_order()->clear_line_items();
  expect_refused(no_items, "order.line_items", "");
  auto no_email = klarna("e2e-adyen-klarna-noemail");
  no_email.mutable_customer()->clear_email();
  expect_refused(no_email, "customer.email", "");
  auto no_billing = klarna("e2e-adyen-klarna-nobilling");
  no_billing.mutable_order()->clear_billing_address();
  expect_refused(no_billing, "order.billing_address", "");
  auto yen = klarna("e2e-adyen-klarna-jpy");
  yen.mutable_amount()->set_currency_code("JPY");
  expect_refused(yen, "amount.currency_code", "klarna through the adyen connector takes");
  auto euros_in_sweden = klarna("e2e-adyen-klarna-eur-se");
  euros_in_sweden.mutable_amount()->set_currency_code("EUR");
  expect_refused(euros_in_sweden, "amount.currency_code", "SEK for shoppers in SE");
}

}  // namespace
}  // namespace e2e
