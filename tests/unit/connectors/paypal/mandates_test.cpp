// Mandates as Vault v3 payment tokens (setup token → payment token), recurring charges paid
// from the token (card with stored_credential, or the PayPal wallet), revocation, and the PayPal
// wallet in authorize.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace paypal_test {
namespace {

constexpr const char* setup_id = "5C991763VB2781612";
constexpr const char* token_id = "8kk8451t";

setup_mandate_request card_setup() {
  setup_mandate_request r;
  r.idempotency_key = "idem-setup-1";
  r.merchant_reference = "sub-1";
  r.method = card{secret<std::string>("4012888888881881"), 3, 2030, secret<std::string>("123"),
                  "Asha Rao"};
  r.shopper.id = "cust_1001";
  r.return_url = "https://shop.example/return";
  return r;
}

setup_mandate_request wallet_setup() {
  auto r = card_setup();
  r.method = wallet::of(wallet_type::paypal);
  return r;
}

std::string setup_token(std::string_view status) {
  return fmt::format(
      R"({{"id":"{}","customer":{{"id":"cust_1001"}},"status":"{}","payment_source":{{"card":{{}}}},)"
      R"("links":[{{"href":"https://www.sandbox.paypal.com/agreements/approve?approval_session_id={}",)"
      R"("rel":"approve","method":"GET"}}]}})",
      setup_id, status, setup_id);
}

std::string payment_token(std::string_view source = "card") {
  return fmt::format(
      R"({{"id":"{}","customer":{{"id":"cust_1001"}},"payment_source":{{"{}":{{}}}}}})", token_id,
      source);
}

recurring_charge_request recurring(recurring_model model = recurring_model::subscription) {
  recurring_charge_request r;
  r.idempotency_key = "idem-rec-1";
  r.merchant_reference = "sub-1-2026-12";
  r.mandate_id = token_id;
  r.customer_id = "cust_1001";
  r.amount = money{1050, "USD"};
  r.model = model;
  return r;
}

const std::string charged_order =
    R"({"id":"5O190127TN364715T","intent":"CAPTURE","status":"COMPLETED","purchase_units":[{"amount":)"
    R"({"currency_code":"USD","value":"10.50"},"payments":{"captures":[{"id":"3C679366HH908993F",)"
    R"("status":"COMPLETED","amount":{"currency_code":"USD","value":"10.50"}}]}}]})";

TEST(PayPalSetupMandate, CardSetupTokenThenPaymentTokenIsAnActiveMandate) {
  auto run = drive(&flow_table::setup_mandate, card_setup(),
                   {json_reply(201, setup_token("APPROVED")), json_reply(201, payment_token())});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& first = run.requests[0];
  EXPECT_EQ(first.step, "setup_token");
  EXPECT_EQ(first.target, "/v3/vault/setup-tokens");
  EXPECT_EQ(header(first, "PayPal-Request-Id"), "idem-setup-1:setup_token");
  auto b = body_of(first).as_object();
  EXPECT_EQ(b.at("customer").at("id").as_string(), "cust_1001");
  auto c = b.at("payment_source").at("card").as_object();
  EXPECT_EQ(c.at("number").as_string(), "4012888888881881");
  EXPECT_EQ(c.at("expiry").as_string(), "2030-03");
  EXPECT_EQ(c.at("verification_method").as_string(), "SCA_WHEN_REQUIRED");
  const auto& second = run.requests[1];
  EXPECT_EQ(second.step, "payment_token");
  EXPECT_EQ(second.target, "/v3/vault/payment-tokens");
  EXPECT_EQ(header(second, "PayPal-Request-Id"), "idem-setup-1:payment_token");
  auto t = body_of(second).at("payment_source").at("token").as_object();
  EXPECT_EQ(t.at("id").as_string(), setup_id);
  EXPECT_EQ(t.at("type").as_string(), "SETUP_TOKEN");
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::active);
  ASSERT_TRUE(m.mandate);
  EXPECT_EQ(m.mandate->mandate_id, token_id);
  EXPECT_EQ(m.mandate->customer_id, "cust_1001");
  EXPECT_EQ(m.connector_payment_id, setup_id);
}

TEST(PayPalSetupMandate, WalletWaitsForThePayerThenFinishesWithTheSetupToken) {
  auto run = drive(&flow_table::setup_mandate, wallet_setup(),
                   {json_reply(201, setup_token("PAYER_ACTION_REQUIRED"))});
  ASSERT_EQ(run.requests.size(), 1u);
  auto p = body_of(run.requests[0]).at("payment_source").at("paypal").as_object();
  EXPECT_EQ(p.at("usage_type").as_string(), "MERCHANT");
  EXPECT_EQ(p.at("experience_context").at("return_url").as_string(), "https://shop.example/return");
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::pending);
  EXPECT_FALSE(m.mandate);
  EXPECT_EQ(m.connector_payment_id, setup_id);
  EXPECT_EQ(m.processor_status, "PAYER_ACTION_REQUIRED");
  ASSERT_TRUE(m.redirect);
  EXPECT_NE(m.redirect->url.find("approval_session_id"), std::string::npos);

  auto finish = card_setup();
  finish.method = processor_token{setup_id};
  auto done = drive(&flow_table::setup_mandate, finish, {json_reply(201, payment_token("paypal"))});
  ASSERT_EQ(done.requests.size(), 1u);
  EXPECT_EQ(done.requests[0].step, "payment_token");
  EXPECT_EQ(done.value().status, mandate_status::active);
  EXPECT_EQ(done.value().mandate->mandate_id, token_id);
}

// A retried setup: PayPal replays the setup token, already VAULTED, and the payment token call
// (same PayPal-Request-Id) answers the token made the first time.
TEST(PayPalSetupMandate, VaultedSetupTokenOfARetryGoesOnToItsPaymentToken) {
  auto run = drive(&flow_table::setup_mandate, card_setup(),
                   {json_reply(200, setup_token("VAULTED")), json_reply(200, payment_token())});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(header(run.requests[1], "PayPal-Request-Id"), "idem-setup-1:payment_token");
  EXPECT_EQ(run.value().status, mandate_status::active);
}

TEST(PayPalSetupMandate, BadInputIsRefusedBeforeAnyCall) {
  auto no_return = wallet_setup();
  no_return.return_url.clear();
  EXPECT_EQ(drive(&flow_table::setup_mandate, no_return, {}).err().field, "return_url");
  auto apple = card_setup();
  apple.method = wallet::of(wallet_type::apple_pay, "tok");
  EXPECT_EQ(drive(&flow_table::setup_mandate, apple, {}).err().field, "payment_method");
  auto customer = card_setup();
  customer.shopper.id = "cust 1001/..";
  EXPECT_EQ(drive(&flow_table::setup_mandate, customer, {}).err().field, "customer.id");
  auto token = card_setup();
  token.method = processor_token{"../v1/x"};
  EXPECT_EQ(drive(&flow_table::setup_mandate, token, {}).err().code, error_code::invalid_argument);
  auto key = card_setup();
  key.idempotency_key.clear();
  EXPECT_EQ(drive(&flow_table::setup_mandate, key, {}).err().field, "idempotency_key");
}

TEST(PayPalSetupMandate, RefusedCardIsAFailedMandate) {
  auto run = drive(
      &flow_table::setup_mandate, card_setup(),
      {json_reply(
          422,
          R"({"name":"UNPROCESSABLE_ENTITY","message":"The requested action could not be performed.",)"
          R"("debug_id":"b1d1f06c7246c","details":[{"issue":"INSTRUMENT_DECLINED","description":"declined"}]})")});
  EXPECT_EQ(run.value().status, mandate_status::failed);
  ASSERT_TRUE(run.value().error);
  EXPECT_FALSE(run.value().mandate);
}

TEST(PayPalSetupMandate, SetupTokenWithoutAStatusWordIsAnUnknownOutcome) {
  auto run = drive(&flow_table::setup_mandate, card_setup(),
                   {json_reply(201, setup_token("A21AAFechoedToken"))});
  EXPECT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
}

TEST(PayPalSetupMandate, PaymentTokenWithoutIdIsAnUnknownOutcome) {
  auto run = drive(&flow_table::setup_mandate, card_setup(),
                   {json_reply(201, setup_token("APPROVED")), json_reply(201, "{}")});
  EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
}

TEST(PayPalRecurring, CardTokenIsChargedWithStoredCredential) {
  auto run = drive(&flow_table::recurring_charge, recurring(),
                   {json_reply(200, payment_token()), json_reply(201, charged_order)});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[0].step, "payment_token");
  EXPECT_EQ(run.requests[0].method, http_method::get);
  EXPECT_EQ(run.requests[0].target, std::string("/v3/vault/payment-tokens/") + token_id);
  const auto& order = run.requests[1];
  EXPECT_EQ(order.step, "order");
  EXPECT_EQ(header(order, "PayPal-Request-Id"), "idem-rec-1");
  auto b = body_of(order).as_object();
  EXPECT_EQ(b.at("intent").as_string(), "CAPTURE");
  auto c = b.at("payment_source").at("card").as_object();
  EXPECT_EQ(c.at("vault_id").as_string(), token_id);
  EXPECT_EQ(c.at("stored_credential").at("payment_initiator").as_string(), "MERCHANT");
  EXPECT_EQ(c.at("stored_credential").at("payment_type").as_string(), "RECURRING");
  EXPECT_EQ(c.at("stored_credential").at("usage").as_string(), "SUBSEQUENT");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::charged);
  ASSERT_TRUE(p.mandate);
  EXPECT_EQ(p.mandate->mandate_id, token_id);
  EXPECT_EQ(p.mandate->customer_id, "cust_1001");
  auto unscheduled = drive(&flow_table::recurring_charge, recurring(recurring_model::unscheduled),
                           {json_reply(200, payment_token())});
  EXPECT_EQ(body_of(unscheduled.requests.at(1))
                .at("payment_source")
                .at("card")
                .at("stored_credential")
                .at("payment_type")
                .as_string(),
            "UNSCHEDULED");
}

TEST(PayPalRecurring, WalletTokenIsChargedByVaultId) {
  auto r = recurring();
  r.capture = capture_method::manual;
  auto run = drive(&flow_table::recurring_charge, r, {json_reply(200, payment_token("paypal"))});
  ASSERT_EQ(run.requests.size(), 2u);
  auto b = body_of(run.requests[1]).as_object();
  EXPECT_EQ(b.at("intent").as_string(), "AUTHORIZE");
  EXPECT_EQ(b.at("payment_source").at("paypal").at("vault_id").as_string(), token_id);
  EXPECT_FALSE(b.at("payment_source").as_object().contains("card"));
}

TEST(PayPalRecurring, TokenOfAnotherCustomerIsRefusedBeforeTheCharge) {
  auto r = recurring();
  r.customer_id = "cust_2002";
  auto run = drive(&flow_table::recurring_charge, r, {json_reply(200, payment_token())});
  EXPECT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().field, "customer_id");
}

TEST(PayPalRecurring, UnknownTokenIsNotFound) {
  auto run = drive(
      &flow_table::recurring_charge, recurring(),
      {json_reply(
          404, R"({"name":"RESOURCE_NOT_FOUND","message":"The specified resource does not exist.",)"
               R"("debug_id":"f2ad1d3e1e8a1","details":[{"issue":"INVALID_RESOURCE_ID"}]})")});
  EXPECT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().code, error_code::not_found);
}

TEST(PayPalRevoke, DeletesThePaymentToken) {
  revoke_mandate_request r;
  r.idempotency_key = "idem-revoke";
  r.mandate_id = token_id;
  auto run = drive(&flow_table::revoke_mandate, r, {http_response{204, {}, ""}});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.requests[0].method, http_method::del);
  EXPECT_EQ(run.requests[0].target, std::string("/v3/vault/payment-tokens/") + token_id);
  EXPECT_EQ(run.value().status, mandate_status::revoked);
  r.mandate_id = "8kk/../x";
  EXPECT_EQ(drive(&flow_table::revoke_mandate, r, {}).err().field, "connector_mandate_id");
}

TEST(PayPalAuthorize, WalletIsPayerActionWithTheApprovalLink) {
  auto r = card_authorize(capture_method::automatic);
  r.method = wallet::of(wallet_type::paypal);
  auto run = drive(
      &flow_table::authorize, r,
      {json_reply(
          200,
          R"({"id":"5O190127TN364715T","status":"PAYER_ACTION_REQUIRED","payment_source":{"paypal":{}},)"
          R"("links":[{"href":"https://www.sandbox.paypal.com/checkoutnow?token=5O190127TN364715T",)"
          R"("rel":"payer-action","method":"GET"}]})")});
  ASSERT_EQ(run.requests.size(), 1u);
  auto p = body_of(run.requests[0]).at("payment_source").at("paypal").as_object();
  EXPECT_EQ(p.at("experience_context").at("return_url").as_string(), "https://shop.example/return");
  EXPECT_EQ(p.at("experience_context").at("user_action").as_string(), "PAY_NOW");
  EXPECT_EQ(run.value().status, payment_status::authentication_pending);
  ASSERT_TRUE(run.value().redirect);
  EXPECT_NE(run.value().redirect->url.find("checkoutnow"), std::string::npos);
  r.return_url.clear();
  EXPECT_EQ(drive(&flow_table::authorize, r, {}).err().field, "return_url");
  r.method = wallet::of(wallet_type::google_pay, "tok");
  EXPECT_EQ(drive(&flow_table::authorize, r, {}).err().field, "payment_method");
}

}  // namespace
}  // namespace paypal_test
