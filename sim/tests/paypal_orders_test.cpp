// PayPal OAuth2 tokens and Orders v2: card orders processed at create, declines by the card
// holder name triggers, 3DS / wallet payer action and approval, amounts and validation errors.
#include "paypal_fixture.hpp"

namespace processor_sim::testing {
namespace {

class paypal_orders : public paypal_test {};

TEST_F(paypal_orders, token_is_issued_once_and_reused_until_it_expires) {
  auto first = token_request();
  ASSERT_EQ(first.status, 200) << first.body;
  auto t = first.json().as_object();
  EXPECT_EQ(t.at("token_type"), "Bearer");
  EXPECT_EQ(t.at("expires_in").as_int64(), 32400);
  for (const char* k : {"scope", "access_token", "app_id", "nonce"}) EXPECT_TRUE(t.contains(k));
  auto second = token_request();
  EXPECT_EQ(second.json().at("access_token"), t.at("access_token"));
  auto stats = paypal_stats();
  EXPECT_EQ(stats.at("token_requests").as_int64(), 2);
  EXPECT_EQ(stats.at("tokens_issued").as_int64(), 1);
}

TEST_F(paypal_orders, bad_credentials_and_bad_tokens_are_refused) {
  auto bad = token_request("sim_paypal_client_id", "wrong");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.json().at("error"), "invalid_client");
  auto none = client_->request("GET", "/paypal/v2/checkout/orders/X");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.json().at("error"), "invalid_token");
  auto unknown = client_->request("GET", "/paypal/v2/checkout/orders/X", {},
                                  {{"Authorization", "Bearer A21AAnotatoken"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json().at("error"), "invalid_token");
  EXPECT_FALSE(unknown.header("paypal-debug-id").empty());
}

TEST_F(paypal_orders, expired_token_is_refused_and_a_new_one_is_issued) {
  auto ttl = client_->request("POST", "/_sim/paypal/token-ttl", R"({"seconds":0})");
  ASSERT_EQ(ttl.status, 200) << ttl.body;
  auto r = fetch("/v2/checkout/orders/NOPE");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json().at("error"), "invalid_token");
  client_->request("POST", "/_sim/paypal/token-ttl", R"({"seconds":3600})");
  token_.clear();
  EXPECT_EQ(fetch("/v2/checkout/orders/NOPE").status, 404);
  EXPECT_EQ(client_->request("POST", "/_sim/paypal/tokens/expire").status, 200);
  EXPECT_EQ(fetch("/v2/checkout/orders/NOPE").status, 401);
  EXPECT_EQ(paypal_stats().at("tokens_issued").as_int64(), 2);
}

TEST_F(paypal_orders, card_capture_order_completes_at_create) {
  auto minimal = post("/v2/checkout/orders", card_order("CAPTURE", "10.50"));
  ASSERT_EQ(minimal.status, 201) << minimal.body;
  auto o = minimal.json().as_object();
  EXPECT_EQ(o.at("status"), "COMPLETED");
  EXPECT_FALSE(o.contains("intent"));  // return=minimal (the default)
  const auto& cap = payments(o).at("captures").at(0).as_object();
  EXPECT_EQ(cap.at("status"), "COMPLETED");
  EXPECT_EQ(cap.at("amount").at("value"), "10.50");
  EXPECT_EQ(cap.at("processor_response").at("response_code"), "0000");
  EXPECT_EQ(o.at("payment_source").at("card").at("last_digits"), "1881");
  EXPECT_EQ(o.at("payment_source").at("card").at("brand"), "VISA");
  EXPECT_FALSE(minimal.header("paypal-debug-id").empty());
  EXPECT_EQ(minimal.body.find("4012888888881881"), std::string::npos);

  auto full = fetch("/v2/checkout/orders/" + s(o.at("id")));
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(full.json().at("intent"), "CAPTURE");
  EXPECT_EQ(full.json().at("purchase_units").at(0).at("amount").at("value"), "10.50");
  EXPECT_EQ(paypal_stats().at("charges").as_int64(), 1);
}

TEST_F(paypal_orders, card_authorize_order_holds_an_authorization) {
  auto o = order(card_order("AUTHORIZE", "25.00"));
  EXPECT_EQ(o.at("status"), "COMPLETED");
  const auto& a = payments(o).at("authorizations").at(0).as_object();
  EXPECT_EQ(a.at("status"), "CREATED");
  EXPECT_EQ(a.at("amount").at("value"), "25.00");
  EXPECT_TRUE(a.contains("expiration_time"));
  EXPECT_EQ(fetch("/v2/payments/authorizations/" + s(a.at("id"))).json().at("status"), "CREATED");
}

TEST_F(paypal_orders, rejection_triggers_in_the_card_name_decline) {
  const std::pair<const char*, const char*> cases[] = {{"CCREJECT-REFUSED", "0500"},
                                                       {"CCREJECT-IF", "5120"},
                                                       {"CCREJECT-EC", "5400"},
                                                       {"CCREJECT-BANK_ERROR", "5100"},
                                                       {"CCREJECT-CVV_F", "00N7"}};
  for (const auto& [name, code] : cases) {
    auto o = order(card_order("CAPTURE", "10.00", name));
    const auto& cap = payments(o).at("captures").at(0).as_object();
    EXPECT_EQ(cap.at("status"), "DECLINED") << name;
    EXPECT_EQ(cap.at("processor_response").at("response_code"), code) << name;
  }
  auto a = order(card_order("AUTHORIZE", "10.00", "CCREJECT-SF"));
  EXPECT_EQ(payments(a).at("authorizations").at(0).at("status"), "DENIED");
  EXPECT_EQ(paypal_stats().at("charges").as_int64(), 0);
}

TEST_F(paypal_orders, three_ds_card_needs_payer_action_then_captures) {
  auto o = order(card_order("CAPTURE", "30.00", "Jane Doe", "4868719460707704"));
  EXPECT_EQ(o.at("status"), "PAYER_ACTION_REQUIRED");
  const std::string id = s(o.at("id"));
  const std::string href = link_href(o, "payer-action");
  ASSERT_FALSE(href.empty());
  auto early = post("/v2/checkout/orders/" + id + "/capture", {});
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(issue_of(early), "PAYER_ACTION_REQUIRED");
  EXPECT_EQ(get(local_path(href)).status, 200);  // the payer completes 3DS
  EXPECT_EQ(fetch("/v2/checkout/orders/" + id).json().at("status"), "APPROVED");
  auto done =
      post("/v2/checkout/orders/" + id + "/capture", {}, {{"Prefer", "return=representation"}});
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.json().at("status"), "COMPLETED");
  EXPECT_EQ(payments(done.json().as_object()).at("captures").at(0).at("status"), "COMPLETED");
  EXPECT_EQ(
      done.json().at("payment_source").at("card").at("authentication_result").at("liability_shift"),
      "POSSIBLE");
  auto again = post("/v2/checkout/orders/" + id + "/capture", {});
  EXPECT_EQ(issue_of(again), "ORDER_ALREADY_CAPTURED");
}

TEST_F(paypal_orders, sca_always_and_wallet_orders_wait_for_the_payer) {
  auto body = card_order("AUTHORIZE");
  body["payment_source"].at("card").as_object()["attributes"] = {
      {"verification", {{"method", "SCA_ALWAYS"}}}};
  EXPECT_EQ(order(body).at("status"), "PAYER_ACTION_REQUIRED");

  boost::json::object wallet{
      {"intent", "CAPTURE"},
      {"purchase_units",
       boost::json::array{{{"amount", {{"currency_code", "EUR"}, {"value", "5"}}}}}},
      {"payment_source", {{"paypal", {{"experience_context", {{"return_url", "https://x"}}}}}}}};
  auto o = order(wallet);
  EXPECT_EQ(o.at("status"), "PAYER_ACTION_REQUIRED");
  EXPECT_FALSE(link_href(o, "payer-action").empty());
  const std::string id = s(o.at("id"));
  auto wrong = post("/v2/checkout/orders/" + id + "/authorize", {});
  EXPECT_EQ(issue_of(wrong), "ACTION_DOES_NOT_MATCH_INTENT");
  EXPECT_EQ(client_->request("POST", "/_sim/paypal/orders/" + id + "/approve").status, 200);
  ASSERT_TRUE(wait_event("CHECKOUT.ORDER.APPROVED", id));
  auto done = post("/v2/checkout/orders/" + id + "/capture", {});
  ASSERT_EQ(done.status, 201);
  EXPECT_EQ(payments(done.json().as_object()).at("captures").at(0).at("amount").at("value"),
            "5.00");
}

TEST_F(paypal_orders, amounts_follow_the_currency_decimals) {
  auto jpy =
      post("/v2/checkout/orders", card_order("CAPTURE", "1000.50", "A", "4012888888881881", "JPY"));
  EXPECT_EQ(jpy.status, 422);
  EXPECT_EQ(jpy.json().at("name"), "UNPROCESSABLE_ENTITY");
  EXPECT_EQ(issue_of(jpy), "DECIMALS_NOT_SUPPORTED");
  auto usd = post("/v2/checkout/orders", card_order("CAPTURE", "10.005"));
  EXPECT_EQ(issue_of(usd), "DECIMAL_PRECISION");
  EXPECT_EQ(s(usd.json().at("details").at(0).at("field")),
            "/purchase_units/@reference_id=='order-1'/amount/value");
  auto huf = order(card_order("CAPTURE", "1500", "A", "4012888888881881", "HUF"));
  EXPECT_EQ(payments(huf).at("captures").at(0).at("amount").at("value"), "1500");
  auto bad = post("/v2/checkout/orders", card_order("CAPTURE", "ten"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(issue_of(bad), "INVALID_PARAMETER_SYNTAX");
}

TEST_F(paypal_orders, error_bodies_carry_name_message_debug_id_details_and_links) {
  boost::json::object no_intent{{"purchase_units", boost::json::array{}}};
  auto r = post("/v2/checkout/orders", no_intent);
  ASSERT_EQ(r.status, 400);
  auto e = r.json().as_object();
  EXPECT_EQ(e.at("name"), "INVALID_REQUEST");
  EXPECT_FALSE(s(e.at("message")).empty());
  EXPECT_EQ(e.at("debug_id"), r.header("paypal-debug-id").c_str());
  EXPECT_EQ(e.at("details").at(0).at("issue"), "MISSING_REQUIRED_PARAMETER");
  EXPECT_EQ(e.at("details").at(0).at("field"), "/intent");
  EXPECT_EQ(e.at("details").at(0).at("location"), "body");
  EXPECT_FALSE(e.at("links").as_array().empty());
  auto missing = fetch("/v2/checkout/orders/NOSUCHORDER");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json().at("name"), "RESOURCE_NOT_FOUND");
  EXPECT_EQ(issue_of(missing), "INVALID_RESOURCE_ID");
  auto malformed = client_->request("POST", "/paypal/v2/checkout/orders", "{not json",
                                    {{"Authorization", "Bearer " + token()}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(issue_of(malformed), "MALFORMED_REQUEST_JSON");
}

}  // namespace
}  // namespace processor_sim::testing
