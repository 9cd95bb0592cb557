#include "sim_fixture.hpp"

#include <cctype>

namespace processor_sim::testing {
namespace {

class adyen_payments : public sim_test {};

bool is_psp(const boost::json::value& v) {
  if (!v.is_string() || v.as_string().size() != 16) return false;
  for (char c : v.as_string()) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

TEST_F(adyen_payments, approved_is_authorised_with_adyen_fields_and_signed_webhook) {
  auto r = adyen("/v71/payments", payment_body("APPROVED"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("resultCode"), "Authorised");
  EXPECT_TRUE(is_psp(body.at("pspReference")));
  EXPECT_EQ(body.at("merchantReference"), "order-APPROVED");
  EXPECT_EQ(body.at("amount").at("value").as_int64(), 1000);
  EXPECT_EQ(body.at("paymentMethod").at("brand"), "visa");
  EXPECT_FALSE(body.contains("refusalReason"));
  EXPECT_EQ(r.body.find("4111111111111111"), std::string::npos);

  auto hooks = hooks_->wait_for(1);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].content_type, "application/json");
  EXPECT_EQ(hooks[0].body.at("live"), "false");
  const auto& item = sim_test::item(hooks[0]);
  EXPECT_EQ(item.at("eventCode"), "AUTHORISATION");
  EXPECT_EQ(item.at("pspReference"), body.at("pspReference"));
  EXPECT_EQ(item.at("success"), "true");
  EXPECT_EQ(item.at("merchantAccountCode"), merchant.c_str());
  EXPECT_EQ(item.at("operations").as_array().size(), 1u);  // auto capture: REFUND only
  EXPECT_EQ(item.at("additionalData").at("hmacSignature").as_string(),
            adyen_signature(app_config_key(), item).c_str());

  auto state = get("/_sim/adyen/payments/" + s(body.at("pspReference"))).json();
  EXPECT_EQ(state.at("status"), "captured");
  EXPECT_EQ(state.at("captured").as_int64(), 1000);
}

struct refusal_case {
  const char* holder;
  const char* result_code;
  const char* reason;
  const char* code;
};

TEST_F(adyen_payments, test_values_map_to_adyen_result_and_refusal_codes) {
  const refusal_case cases[] = {
      {"DECLINED", "Refused", "Refused", "2"},
      {"REFERRAL", "Refused", "Referral", "3"},
      {"ERROR", "Error", "Acquirer Error", "4"},
      {"BLOCK_CARD", "Refused", "Blocked Card", "5"},
      {"CARD_EXPIRED", "Refused", "Expired Card", "6"},
      {"NOT_3D_AUTHENTICATED", "Refused", "3D Not Authenticated", "11"},
      {"NOT_ENOUGH_BALANCE", "Refused", "Not enough balance", "12"},
      {"ACQUIRER_FRAUD", "Refused", "Acquirer Fraud", "14"},
      {"CANCELLED", "Refused", "Cancelled", "15"},
      {"SHOPPER_CANCELLED", "Refused", "Shopper Cancelled", "16"},
  };
  for (const auto& c : cases) {
    auto body = adyen("/v71/payments", payment_body(c.holder)).json();
    EXPECT_EQ(body.at("resultCode"), c.result_code) << c.holder;
    EXPECT_EQ(body.at("refusalReason"), c.reason) << c.holder;
    EXPECT_EQ(body.at("refusalReasonCode"), c.code) << c.holder;
    EXPECT_TRUE(is_psp(body.at("pspReference")));
  }
  auto hooks = hooks_->wait_for(std::size(cases));
  ASSERT_EQ(hooks.size(), std::size(cases));
  for (const auto& h : hooks) EXPECT_EQ(item(h).at("success"), "false");
}

TEST_F(adyen_payments, test_value_in_additional_data_wins_over_holder_name) {
  auto body = payment_body("APPROVED");
  body["additionalData"] = {{"RequestedTestAcquirerResponseCode", "NOT_ENOUGH_BALANCE"}};
  auto reply = adyen("/v71/payments", body).json();
  EXPECT_EQ(reply.at("resultCode"), "Refused");
  EXPECT_EQ(reply.at("refusalReasonCode"), "12");
}

TEST_F(adyen_payments, pending_is_received_with_psp_and_no_webhook) {
  auto body = adyen("/v71/payments", payment_body("PENDING")).json();
  EXPECT_EQ(body.at("resultCode"), "Received");
  EXPECT_TRUE(is_psp(body.at("pspReference")));
  EXPECT_TRUE(hooks_->wait_for(1, std::chrono::milliseconds(200)).empty());
}

TEST_F(adyen_payments, wrong_api_key_is_401_security_error) {
  auto r =
      client_->request("POST", "/adyen/v71/payments",
                       boost::json::serialize(payment_body("APPROVED")), {{"X-API-Key", "wrong"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json(), boost::json::parse(R"({"status":401,"errorCode":"000",)"
                                         R"("message":"HTTP Status Response - Unauthorized",)"
                                         R"("errorType":"security"})"));
  EXPECT_EQ(get("/_sim/stats").json().at("charges").as_int64(), 0);
}

TEST_F(adyen_payments, missing_fields_are_422_and_bad_json_400) {
  for (const char* field : {"merchantAccount", "amount", "reference", "paymentMethod"}) {
    auto body = payment_body("APPROVED");
    body.erase(field);
    auto r = adyen("/v71/payments", body);
    EXPECT_EQ(r.status, 422) << field;
    EXPECT_EQ(r.json().at("errorType"), "validation") << field;
    EXPECT_EQ(r.json().at("status").as_int64(), 422);
  }
  auto body = payment_body("APPROVED");
  body.erase("amount");
  EXPECT_EQ(adyen("/v71/payments", body).json().at("errorCode"), "100");
  auto bad = client_->request("POST", "/adyen/v71/payments", "{not json", {{"X-API-Key", api_key}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("errorCode"), "702");
}

TEST_F(adyen_payments, idempotency_key_replays_and_never_charges_twice) {
  auto first = adyen("/v71/payments", payment_body("APPROVED"), {{"Idempotency-Key", "k-1"}});
  auto again = adyen("/v71/payments", payment_body("APPROVED"), {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(again.body, first.body);
  auto other =
      adyen("/v71/payments", payment_body("APPROVED", false, 5000), {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.json().at("errorCode"), "704");
  auto stats = get("/_sim/stats").json();
  EXPECT_EQ(stats.at("charges").as_int64(), 1);
  EXPECT_EQ(stats.at("double_charges").as_int64(), 0);
  auto psp = s(first.json().at("pspReference"));
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("chargesForIdempotencyKey").as_int64(), 1);
}

TEST_F(adyen_payments, three_ds_redirect_then_details_authorises) {
  auto reply = adyen("/v71/payments", payment_body("3DS_CHALLENGE")).json();
  ASSERT_EQ(reply.at("resultCode"), "RedirectShopper");
  const auto& action = reply.at("action");
  EXPECT_EQ(action.at("type"), "redirect");
  EXPECT_EQ(action.at("method"), "GET");
  std::string url = s(action.at("url"));
  const std::string base = app_->base_url() + "/adyen/hpp/3ds?ref=";
  ASSERT_EQ(url.rfind(base, 0), 0u) << url;

  auto page = client_->request("GET", url.substr(app_->base_url().size()));
  ASSERT_EQ(page.status, 302);
  const std::string location = page.header("location");
  const std::string prefix = "https://shop.example/return?redirectResult=";
  ASSERT_EQ(location.rfind(prefix, 0), 0u) << location;
  const std::string redirect_result = location.substr(prefix.size());

  auto done = adyen("/v71/payments/details", {{"details", {{"redirectResult", redirect_result}}}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("resultCode"), "Authorised");
  EXPECT_TRUE(is_psp(done.json().at("pspReference")));
  auto hooks = hooks_->wait_for(1);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(item(hooks[0]).at("pspReference"), done.json().at("pspReference"));
  auto unknown = adyen("/v71/payments/details", {{"details", {{"redirectResult", "nope"}}}});
  EXPECT_EQ(unknown.status, 422);
}

TEST_F(adyen_payments, three_ds_failure_is_refused_11) {
  auto reply = adyen("/v71/payments", payment_body("3DS_FAIL")).json();
  std::string url = s(reply.at("action").at("url"));
  auto page = client_->request("GET", url.substr(app_->base_url().size()));
  const std::string location = page.header("location");
  auto result = location.substr(location.find("redirectResult=") + 15);
  auto done = adyen("/v71/payments/details", {{"details", {{"redirectResult", result}}}}).json();
  EXPECT_EQ(done.at("resultCode"), "Refused");
  EXPECT_EQ(done.at("refusalReasonCode"), "11");
}

TEST_F(adyen_payments, stored_method_needs_its_shopper_and_cont_auth) {
  auto body = payment_body("APPROVED");
  body["storePaymentMethod"] = true;
  body["shopperReference"] = "shopper-1";
  body["shopperInteraction"] = "Ecommerce";
  auto first = adyen("/v71/payments", body).json();
  const auto& additional = first.at("additionalData");
  EXPECT_EQ(additional.at("recurring.shopperReference"), "shopper-1");
  const std::string token = s(additional.at("recurring.recurringDetailReference"));
  auto hooks = hooks_->wait_for(2);
  EXPECT_NE(find_event(hooks, "RECURRING_CONTRACT", token), nullptr);

  boost::json::object charge{
      {"merchantAccount", merchant},
      {"reference", "renewal-1"},
      {"amount", {{"currency", "EUR"}, {"value", 500}}},
      {"paymentMethod", {{"type", "scheme"}, {"storedPaymentMethodId", token}}},
      {"shopperReference", "shopper-1"},
      {"shopperInteraction", "ContAuth"},
      {"recurringProcessingModel", "Subscription"}};
  EXPECT_EQ(adyen("/v71/payments", charge).json().at("resultCode"), "Authorised");
  auto wrong_shopper = charge;
  wrong_shopper["shopperReference"] = "shopper-2";
  EXPECT_EQ(adyen("/v71/payments", wrong_shopper).json().at("errorCode"), "803");
  auto not_cont_auth = charge;
  not_cont_auth["shopperInteraction"] = "Ecommerce";
  EXPECT_EQ(adyen("/v71/payments", not_cont_auth).status, 422);

  const std::string del = "/adyen/v71/storedPaymentMethods/" + token +
                          "?shopperReference=shopper-1&merchantAccount=" + merchant;
  EXPECT_EQ(client_->request("DELETE", del, "", {{"X-API-Key", api_key}}).status, 204);
  EXPECT_EQ(client_->request("DELETE", del, "", {{"X-API-Key", api_key}}).status, 422);
  EXPECT_EQ(adyen("/v71/payments", charge).json().at("errorCode"), "803");
}

TEST_F(adyen_payments, keep_alive_serves_many_requests_on_one_connection) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);
  }
  EXPECT_EQ(client_->connections(), 1u);
  EXPECT_EQ(get("/_sim/stats").json().at("charges").as_int64(), 5);
}

}  // namespace
}  // namespace processor_sim::testing
