// Stripe wallets: POST /v1/tokens with an Apple Pay pk_token, card[token]=tok_… on
// PaymentMethods (Stripe's test tokens, as Google Pay hands them over, and the simulator's own,
// single use) and PaymentIntents paying with them; the errors of each.
#include "stripe_fixture.hpp"
#include "wallet_test_tokens.hpp"

namespace processor_sim::testing {
namespace {

namespace wt = client::wallet_test_tokens;

class StripeWallets : public stripe_test {
 protected:
  // An Apple Pay token for this DPAN; returns the tok_ id.
  std::string apple_pay_token(const std::string& dpan = "4242424242424242") {
    auto r = post("/v1/tokens", {{"pk_token", wt::apple_pay_payment_data(dpan, 12, 2031)},
                                 {"pk_token_instrument_name", "Visa 4242"},
                                 {"pk_token_payment_network", "Visa"},
                                 {"pk_token_transaction_id", "c0ffee"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? s(r.json().at("id")) : std::string{};
  }
  http_reply method_from(const std::string& tok) {
    return post("/v1/payment_methods", {{"type", "card"}, {"card[token]", tok}});
  }
  std::string method_id(const std::string& tok) {
    auto r = method_from(tok);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? s(r.json().at("id")) : std::string{};
  }
};

TEST_F(StripeWallets, apple_pay_pk_token_becomes_a_card_token) {
  auto r =
      post("/v1/tokens", {{"pk_token", wt::apple_pay_payment_data("5555555555554444", 7, 2031)}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto t = r.json().as_object();
  EXPECT_EQ(s(t.at("id")).rfind("tok_", 0), 0u);
  EXPECT_EQ(t.at("object"), "token");
  EXPECT_EQ(t.at("type"), "card");
  EXPECT_EQ(t.at("used"), false);
  EXPECT_EQ(t.at("livemode"), false);
  EXPECT_TRUE(t.at("client_ip").is_null());
  const auto& card = t.at("card").as_object();
  EXPECT_EQ(s(card.at("id")).rfind("card_", 0), 0u);
  EXPECT_EQ(card.at("object"), "card");
  EXPECT_EQ(card.at("brand"), "MasterCard");
  EXPECT_EQ(card.at("last4"), "4444");
  EXPECT_EQ(card.at("dynamic_last4"), "4444");
  EXPECT_EQ(card.at("exp_month"), 7);
  EXPECT_EQ(card.at("exp_year"), 2031);
  EXPECT_EQ(card.at("funding"), "credit");
  EXPECT_EQ(card.at("tokenization_method"), "apple_pay");
  EXPECT_EQ(r.body.find("5555555555554444"), std::string::npos);
  auto got = fetch("/v1/tokens/" + s(t.at("id")));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.json().at("card").at("id"), card.at("id"));
}

TEST_F(StripeWallets, apple_pay_payment_method_carries_the_wallet_and_pays_like_its_card) {
  const std::string tok = apple_pay_token();
  auto pm = method_from(tok);
  ASSERT_EQ(pm.status, 200) << pm.body;
  const auto pm_body = pm.json();  // outlives `card` (a temporary's member would not)
  const auto& card = pm_body.at("card").as_object();
  EXPECT_EQ(card.at("brand"), "visa");
  EXPECT_EQ(card.at("last4"), "4242");
  EXPECT_EQ(card.at("exp_year"), 2031);
  EXPECT_EQ(card.at("wallet").at("type"), "apple_pay");
  EXPECT_TRUE(card.at("wallet").at("apple_pay").is_object());
  EXPECT_EQ(card.at("wallet").at("dynamic_last4"), "4242");
  auto pi = pay(s(pm_body.at("id")), true);
  ASSERT_EQ(pi.status, 200) << pi.body;
  EXPECT_EQ(pi.json().at("status"), "requires_capture");
  const std::string id = s(pi.json().at("id"));
  auto captured = post("/v1/payment_intents/" + id + "/capture", {});
  EXPECT_EQ(captured.json().at("status"), "succeeded");
  auto charge = fetch("/v1/charges/" + s(captured.json().at("latest_charge")));
  EXPECT_EQ(charge.json().at("payment_method_details").at("card").at("wallet").at("type"),
            "apple_pay");
  EXPECT_EQ(fetch("/v1/tokens/" + tok).json().at("used"), true);
}

TEST_F(StripeWallets, a_declining_dpan_declines_the_intent) {
  auto pi = pay(method_id(apple_pay_token("4000000000009995")));
  EXPECT_EQ(pi.status, 402) << pi.body;
  EXPECT_EQ(error_of(pi).at("code"), "card_declined");
  EXPECT_EQ(error_of(pi).at("decline_code"), "insufficient_funds");
}

TEST_F(StripeWallets, a_token_is_single_use) {
  const std::string tok = apple_pay_token();
  ASSERT_EQ(method_from(tok).status, 200);
  auto again = method_from(tok);
  EXPECT_EQ(again.status, 400) << again.body;
  const auto e = error_of(again);
  EXPECT_EQ(e.at("type"), "invalid_request_error");
  EXPECT_EQ(e.at("code"), "token_already_used");
  EXPECT_EQ(e.at("param"), "card[token]");
  EXPECT_NE(s(e.at("message")).find("You cannot use a Stripe token more than once"),
            std::string::npos);
  // payment_method_data[card][token] is a use too.
  const std::string other = apple_pay_token();
  auto inline_pi = post("/v1/payment_intents", {{"amount", "1000"},
                                                {"currency", "usd"},
                                                {"confirm", "true"},
                                                {"payment_method_data[type]", "card"},
                                                {"payment_method_data[card][token]", other}});
  EXPECT_EQ(inline_pi.status, 200) << inline_pi.body;
  EXPECT_EQ(inline_pi.json().at("status"), "succeeded");
  EXPECT_EQ(method_from(other).json().at("error").at("code"), "token_already_used");
}

TEST_F(StripeWallets, stripe_test_tokens_stand_for_their_test_cards_and_can_be_reused) {
  // What Google Pay gives a Stripe merchant: a token object; the client sends its id.
  const auto google = boost::json::parse(wt::stripe_google_pay_token("tok_visa"));
  const std::string tok = s(google.at("id"));
  auto a = method_from(tok);
  auto b = method_from(tok);
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_NE(a.json().at("id"), b.json().at("id"));
  EXPECT_EQ(a.json().at("card").at("last4"), "4242");
  EXPECT_TRUE(a.json().at("card").at("wallet").is_null());  // the sim cannot know it was Google
  EXPECT_EQ(pay(s(a.json().at("id"))).json().at("status"), "succeeded");
  EXPECT_EQ(method_from("tok_mastercard").json().at("card").at("brand"), "mastercard");
  auto declined = pay(method_id("tok_chargeDeclinedInsufficientFunds"));
  EXPECT_EQ(declined.status, 402);
  EXPECT_EQ(error_of(declined).at("decline_code"), "insufficient_funds");
  auto expired = pay(method_id("tok_chargeDeclinedExpiredCard"));
  EXPECT_EQ(error_of(expired).at("code"), "expired_card");
}

TEST_F(StripeWallets, the_google_pay_control_route_makes_the_token_google_would_hand_over) {
  auto r = client_->request("POST", "/_sim/stripe/google_pay_tokens",
                            boost::json::serialize(boost::json::object{
                                {"token", wt::google_pay_token("4000000000000002", 9, 2032)}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto token = r.json().as_object();
  EXPECT_EQ(token.at("object"), "token");
  EXPECT_EQ(token.at("card").at("tokenization_method"), "android_pay");
  EXPECT_EQ(token.at("card").at("last4"), "0002");
  const auto pm = method_from(s(token.at("id"))).json();
  EXPECT_EQ(pm.at("card").at("wallet").at("type"), "google_pay");
  EXPECT_TRUE(pm.at("card").at("wallet").at("google_pay").is_object());
  auto declined = pay(s(pm.at("id")));
  EXPECT_EQ(declined.status, 402);
  EXPECT_EQ(error_of(declined).at("decline_code"), "generic_decline");
  EXPECT_EQ(method_from(s(token.at("id"))).json().at("error").at("code"), "token_already_used");
  auto bad = client_->request("POST", "/_sim/stripe/google_pay_tokens", R"({"token":"{}"})");
  EXPECT_EQ(bad.status, 422);
}

TEST_F(StripeWallets, unknown_tokens_and_bad_pk_tokens_are_400) {
  auto unknown = method_from("tok_doesnotexist");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(error_of(unknown).at("code"), "resource_missing");
  EXPECT_EQ(error_of(unknown).at("param"), "card[token]");
  EXPECT_EQ(error_of(unknown).at("message"), "No such token: 'tok_doesnotexist'");

  auto bad = post("/v1/tokens", {{"pk_token", "{\"version\":\"EC_v1\",\"data\":\"!!\"}"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_of(bad).at("type"), "invalid_request_error");
  EXPECT_EQ(error_of(bad).at("param"), "pk_token");
  auto google_as_apple =
      post("/v1/tokens", {{"pk_token", wt::google_pay_token("4242424242424242", 12, 2031)}});
  EXPECT_EQ(google_as_apple.status, 400);
  auto not_luhn =
      post("/v1/tokens", {{"pk_token", wt::apple_pay_payment_data("4242424242424241", 12, 2031)}});
  EXPECT_EQ(not_luhn.status, 400);
  auto missing = post("/v1/tokens", {});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(error_of(missing).at("type"), "invalid_request_error");
  auto both =
      post("/v1/payment_methods",
           {{"type", "card"}, {"card[token]", "tok_visa"}, {"card[number]", "4242424242424242"}});
  EXPECT_EQ(both.status, 400);
  EXPECT_EQ(stripe_stats().at("tokens"), 0);
}

TEST_F(StripeWallets, a_wrong_key_is_401) {
  auto r = client_->request(
      "POST", "/stripe/v1/tokens",
      encode({{"pk_token", wt::apple_pay_payment_data("4242424242424242", 12, 2031)}}),
      {{"Authorization", "Bearer sk_test_wrong_key_0000"},
       {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r).at("type"), "invalid_request_error");
  EXPECT_EQ(stripe_stats().at("tokens"), 0);
}

}  // namespace
}  // namespace processor_sim::testing
