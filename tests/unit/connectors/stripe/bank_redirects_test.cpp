// authorize with iDEAL and Bancontact: an ideal / bancontact PaymentMethod, then an intent limited
// to that type with the return_url; AUTHENTICATION_PENDING with the bank's redirect; refusals.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* requires_action =
    R"({"id":"pi_ideal","object":"payment_intent","status":"requires_action","amount":1500,)"
    R"("amount_received":0,"currency":"eur","capture_method":"automatic","next_action":)"
    R"({"type":"redirect_to_url","redirect_to_url":{"url":"https://hooks.stripe.com/r/1",)"
    R"("return_url":"https://shop.example/return"}}})";

authorize_request redirect(bank_redirect_type type, std::string bank = {}) {
  auto r = authorize_token_automatic();
  r.amount = money{1500, "EUR"};
  r.method = bank_redirect{type, std::move(bank)};
  r.return_url = "https://shop.example/return";
  r.shopper.name = "Jan Jansen";
  return r;
}

TEST(StripeBankRedirects, IdealIsAPaymentMethodThenAnIntentThatRedirects) {
  auto run = drive(&flow_table::authorize, redirect(bank_redirect_type::ideal, "ing"),
                   {json_reply(200, R"({"id":"pm_ideal","object":"payment_method"})"),
                    json_reply(200, requires_action)});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(form_value(run.requests[0], "type"), "ideal");
  EXPECT_EQ(form_value(run.requests[0], "ideal[bank]"), "ing");
  EXPECT_EQ(form_value(run.requests[0], "billing_details[name]"), "Jan Jansen");
  const auto& intent = run.requests[1];
  EXPECT_EQ(form_value(intent, "payment_method"), "pm_ideal");
  EXPECT_EQ(form_value(intent, "payment_method_types[]"), "ideal");
  EXPECT_EQ(form_value(intent, "return_url"), "https://shop.example/return");
  EXPECT_FALSE(has_form_key(intent, "mandate_data[customer_acceptance][type]"));
  EXPECT_FALSE(has_form_key(intent, "automatic_payment_methods[enabled]"));
  EXPECT_EQ(run.value().status, payment_status::authentication_pending);
  ASSERT_TRUE(run.value().redirect);
  EXPECT_EQ(run.value().redirect->url, "https://hooks.stripe.com/r/1");
}

TEST(StripeBankRedirects, IdealWithoutABankLetsTheShopperPick) {
  auto run = drive(&flow_table::authorize, redirect(bank_redirect_type::ideal),
                   {json_reply(200, R"({"id":"pm_ideal","object":"payment_method"})"),
                    json_reply(200, requires_action)});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_FALSE(has_form_key(run.requests[0], "ideal[bank]"));
}

TEST(StripeBankRedirects, UnknownIdealBankIsRefusedBeforeAnyCall) {
  auto run = drive(&flow_table::authorize, redirect(bank_redirect_type::ideal, "bank_of_mars"), {});
  EXPECT_TRUE(run.requests.empty());
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().field, "payment_method.ideal.bank");
  EXPECT_NE(run.outcome->err().message.find("rabobank"), std::string::npos);
}

TEST(StripeBankRedirects, BancontactNeedsThePayersName) {
  auto ok = drive(&flow_table::authorize, redirect(bank_redirect_type::bancontact),
                  {json_reply(200, R"({"id":"pm_bc","object":"payment_method"})"),
                   json_reply(200, requires_action)});
  ASSERT_EQ(ok.requests.size(), 2u);
  EXPECT_EQ(form_value(ok.requests[0], "type"), "bancontact");
  EXPECT_EQ(form_value(ok.requests[1], "payment_method_types[]"), "bancontact");

  auto req = redirect(bank_redirect_type::bancontact);
  req.shopper.name.clear();
  auto run = drive(&flow_table::authorize, req, {});
  EXPECT_TRUE(run.requests.empty());
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().field, "customer.name");
}

TEST(StripeBankRedirects, ManualCaptureIsRefusedBeforeAnyCall) {
  auto req = redirect(bank_redirect_type::ideal);
  req.capture = capture_method::manual;
  auto run = drive(&flow_table::authorize, req, {});
  EXPECT_TRUE(run.requests.empty());
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().field, "capture_method");
  EXPECT_NE(run.outcome->err().message.find("ideal"), std::string::npos);
}

}  // namespace
}  // namespace stripe_test

namespace stripe_test {
namespace {

TEST(StripeKlarna, KlarnaSendsTheBillingDetailsThenRedirectsAndMayCaptureLater) {
  auto req = redirect(bank_redirect_type::ideal);
  req.method = bnpl{};
  req.capture = capture_method::manual;
  req.shopper.email = "jan@example.com";
  req.order.billing = address{"Damrak 1", "", "Amsterdam", "1012 LG", "", "NL"};
  auto run = drive(&flow_table::authorize, req,
                   {json_reply(200, R"({"id":"pm_k","object":"payment_method"})"),
                    json_reply(200, requires_action)});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& pm = run.requests[0];
  EXPECT_EQ(form_value(pm, "type"), "klarna");
  EXPECT_EQ(form_value(pm, "billing_details[email]"), "jan@example.com");
  EXPECT_EQ(form_value(pm, "billing_details[address][country]"), "NL");
  EXPECT_EQ(form_value(pm, "billing_details[address][city]"), "Amsterdam");
  EXPECT_FALSE(has_form_key(pm, "billing_details[address][line2]"));
  const auto& intent = run.requests[1];
  EXPECT_EQ(form_value(intent, "payment_method_types[]"), "klarna");
  EXPECT_EQ(form_value(intent, "capture_method"), "manual");
  EXPECT_EQ(run.value().status, payment_status::authentication_pending);
}

}  // namespace
}  // namespace stripe_test
