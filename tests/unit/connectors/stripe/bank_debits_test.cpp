// authorize with SEPA Direct Debit: a sepa_debit PaymentMethod, then an intent that names the type
// and carries the online mandate; PENDING while Stripe processes; what is refused before any call.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* iban = "DE89370400440532013000";
constexpr const char* processing =
    R"({"id":"pi_sepa","object":"payment_intent","status":"processing","amount":2500,)"
    R"("amount_received":0,"currency":"eur","capture_method":"automatic","latest_charge":"py_1"})";

authorize_request sepa(std::string number = iban) {
  auto r = authorize_token_automatic();
  r.amount = money{2500, "EUR"};
  r.method = sepa_debit{secret<std::string>(std::move(number)), "Jenny Rosen"};
  r.shopper.email = "jenny@example.com";
  r.shopper.ip_address = "203.0.113.7";
  r.shopper.user_agent = "Mozilla/5.0 (X11; Linux x86_64)";
  return r;
}

TEST(StripeBankDebits, SepaDebitIsAPaymentMethodThenAnIntentWithTheMandate) {
  auto run = drive(&flow_table::authorize, sepa(),
                   {json_reply(200, R"({"id":"pm_sepa","object":"payment_method"})"),
                    json_reply(200, processing)});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& pm = run.requests[0];
  EXPECT_EQ(pm.target, "/v1/payment_methods");
  EXPECT_EQ(form_value(pm, "type"), "sepa_debit");
  EXPECT_EQ(form_value(pm, "sepa_debit[iban]"), iban);
  EXPECT_EQ(form_value(pm, "billing_details[name]"), "Jenny Rosen");
  EXPECT_EQ(form_value(pm, "billing_details[email]"), "jenny@example.com");

  const auto& intent = run.requests[1];
  EXPECT_EQ(form_value(intent, "payment_method"), "pm_sepa");
  EXPECT_EQ(form_value(intent, "payment_method_types[]"), "sepa_debit");
  EXPECT_FALSE(has_form_key(intent, "automatic_payment_methods[enabled]"));
  EXPECT_EQ(form_value(intent, "mandate_data[customer_acceptance][type]"), "online");
  EXPECT_EQ(form_value(intent, "mandate_data[customer_acceptance][online][ip_address]"),
            "203.0.113.7");
  EXPECT_EQ(form_value(intent, "mandate_data[customer_acceptance][online][user_agent]"),
            "Mozilla/5.0 (X11; Linux x86_64)");
  EXPECT_EQ(form_value(intent, "capture_method"), "automatic");
  EXPECT_EQ(form_value(intent, "currency"), "eur");

  // Money is not collected yet: PENDING until payment_intent.succeeded / payment_failed.
  EXPECT_EQ(run.value().status, payment_status::pending);
  EXPECT_EQ(run.value().connector_payment_id, "pi_sepa");
  EXPECT_FALSE(run.value().captured_amount.has_value());
}

TEST(StripeBankDebits, WhatTheMandateNeedsIsRefusedBeforeAnyCall) {
  struct missing {
    const char* field;
    void (*clear)(authorize_request&);
  };
  const missing cases[] = {
      {"customer.email", [](authorize_request& r) { r.shopper.email.clear(); }},
      {"customer.ip_address", [](authorize_request& r) { r.shopper.ip_address.clear(); }},
      {"customer.user_agent", [](authorize_request& r) { r.shopper.user_agent.clear(); }},
  };
  for (const auto& c : cases) {
    auto req = sepa();
    c.clear(req);
    auto run = drive(&flow_table::authorize, req, {});
    EXPECT_TRUE(run.requests.empty()) << c.field;
    ASSERT_TRUE(run.outcome && !run.outcome->ok()) << c.field;
    EXPECT_EQ(run.outcome->err().code, error_code::invalid_argument);
    EXPECT_EQ(run.outcome->err().reason, reason::missing_field);
    EXPECT_EQ(run.outcome->err().field, c.field);
  }
}

TEST(StripeBankDebits, ManualCaptureIsRefusedBeforeAnyCall) {
  auto req = sepa();
  req.capture = capture_method::manual;
  auto run = drive(&flow_table::authorize, req, {});
  EXPECT_TRUE(run.requests.empty());
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().field, "capture_method");
}

TEST(StripeBankDebits, RefusedIbanAtStripeEndsTheFlowWithoutEchoingIt) {
  auto run = drive(&flow_table::authorize, sepa(),
                   {json_reply(400, R"({"error":{"type":"invalid_request_error","code":)"
                                    R"("invalid_bank_account_iban","param":"sepa_debit[iban]",)"
                                    R"("message":"The IBAN you provided is invalid."}})")});
  ASSERT_EQ(run.requests.size(), 1u);
  ASSERT_TRUE(run.outcome);
  const std::string text = run.outcome->ok()
                               ? run.value().error ? run.value().error->processor_message : ""
                               : run.outcome->err().message;
  EXPECT_EQ(text.find(iban), std::string::npos);
  if (run.outcome->ok()) EXPECT_EQ(run.value().status, payment_status::failure);
}

TEST(StripeBankDebits, FailedSettlementReadsAsAFailureWithTheBankReason) {
  get_payment_request req;
  req.connector_payment_id = "pi_sepa";
  auto run = drive(
      &flow_table::get_payment, req,
      {json_reply(200, R"({"id":"pi_sepa","object":"payment_intent",)"
                       R"("status":"requires_payment_method","amount":2500,"amount_received":0,)"
                       R"("currency":"eur","last_payment_error":{"code":"insufficient_funds",)"
                       R"("message":"The customer's account has insufficient funds.",)"
                       R"("type":"invalid_request_error"}})")});
  ASSERT_TRUE(run.outcome && run.outcome->ok());
  EXPECT_EQ(run.value().status, payment_status::failure);
  ASSERT_TRUE(run.value().error);
  EXPECT_EQ(run.value().error->code, decline_code::insufficient_funds);
}

authorize_request ach(std::string number = "000123456789") {
  auto r = sepa();
  r.amount = money{4200, "USD"};
  r.method = ach_debit{secret<std::string>(std::move(number)), "110000000",
                       bank_account_type::savings, "Jenny Rosen", account_holder_type::company};
  return r;
}

TEST(StripeBankDebits, AchIsAUsBankAccountThenAnIntentThatWaitsForMicrodeposits) {
  auto run = drive(
      &flow_table::authorize, ach(),
      {json_reply(200, R"({"id":"pm_ach","object":"payment_method"})"),
       json_reply(200,
                  R"({"id":"pi_ach","object":"payment_intent","status":"requires_action",)"
                  R"("amount":4200,"amount_received":0,"currency":"usd","next_action":{"type":)"
                  R"("verify_with_microdeposits","verify_with_microdeposits":{"arrival_date":1,)"
                  R"("hosted_verification_url":"https://payments.stripe.com/microdeposit/x",)"
                  R"("microdeposit_type":"amounts"}}})")});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& pm = run.requests[0];
  EXPECT_EQ(form_value(pm, "type"), "us_bank_account");
  EXPECT_EQ(form_value(pm, "us_bank_account[account_number]"), "000123456789");
  EXPECT_EQ(form_value(pm, "us_bank_account[routing_number]"), "110000000");
  EXPECT_EQ(form_value(pm, "us_bank_account[account_type]"), "savings");
  EXPECT_EQ(form_value(pm, "us_bank_account[account_holder_type]"), "company");
  EXPECT_EQ(form_value(pm, "billing_details[name]"), "Jenny Rosen");
  const auto& intent = run.requests[1];
  EXPECT_EQ(form_value(intent, "payment_method_types[]"), "us_bank_account");
  EXPECT_EQ(form_value(intent, "mandate_data[customer_acceptance][online][ip_address]"),
            "203.0.113.7");
  EXPECT_EQ(run.value().status, payment_status::authentication_pending);
  ASSERT_TRUE(run.value().redirect);
  EXPECT_EQ(run.value().redirect->url, "https://payments.stripe.com/microdeposit/x");
  EXPECT_EQ(run.value().redirect->method, "GET");
}

TEST(StripeBankDebits, AchMandateAndCaptureRulesAreTheDebitsRules) {
  auto no_ip = ach();
  no_ip.shopper.ip_address.clear();
  auto run = drive(&flow_table::authorize, no_ip, {});
  EXPECT_TRUE(run.requests.empty());
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().field, "customer.ip_address");
  auto manual = ach();
  manual.capture = capture_method::manual;
  auto refused = drive(&flow_table::authorize, manual, {});
  EXPECT_TRUE(refused.requests.empty());
  ASSERT_TRUE(refused.outcome && !refused.outcome->ok());
  EXPECT_EQ(refused.outcome->err().field, "capture_method");
}

}  // namespace
}  // namespace stripe_test
