// Stripe iDEAL, Bancontact and Klarna: PaymentMethods (ideal[bank] from the spec's enum,
// Bancontact's required name), intents that send the shopper to their bank (requires_action with
// the test page), the page's approve and fail answers, and what confirming refuses.
#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class StripeBankRedirects : public stripe_test {
 protected:
  http_reply pay_with(const std::string& type, params extra = {},
                      const std::string& currency = "eur") {
    params p{{"amount", "1500"},
             {"currency", currency},
             {"confirm", "true"},
             {"payment_method_types[]", type},
             {"payment_method_data[type]", type},
             {"payment_method_data[billing_details][name]", "Jan Jansen"},
             {"return_url", "https://shop.example/return"}};
    p.insert(p.end(), extra.begin(), extra.end());
    return post("/v1/payment_intents", p);
  }
  // Visits the redirect target; returns the Location the page sends the shopper back to.
  std::string visit(const boost::json::value& intent, const std::string& suffix = {}) {
    const std::string url = s(intent.at("next_action").at("redirect_to_url").at("url"));
    const auto at = url.find("/stripe/3ds/");
    EXPECT_NE(at, std::string::npos) << url;
    auto page = get(url.substr(at) + suffix);
    EXPECT_EQ(page.status, 302) << page.body;
    return page.header("location");
  }
};

TEST_F(StripeBankRedirects, ideal_method_knows_the_spec_banks) {
  auto ok = post("/v1/payment_methods", {{"type", "ideal"}, {"ideal[bank]", "ing"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("type"), "ideal");
  EXPECT_EQ(ok.json().at("ideal").at("bank"), "ing");
  EXPECT_EQ(ok.json().at("ideal").at("bic"), "INGBNL2A");
  auto any = post("/v1/payment_methods", {{"type", "ideal"}});
  ASSERT_EQ(any.status, 200) << any.body;  // no bank: the shopper picks it at Stripe's page
  EXPECT_TRUE(any.json().at("ideal").at("bank").is_null());
  auto bad = post("/v1/payment_methods", {{"type", "ideal"}, {"ideal[bank]", "bank_of_mars"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("error").at("param"), "ideal[bank]");
}

TEST_F(StripeBankRedirects, bancontact_needs_the_payers_name) {
  auto no_name = post("/v1/payment_methods", {{"type", "bancontact"}});
  EXPECT_EQ(no_name.status, 400);
  EXPECT_EQ(no_name.json().at("error").at("param"), "billing_details[name]");
  auto ok = post("/v1/payment_methods", {{"type", "bancontact"}, {"billing_details[name]", "J"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(StripeBankRedirects, ideal_redirects_then_the_approval_charges) {
  auto r = pay_with("ideal", {{"payment_method_data[ideal][bank]", "rabobank"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto intent = r.json();
  const std::string pi = s(intent.at("id"));
  EXPECT_EQ(intent.at("status"), "requires_action");
  EXPECT_EQ(intent.at("next_action").at("type"), "redirect_to_url");
  ASSERT_TRUE(wait_event("payment_intent.requires_action", pi));
  const auto back = visit(intent);
  EXPECT_EQ(back.rfind("https://shop.example/return?payment_intent=" + pi, 0), 0u) << back;
  EXPECT_NE(back.find("redirect_status=succeeded"), std::string::npos) << back;
  auto paid = fetch("/v1/payment_intents/" + pi).json();
  EXPECT_EQ(paid.at("status"), "succeeded");
  EXPECT_EQ(paid.at("amount_received"), 1500);
  auto event = wait_event("payment_intent.succeeded", pi);
  ASSERT_TRUE(event);
  auto charge = fetch("/v1/charges/" + s(paid.at("latest_charge")));
  EXPECT_EQ(charge.json().at("payment_method_details").at("type"), "ideal");
  EXPECT_EQ(charge.json().at("payment_method_details").at("ideal").at("bank"), "rabobank");
}

TEST_F(StripeBankRedirects, bancontact_failed_at_the_bank_needs_a_new_method) {
  auto r = pay_with("bancontact");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto intent = r.json();
  const std::string pi = s(intent.at("id"));
  EXPECT_EQ(intent.at("status"), "requires_action");
  const auto back = visit(intent, "&result=failed");
  EXPECT_NE(back.find("redirect_status=failed"), std::string::npos) << back;
  auto failed = fetch("/v1/payment_intents/" + pi).json();
  EXPECT_EQ(failed.at("status"), "requires_payment_method");
  EXPECT_EQ(failed.at("last_payment_error").at("code"), "payment_intent_authentication_failure");
  EXPECT_EQ(failed.at("amount_received"), 0);
  ASSERT_TRUE(wait_event("payment_intent.payment_failed", pi));
}

TEST_F(StripeBankRedirects, confirming_needs_euros_a_return_url_and_automatic_capture) {
  EXPECT_EQ(pay_with("ideal", {}, "usd").json().at("error").at("param"), "currency");
  EXPECT_EQ(pay_with("ideal", {{"capture_method", "manual"}}).json().at("error").at("param"),
            "capture_method");
  auto no_return = post("/v1/payment_intents", {{"amount", "1500"},
                                                {"currency", "eur"},
                                                {"confirm", "true"},
                                                {"payment_method_data[type]", "ideal"}});
  EXPECT_EQ(no_return.status, 400);
  EXPECT_EQ(no_return.json().at("error").at("param"), "return_url");
}

TEST_F(StripeBankRedirects, klarna_authorizes_at_klarna_then_captures_part) {
  auto r = pay_with("klarna", {{"capture_method", "manual"},
                               {"payment_method_data[billing_details][email]", "jan@example.com"},
                               {"payment_method_data[billing_details][address][country]", "NL"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto intent = r.json();
  const std::string pi = s(intent.at("id"));
  EXPECT_EQ(intent.at("status"), "requires_action");
  visit(intent);
  auto authorized = fetch("/v1/payment_intents/" + pi).json();
  EXPECT_EQ(authorized.at("status"), "requires_capture");
  EXPECT_EQ(authorized.at("amount_capturable"), 1500);
  auto too_much = post("/v1/payment_intents/" + pi + "/capture", {{"amount_to_capture", "1600"}});
  EXPECT_EQ(too_much.status, 400);
  auto part = post("/v1/payment_intents/" + pi + "/capture", {{"amount_to_capture", "900"}});
  ASSERT_EQ(part.status, 200) << part.body;
  EXPECT_EQ(part.json().at("status"), "succeeded");
  EXPECT_EQ(part.json().at("amount_received"), 900);
}

TEST_F(StripeBankRedirects, klarna_needs_email_and_a_country_its_currency_serves) {
  auto no_email =
      pay_with("klarna", {{"payment_method_data[billing_details][address][country]", "NL"}});
  EXPECT_EQ(no_email.status, 400);
  EXPECT_EQ(no_email.json().at("error").at("param"), "payment_method_data[billing_details][email]");
  auto elsewhere =
      pay_with("klarna", {{"payment_method_data[billing_details][email]", "jan@example.com"},
                          {"payment_method_data[billing_details][address][country]", "US"}});
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_EQ(elsewhere.json().at("error").at("param"),
            "payment_method_data[billing_details][address][country]");
  auto yen = pay_with("klarna",
                      {{"payment_method_data[billing_details][email]", "jan@example.com"},
                       {"payment_method_data[billing_details][address][country]", "JP"}},
                      "jpy");
  EXPECT_EQ(yen.json().at("error").at("param"), "currency");
}

}  // namespace
}  // namespace processor_sim::testing
