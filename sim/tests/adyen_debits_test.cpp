// Adyen /v71/payments with SEPA Direct Debit (sepadirectdebit) and ACH Direct Debit (ach): the
// 422s Adyen answers for bad bank details, resultCode Received and no webhook until the bank
// answers, the settle control route and the ownerName test values sending AUTHORISATION, and
// modifications once settled. No IBAN or account number comes back in a reply or notification.
#include "log_mask.hpp"
#include "sim_fixture.hpp"

namespace processor_sim::testing {
namespace {

const std::string iban = "DE89370400440532013000";
const std::string account = "000123456789";
const std::string routing = "011000015";

class AdyenDebits : public sim_test {
 protected:
  static boost::json::object sepa(const std::string& owner = "Anna Schmidt") {
    return {{"type", "sepadirectdebit"}, {"iban", iban}, {"ownerName", owner}};
  }
  static boost::json::object ach(const std::string& owner = "John Doe") {
    return {
        {"type", "ach"},      {"bankAccountNumber", account},  {"bankLocationId", routing},
        {"ownerName", owner}, {"bankAccountType", "checking"}, {"accountHolderType", "personal"}};
  }
  static boost::json::object body_with(boost::json::object method, const char* currency,
                                       bool manual = false) {
    auto body = payment_body("debit", manual);
    body["paymentMethod"] = std::move(method);
    body["amount"] = {{"currency", currency}, {"value", 2500}};
    return body;
  }
  // Pays and returns the reply's body (200 expected).
  boost::json::object pay(boost::json::object method, const char* currency, bool manual = false) {
    auto r = adyen("/v71/payments", body_with(std::move(method), currency, manual));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find(iban), std::string::npos);
    EXPECT_EQ(r.body.find(account), std::string::npos);
    return r.json().as_object();
  }
  http_reply settle(const std::string& psp, boost::json::object body) {
    return client_->request("POST", "/_sim/adyen/payments/" + psp + "/settle",
                            boost::json::serialize(body));
  }
  static void expect_error(const http_reply& r, const char* code, const char* message) {
    EXPECT_EQ(r.status, 422) << r.body;
    const auto body = r.json();
    EXPECT_EQ(body.at("errorCode"), code) << r.body;
    EXPECT_EQ(body.at("message"), message) << r.body;
    EXPECT_EQ(body.at("errorType"), "validation");
    EXPECT_EQ(r.body.find(iban), std::string::npos);
    EXPECT_EQ(r.body.find(account), std::string::npos);
  }
};

TEST_F(AdyenDebits, a_sepa_debit_is_received_and_waits_for_the_bank_without_a_webhook) {
  const auto body = pay(sepa(), "EUR");
  EXPECT_EQ(body.at("resultCode"), "Received");
  EXPECT_EQ(body.at("paymentMethod"), (boost::json::object{{"type", "sepadirectdebit"}}));
  EXPECT_EQ(body.at("amount").at("value").as_int64(), 2500);
  const std::string psp = s(body.at("pspReference"));
  EXPECT_TRUE(hooks_->wait_for(1, std::chrono::milliseconds(300)).empty());
  auto state = get("/_sim/adyen/payments/" + psp).json();
  EXPECT_EQ(state.at("status"), "Received");
  EXPECT_EQ(state.at("authorised").as_int64(), 0);
}

TEST_F(AdyenDebits, settling_a_sepa_debit_sends_a_signed_authorisation_and_collects_it) {
  const std::string psp = s(pay(sepa(), "EUR").at("pspReference"));
  auto r = settle(psp, {{"outcome", "success"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto reply = r.json();
  EXPECT_EQ(reply.at("resultCode"), "Authorised");
  EXPECT_EQ(reply.at("status"), "captured");
  const auto& sent =
      reply.at("notification").at("notificationItems").at(0).at("NotificationRequestItem");

  const auto hooks = hooks_->wait_for(1);
  const auto* auth = find_event(hooks, "AUTHORISATION", psp);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->at("success"), "true");
  EXPECT_EQ(auth->at("paymentMethod"), "sepadirectdebit");
  EXPECT_EQ(auth->at("amount").at("value").as_int64(), 2500);
  EXPECT_EQ(auth->at("additionalData").at("hmacSignature").as_string(),
            adyen_signature(app_config_key(), *auth).c_str());
  EXPECT_EQ(sent, boost::json::value(*auth));  // the reply shows the delivered notification
  EXPECT_EQ(hooks.front().raw_body.find(iban), std::string::npos);

  // Settled once: a second answer from the bank is refused.
  EXPECT_EQ(settle(psp, {{"outcome", "failure"}}).status, 422);
}

TEST_F(AdyenDebits, a_failed_ach_debit_is_refused_by_webhook_with_the_banks_reason) {
  const std::string psp = s(pay(ach(), "USD").at("pspReference"));
  auto r = settle(psp, {{"outcome", "failure"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("resultCode"), "Refused");
  const auto hooks = hooks_->wait_for(1);
  const auto* auth = find_event(hooks, "AUTHORISATION", psp);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->at("success"), "false");
  EXPECT_EQ(auth->at("paymentMethod"), "ach");
  EXPECT_EQ(auth->at("reason"), "Not enough balance");  // the default failure
  EXPECT_EQ(hooks.front().raw_body.find(account), std::string::npos);
  auto state = get("/_sim/adyen/payments/" + psp).json();
  EXPECT_EQ(state.at("status"), "Refused");

  const std::string other = s(pay(ach(), "USD").at("pspReference"));
  auto blocked = settle(other, {{"outcome", "failure"}, {"reason", "BLOCK_CARD"}});
  ASSERT_EQ(blocked.status, 200) << blocked.body;
  EXPECT_EQ(blocked.json()
                .at("notification")
                .at("notificationItems")
                .at(0)
                .at("NotificationRequestItem")
                .at("reason"),
            "Blocked Card");
}

TEST_F(AdyenDebits, the_settle_route_refuses_what_it_cannot_settle) {
  EXPECT_EQ(settle("NOSUCHPAYMENT000", {{"outcome", "success"}}).status, 404);
  const std::string card = authorise(false);
  EXPECT_EQ(settle(card, {{"outcome", "success"}}).status, 422);
  const std::string psp = s(pay(sepa(), "EUR").at("pspReference"));
  EXPECT_EQ(settle(psp, {{"outcome", "maybe"}}).status, 400);
  EXPECT_EQ(settle(psp, {{"outcome", "failure"}, {"reason", "APPROVED"}}).status, 400);
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("status"), "Received");
}

TEST_F(AdyenDebits, owner_name_test_values_settle_right_after_the_received_reply) {
  const auto ok = pay(sepa("SETTLED"), "EUR");
  EXPECT_EQ(ok.at("resultCode"), "Received");
  const auto refused = pay(ach("NOT_ENOUGH_BALANCE"), "USD");
  EXPECT_EQ(refused.at("resultCode"), "Received");
  const auto hooks = hooks_->wait_for(2);
  const auto* settled = find_event(hooks, "AUTHORISATION", s(ok.at("pspReference")));
  ASSERT_TRUE(settled);
  EXPECT_EQ(settled->at("success"), "true");
  const auto* failed = find_event(hooks, "AUTHORISATION", s(refused.at("pspReference")));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->at("success"), "false");
  EXPECT_EQ(failed->at("reason"), "Not enough balance");
}

TEST_F(AdyenDebits, a_manual_capture_debit_is_captured_after_it_settles) {
  const std::string psp = s(pay(sepa(), "EUR", true).at("pspReference"));
  const boost::json::object capture{{"merchantAccount", merchant},
                                    {"amount", {{"currency", "EUR"}, {"value", 2500}}}};
  ASSERT_EQ(settle(psp, {{"outcome", "success"}}).status, 200);
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("status"), "authorised");
  EXPECT_EQ(adyen("/v71/payments/" + psp + "/captures", capture).status, 201);
  hooks_->wait_for(2);
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("status"), "captured");
}

TEST_F(AdyenDebits, bad_bank_details_get_adyens_validation_errors) {
  auto sepa_with = [](const char* key, const char* value) {
    auto m = sepa();
    m[key] = value;
    return m;
  };
  auto ach_with = [](const char* key, const char* value) {
    auto m = ach();
    m[key] = value;
    return m;
  };
  auto post = [&](boost::json::object m, const char* currency) {
    return adyen("/v71/payments", body_with(std::move(m), currency));
  };
  expect_error(post(sepa_with("iban", "DE89370400440532013001"), "EUR"), "161", "Invalid iban");
  expect_error(post(sepa_with("iban", ""), "EUR"), "161", "Invalid iban");
  expect_error(post(sepa(), "USD"), "138", "Unsupported currency specified");
  expect_error(post(sepa(""), "EUR"), "127", "Required field 'accountHolderName' is not provided.");
  expect_error(post(sepa("J."), "EUR"), "203", "Invalid bank account holder name");
  expect_error(post(ach_with("bankLocationId", "011000016"), "USD"), "126",
               "Bank Account or Bank Location Id not valid or missing");
  expect_error(post(ach_with("bankAccountNumber", "12a45"), "USD"), "108",
               "Invalid bankaccount number");
  expect_error(post(ach_with("accountHolderType", "individual"), "USD"), "14_005",
               "Invalid payment method details");
  expect_error(post(ach(), "EUR"), "138", "Unsupported currency specified");
  expect_error(post(ach("171"), "USD"), "203", "Invalid bank account holder name");
  EXPECT_TRUE(hooks_->wait_for(1, std::chrono::milliseconds(200)).empty());
}

TEST_F(AdyenDebits, the_request_log_drops_bank_account_numbers) {
  const auto logged = mask_for_log(boost::json::serialize(body_with(ach(), "USD")));
  EXPECT_EQ(logged.find(account), std::string::npos) << logged;
  EXPECT_NE(logged.find(routing), std::string::npos) << logged;  // routing numbers are public
  const auto sepa_logged = mask_for_log(boost::json::serialize(body_with(sepa(), "EUR")));
  EXPECT_EQ(sepa_logged.find(iban), std::string::npos) << sepa_logged;
}

}  // namespace
}  // namespace processor_sim::testing
