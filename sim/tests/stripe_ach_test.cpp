// Stripe ACH Direct Debit: us_bank_account PaymentMethods (routing check digit, holder name), the
// microdeposit verification a typed account needs (hosted page: right amounts start the debit,
// three wrong ones fail the intent), then processing until settled by Stripe's test accounts.
#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class StripeAch : public stripe_test {
 protected:
  http_reply debit(const std::string& account, const std::string& routing = "110000000",
                   const std::string& currency = "usd") {
    return post("/v1/payment_intents",
                {{"amount", "4200"},
                 {"currency", currency},
                 {"confirm", "true"},
                 {"payment_method_types[]", "us_bank_account"},
                 {"payment_method_data[type]", "us_bank_account"},
                 {"payment_method_data[us_bank_account][account_number]", account},
                 {"payment_method_data[us_bank_account][routing_number]", routing},
                 {"payment_method_data[us_bank_account][account_holder_type]", "individual"},
                 {"payment_method_data[billing_details][name]", "Jenny Rosen"},
                 {"mandate_data[customer_acceptance][type]", "online"},
                 {"mandate_data[customer_acceptance][online][ip_address]", "203.0.113.7"},
                 {"mandate_data[customer_acceptance][online][user_agent]", "Mozilla/5.0"}});
  }
  http_reply verify(const boost::json::value& intent, const std::string& amounts) {
    const std::string url =
        s(intent.at("next_action").at("verify_with_microdeposits").at("hosted_verification_url"));
    const auto at = url.find("/stripe/microdeposits/");
    EXPECT_NE(at, std::string::npos) << url;
    return get(url.substr(at) + "&amounts=" + amounts);
  }
};

TEST_F(StripeAch, typed_account_waits_for_microdeposits_then_processes_and_settles) {
  auto r = debit("000123456789");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto intent = r.json();
  const std::string pi = s(intent.at("id"));
  EXPECT_EQ(intent.at("status"), "requires_action");
  EXPECT_EQ(intent.at("next_action").at("type"), "verify_with_microdeposits");
  EXPECT_EQ(r.body.find("000123456789"), std::string::npos);
  EXPECT_EQ(verify(intent, "10,20").status, 400);
  auto ok = verify(intent, "32,45");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(fetch("/v1/payment_intents/" + pi).json().at("status"), "processing");
  ASSERT_TRUE(wait_event("payment_intent.processing", pi));
  auto state = get("/_sim/stripe/payment_intents/" + pi).json();
  auto charge = fetch("/v1/charges/" + s(state.at("latest_charge"))).json();
  EXPECT_EQ(charge.at("payment_method_details").at("us_bank_account").at("last4"), "6789");
  EXPECT_EQ(charge.at("payment_method_details").at("us_bank_account").at("mandate"),
            state.at("mandate"));
  auto settled = client_->request("POST", "/_sim/stripe/payment_intents/" + pi + "/settle", "");
  ASSERT_EQ(settled.status, 200) << settled.body;
  EXPECT_EQ(settled.json().at("status"), "succeeded");
  ASSERT_TRUE(wait_event("payment_intent.succeeded", pi));
}

TEST_F(StripeAch, test_accounts_fail_with_the_banks_reason) {
  const std::pair<const char*, const char*> cases[] = {{"000222222227", "insufficient_funds"},
                                                       {"000111111113", "account_closed"},
                                                       {"000111111116", "no_account"},
                                                       {"000333333335", "debit_not_authorized"}};
  for (const auto& [account, code] : cases) {
    auto r = debit(account);
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string pi = s(r.json().at("id"));
    ASSERT_EQ(verify(r.json(), "32,45").status, 200);
    auto settled = client_->request("POST", "/_sim/stripe/payment_intents/" + pi + "/settle", "");
    ASSERT_EQ(settled.status, 200) << settled.body;
    auto failed = fetch("/v1/payment_intents/" + pi).json();
    EXPECT_EQ(failed.at("status"), "requires_payment_method") << account;
    EXPECT_EQ(failed.at("last_payment_error").at("code"), code) << account;
  }
}

TEST_F(StripeAch, three_wrong_answers_fail_the_verification) {
  auto r = debit("000123456789");
  const auto intent = r.json();
  EXPECT_EQ(verify(intent, "1,2").status, 400);
  EXPECT_EQ(verify(intent, "1,2").status, 400);
  EXPECT_EQ(verify(intent, "1,2").status, 400);
  auto failed = fetch("/v1/payment_intents/" + s(intent.at("id"))).json();
  EXPECT_EQ(failed.at("status"), "requires_payment_method");
  EXPECT_EQ(failed.at("last_payment_error").at("code"),
            "payment_method_microdeposit_verification_attempts_exceeded");
  EXPECT_EQ(verify(intent, "32,45").status, 400);  // too late
}

TEST_F(StripeAch, bad_numbers_and_currency_are_refused) {
  auto routing = debit("000123456789", "110000001");
  EXPECT_EQ(routing.status, 400);
  EXPECT_EQ(routing.json().at("error").at("param"),
            "payment_method_data[us_bank_account][routing_number]");
  auto account = debit("12");
  EXPECT_EQ(account.json().at("error").at("param"),
            "payment_method_data[us_bank_account][account_number]");
  EXPECT_EQ(debit("000123456789", "110000000", "eur").json().at("error").at("param"), "currency");
}

}  // namespace
}  // namespace processor_sim::testing
