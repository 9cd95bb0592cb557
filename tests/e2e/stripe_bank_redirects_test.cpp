// iDEAL, Bancontact and Klarna through Stripe over gRPC against the simulator:
// AUTHENTICATION_PENDING with the redirect to the shopper's bank or Klarna (the simulator's test
// page), the shopper approves or fails there, CompleteAuthorize reads the outcome; Klarna's
// separate, partial capture; what is refused before any call.

#include "harness.hpp"

namespace e2e {
namespace {

v1::AuthorizeRequest bank_redirect(const std::string& reference, bool bancontact,
                                   const std::string& bank = {}) {
  v1::AuthorizeRequest r;
  r.set_connector("stripe");
  r.set_merchant_reference(reference);
  r.set_idempotency_key(reference + "-key");
  *r.mutable_amount() = money(1500, "EUR");
  r.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  if (bancontact) {
    r.mutable_payment_method()->mutable_bancontact();
  } else {
    r.mutable_payment_method()->mutable_ideal()->set_bank(bank);
  }
  r.mutable_customer()->set_name("Jan Jansen");
  return r;
}

v1::Payment complete(const std::string& pi, const std::string& reference) {
  v1::CompleteAuthorizeRequest done;
  done.set_connector("stripe");
  done.set_connector_payment_id(pi);
  done.set_merchant_reference(reference);
  done.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  (*done.mutable_redirect_payload())["payment_intent"] = pi;
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(stripe_ctx().get(), done, &out);
  EXPECT_TRUE(s.ok()) << describe(s);
  return out;
}

// The shopper at the bank's page (the simulator's); returns where the page sends them back.
std::string at_the_bank(const v1::Payment& p, bool approve) {
  const auto& url = p.next_action().redirect().url();
  const auto at = url.find("/stripe/3ds/");
  EXPECT_NE(at, std::string::npos) << url;
  auto page = env().sim_get(url.substr(at) + (approve ? "" : "&result=failed"));
  EXPECT_EQ(page.status, 302) << page.body;
  return page.header("location");
}

TEST(StripeBankRedirects, IdealRedirectsToTheBankThenCompleteAuthorizeCharges) {
  v1::Payment p;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(),
                                         bank_redirect("e2e-st-ideal-ok", false, "rabobank"), &p);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << p.DebugString();
  ASSERT_TRUE(p.next_action().has_redirect()) << p.DebugString();
  const auto pi = p.connector_payment_id();
  auto back = at_the_bank(p, true);
  EXPECT_TRUE(starts_with(back, return_url + "?payment_intent=" + pi)) << back;
  auto done = complete(pi, "e2e-st-ideal-ok");
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_CHARGED) << done.DebugString();
  EXPECT_EQ(done.captured_amount().minor_amount(), 1500);
  auto hook = env().wait_webhook("payment_intent.succeeded", pi);
  ASSERT_TRUE(hook.is_object()) << "no payment_intent.succeeded webhook for " << pi;
  EXPECT_EQ(hook.at("finalStatus"), 200);
  EXPECT_EQ(env().stripe_intent(pi).at("chargesForIdempotencyKey"), 1);
}

TEST(StripeBankRedirects, BancontactFailedAtTheBankIsAFailure) {
  v1::Payment p;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(),
                                         bank_redirect("e2e-st-bancontact-fail", true), &p);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << p.DebugString();
  auto back = at_the_bank(p, false);
  EXPECT_NE(back.find("redirect_status=failed"), std::string::npos) << back;
  auto done = complete(p.connector_payment_id(), "e2e-st-bancontact-fail");
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_FAILURE) << done.DebugString();
  EXPECT_EQ(done.error().processor_code(), "payment_intent_authentication_failure");
  EXPECT_EQ(env().stripe_intent(p.connector_payment_id()).at("amount_received"), 0);
}

// The other outcome of each: Bancontact approved, iDEAL failed at the bank.
TEST(StripeBankRedirects, BancontactApprovedIsChargedAndIdealFailedIsAFailure) {
  v1::Payment bc;
  ASSERT_TRUE(env()
                  .svc.payments
                  ->Authorize(stripe_ctx().get(), bank_redirect("e2e-st-bancontact-ok", true), &bc)
                  .ok());
  at_the_bank(bc, true);
  auto paid = complete(bc.connector_payment_id(), "e2e-st-bancontact-ok");
  EXPECT_EQ(paid.status(), v1::PAYMENT_STATUS_CHARGED) << paid.DebugString();

  v1::Payment id;
  ASSERT_TRUE(env()
                  .svc.payments
                  ->Authorize(stripe_ctx().get(), bank_redirect("e2e-st-ideal-fail", false), &id)
                  .ok());
  at_the_bank(id, false);
  auto failed = complete(id.connector_payment_id(), "e2e-st-ideal-fail");
  EXPECT_EQ(failed.status(), v1::PAYMENT_STATUS_FAILURE) << failed.DebugString();
  EXPECT_EQ(failed.error().processor_code(), "payment_intent_authentication_failure");
}

TEST(StripeBankRedirects, WhatTheBankRedirectNeedsIsCheckedBeforeAnyCall) {
  expect_stripe_refused(bank_redirect("e2e-st-ideal-mars", false, "bank_of_mars"),
                        "payment_method.ideal.bank", "rabobank");
  auto no_return = bank_redirect("e2e-st-ideal-noreturn", false);
  no_return.clear_return_url();
  expect_stripe_refused(no_return, "return_url", "required");
  auto dollars = bank_redirect("e2e-st-ideal-usd", false);
  dollars.mutable_amount()->set_currency_code("USD");
  expect_stripe_refused(dollars, "amount.currency_code",
                        "ideal through the stripe connector takes EUR");
  auto nameless = bank_redirect("e2e-st-bancontact-noname", true);
  nameless.mutable_customer()->clear_name();
  expect_stripe_refused(nameless, "customer.name", "Bancontact");
  auto manual = bank_redirect("e2e-st-ideal-manual", false);
  manual.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  expect_stripe_refused(manual, "capture_method", "AUTOMATIC");
}

// --- Klarna ----------------------------------------------------------------------------------

v1::AuthorizeRequest klarna(const std::string& reference, const std::string& country = "NL") {
  auto r = bank_redirect(reference, false);
  r.mutable_payment_method()->mutable_klarna();
  r.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  r.mutable_customer()->set_email("jan@example.com");
  auto* order = r.mutable_order();
  auto* shoes = order->add_line_items();
  shoes->set_name("Running shoes");
  shoes->set_quantity(1);
  shoes->set_unit_amount(1100);
  shoes->set_tax_amount(191);
  shoes->set_tax_rate_bps(2100);
  auto* socks = order->add_line_items();
  socks->set_name("Socks");
  socks->set_quantity(2);
  socks->set_unit_amount(200);
  auto* billing = order->mutable_billing_address();
  billing->set_line1("Damrak 1");
  billing->set_city("Amsterdam");
  billing->set_postal_code("1012 LG");
  billing->set_country(country);
  return r;
}

grpc::Status capture(const std::string& pi, const std::string& reference, std::int64_t minor,
                     v1::Payment* out) {
  v1::CaptureRequest cap;
  cap.set_connector("stripe");
  cap.set_connector_payment_id(pi);
  cap.set_merchant_reference(reference);
  *cap.mutable_amount_to_capture() = money(minor, "EUR");
  *cap.mutable_payment_amount() = money(1500, "EUR");
  return env().svc.payments->Capture(stripe_ctx().get(), cap, out);
}

TEST(StripeBankRedirects, KlarnaAuthorizesAtKlarnaThenCapturesPartOnce) {
  v1::Payment p;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(), klarna("e2e-st-klarna-ok"), &p);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << p.DebugString();
  const auto pi = p.connector_payment_id();
  at_the_bank(p, true);
  v1::CompleteAuthorizeRequest done;
  done.set_connector("stripe");
  done.set_connector_payment_id(pi);
  done.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  (*done.mutable_redirect_payload())["payment_intent"] = pi;
  v1::Payment authorized;
  ASSERT_TRUE(env().svc.payments->CompleteAuthorize(stripe_ctx().get(), done, &authorized).ok());
  EXPECT_EQ(authorized.status(), v1::PAYMENT_STATUS_AUTHORIZED) << authorized.DebugString();

  v1::Payment over;
  auto too_much = capture(pi, "e2e-st-klarna-over", 1600, &over);
  EXPECT_EQ(too_much.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(too_much);
  v1::Payment part;
  auto first = capture(pi, "e2e-st-klarna-cap1", 900, &part);
  ASSERT_TRUE(first.ok()) << describe(first);
  EXPECT_EQ(part.status(), v1::PAYMENT_STATUS_PARTIALLY_CHARGED) << part.DebugString();
  EXPECT_EQ(part.captured_amount().minor_amount(), 900);
  // Stripe captures a Klarna payment once: the rest of the authorization is released.
  v1::Payment again;
  auto second = capture(pi, "e2e-st-klarna-cap2", 600, &again);
  ASSERT_FALSE(second.ok()) << again.DebugString();
  EXPECT_EQ(second.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(second);
  EXPECT_EQ(meta(second, "processorCode"), "payment_intent_unexpected_state") << describe(second);
  EXPECT_EQ(env().stripe_intent(pi).at("amount_received"), 900);
}

TEST(StripeBankRedirects, KlarnaDeclinedAtKlarnaIsAFailure) {
  v1::Payment p;
  ASSERT_TRUE(
      env().svc.payments->Authorize(stripe_ctx().get(), klarna("e2e-st-klarna-no"), &p).ok());
  at_the_bank(p, false);
  auto done = complete(p.connector_payment_id(), "e2e-st-klarna-no");
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_FAILURE) << done.DebugString();
}

TEST(StripeBankRedirects, KlarnaRefusals) {
  auto no_items = klarna("e2e-st-klarna-noitems");
  no_items.mutable_order()->clear_line_items();
  expect_stripe_refused(no_items, "order.line_items", "required");
  auto no_email = klarna("e2e-st-klarna-noemail");
  no_email.mutable_customer()->clear_email();
  expect_stripe_refused(no_email, "customer.email", "required");
  auto yen = klarna("e2e-st-klarna-jpy");
  yen.mutable_amount()->set_currency_code("JPY");
  expect_stripe_refused(yen, "amount.currency_code", "klarna through the stripe connector takes");
  // A country Klarna does not serve in that currency: Stripe refuses it, nothing is charged.
  v1::Payment p;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(), klarna("e2e-st-klarna-us", "US"), &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
}

}  // namespace
}  // namespace e2e
