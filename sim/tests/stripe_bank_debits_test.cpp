// Stripe SEPA Direct Debit: sepa_debit PaymentMethods (IBAN checked, name and email required),
// intents that need mandate_data and wait in `processing` until the settle control route, the
// outcome of Stripe's test IBANs, and the events of each step.
#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

constexpr const char* good_iban = "DE89370400440532013000";
constexpr const char* failing_iban = "DE62370400440532013001";

class StripeBankDebits : public stripe_test {
 protected:
  static params mandate() {
    return {{"mandate_data[customer_acceptance][type]", "online"},
            {"mandate_data[customer_acceptance][online][ip_address]", "203.0.113.7"},
            {"mandate_data[customer_acceptance][online][user_agent]", "Mozilla/5.0"}};
  }
  http_reply debit(const std::string& iban, params extra = mandate(),
                   const std::string& currency = "eur") {
    params p{{"amount", "2500"},
             {"currency", currency},
             {"confirm", "true"},
             {"payment_method_types[]", "sepa_debit"},
             {"payment_method_data[type]", "sepa_debit"},
             {"payment_method_data[sepa_debit][iban]", iban},
             {"payment_method_data[billing_details][name]", "Jenny Rosen"},
             {"payment_method_data[billing_details][email]", "jenny@example.com"}};
    p.insert(p.end(), extra.begin(), extra.end());
    return post("/v1/payment_intents", p);
  }
  http_reply settle(const std::string& pi, const std::string& body = {}) {
    return client_->request("POST", "/_sim/stripe/payment_intents/" + pi + "/settle", body);
  }
};

TEST_F(StripeBankDebits, payment_method_shows_only_the_last_four_digits) {
  auto r = post("/v1/payment_methods", {{"type", "sepa_debit"},
                                        {"sepa_debit[iban]", "de89 3704 0044 0532 0130 00"},
                                        {"billing_details[name]", "Jenny Rosen"},
                                        {"billing_details[email]", "jenny@example.com"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto pm = r.json().as_object();
  EXPECT_EQ(pm.at("type"), "sepa_debit");
  EXPECT_EQ(pm.at("sepa_debit").at("last4"), "3000");
  EXPECT_EQ(pm.at("sepa_debit").at("country"), "DE");
  EXPECT_EQ(pm.at("sepa_debit").at("bank_code"), "37040044");
  EXPECT_FALSE(pm.contains("card"));
  EXPECT_EQ(r.body.find("0532013000"), std::string::npos);
}

TEST_F(StripeBankDebits, bad_iban_and_missing_holder_details_are_refused) {
  auto bad = post("/v1/payment_methods", {{"type", "sepa_debit"},
                                          {"sepa_debit[iban]", "DE89370400440532013001"},
                                          {"billing_details[name]", "Jenny Rosen"},
                                          {"billing_details[email]", "jenny@example.com"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("error").at("code"), "invalid_bank_account_iban");
  EXPECT_EQ(bad.json().at("error").at("param"), "sepa_debit[iban]");
  EXPECT_EQ(bad.body.find("0532013001"), std::string::npos);

  auto no_email = post("/v1/payment_methods", {{"type", "sepa_debit"},
                                               {"sepa_debit[iban]", good_iban},
                                               {"billing_details[name]", "Jenny Rosen"}});
  EXPECT_EQ(no_email.status, 400);
  EXPECT_EQ(no_email.json().at("error").at("param"), "billing_details[email]");
  EXPECT_EQ(post("/v1/payment_methods", {{"type", "sepa_debit"}}).json().at("error").at("param"),
            "sepa_debit[iban]");
}

TEST_F(StripeBankDebits, confirming_needs_a_mandate_euros_and_automatic_capture) {
  auto no_mandate = debit(good_iban, {});
  EXPECT_EQ(no_mandate.status, 400);
  EXPECT_EQ(no_mandate.json().at("error").at("param"), "mandate_data");

  auto no_ip = debit(good_iban, {{"mandate_data[customer_acceptance][type]", "online"},
                                 {"mandate_data[customer_acceptance][online][user_agent]", "x"}});
  EXPECT_EQ(no_ip.status, 400);
  EXPECT_EQ(no_ip.json().at("error").at("param"),
            "mandate_data[customer_acceptance][online][ip_address]");

  auto dollars = debit(good_iban, mandate(), "usd");
  EXPECT_EQ(dollars.status, 400);
  EXPECT_EQ(dollars.json().at("error").at("param"), "currency");

  auto extra = mandate();
  extra.emplace_back("capture_method", "manual");
  auto manual = debit(good_iban, extra);
  EXPECT_EQ(manual.status, 400);
  EXPECT_EQ(manual.json().at("error").at("param"), "capture_method");
}

TEST_F(StripeBankDebits, a_card_only_intent_refuses_a_debit) {
  auto r = post("/v1/payment_intents", {{"amount", "2500"},
                                        {"currency", "eur"},
                                        {"confirm", "true"},
                                        {"payment_method_types[]", "card"},
                                        {"payment_method_data[type]", "sepa_debit"},
                                        {"payment_method_data[sepa_debit][iban]", good_iban},
                                        {"payment_method_data[billing_details][name]", "J R"},
                                        {"payment_method_data[billing_details][email]", "j@e.x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json().at("error").at("code"), "payment_intent_incompatible_payment_method");
}

TEST_F(StripeBankDebits, debit_processes_then_settles_successfully) {
  auto r = debit(good_iban);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string pi = s(r.json().at("id"));
  EXPECT_EQ(r.json().at("status"), "processing");
  EXPECT_EQ(r.json().at("amount_received"), 0);
  EXPECT_EQ(r.json().at("payment_method_types").as_array().at(0), "sepa_debit");
  ASSERT_TRUE(wait_event("payment_intent.processing", pi));

  auto state = get("/_sim/stripe/payment_intents/" + pi).json();
  EXPECT_EQ(s(state.at("mandate")).rfind("mandate_", 0), 0u);
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 0);  // no key given

  auto charge = fetch("/v1/charges/" + s(state.at("latest_charge")));
  ASSERT_EQ(charge.status, 200) << charge.body;
  const auto ch = charge.json().as_object();
  EXPECT_EQ(s(ch.at("id")).rfind("py_", 0), 0u);
  EXPECT_EQ(ch.at("status"), "pending");
  EXPECT_EQ(ch.at("payment_method_details").at("type"), "sepa_debit");
  EXPECT_EQ(ch.at("payment_method_details").at("sepa_debit").at("mandate"), state.at("mandate"));
  EXPECT_EQ(ch.at("payment_method_details").at("sepa_debit").at("last4"), "3000");

  auto settled = settle(pi);
  ASSERT_EQ(settled.status, 200) << settled.body;
  EXPECT_EQ(settled.json().at("status"), "succeeded");
  auto event = wait_event("payment_intent.succeeded", pi);
  ASSERT_TRUE(event);
  EXPECT_EQ(object_of(*event).at("amount_received"), 2500);
  EXPECT_EQ(fetch("/v1/payment_intents/" + pi).json().at("status"), "succeeded");
  EXPECT_EQ(settle(pi).status, 409);  // settles once
}

TEST_F(StripeBankDebits, failing_test_iban_fails_after_processing) {
  auto r = debit(failing_iban);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string pi = s(r.json().at("id"));
  EXPECT_EQ(r.json().at("status"), "processing");
  ASSERT_EQ(settle(pi).status, 200);
  auto event = wait_event("payment_intent.payment_failed", pi);
  ASSERT_TRUE(event);
  const auto& failed = object_of(*event);
  EXPECT_EQ(failed.at("status"), "requires_payment_method");
  EXPECT_EQ(failed.at("last_payment_error").at("code"), "insufficient_funds");
  EXPECT_EQ(failed.at("amount_received"), 0);
}

TEST_F(StripeBankDebits, settle_can_force_an_outcome_and_checks_its_input) {
  const std::string pi = s(debit(good_iban).json().at("id"));
  EXPECT_EQ(settle(pi, R"({"outcome":"maybe"})").status, 400);
  EXPECT_EQ(settle("pi_unknown").status, 404);
  auto failed = settle(pi, R"({"outcome":"failed"})");
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json().at("status"), "requires_payment_method");
  auto event = wait_event("payment_intent.payment_failed", pi);
  ASSERT_TRUE(event);
  EXPECT_EQ(object_of(*event).at("last_payment_error").at("code"), "debit_not_authorized");
}

}  // namespace
}  // namespace processor_sim::testing
