// Checkout.com wallets: POST /tokens with the public key (applepay, googlepay, card), payments
// with the tok_ (single use, 15 minutes) and network_token sources (decrypted wallets, VTS/MDES):
// shapes, outcomes by the DPAN, the 422 codes and the keys.
#include "checkout_com_fixture.hpp"
#include "wallet_test_tokens.hpp"

namespace processor_sim::testing {
namespace {

namespace wt = client::wallet_test_tokens;

class CheckoutComWallets : public checkout_com_test {
 protected:
  http_reply tokenize(const boost::json::object& body,
                      const std::string& key = cko_defaults.public_key) {
    return client_->request(
        "POST", "/checkout_com/tokens", boost::json::serialize(body),
        {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}});
  }
  static boost::json::object apple(const std::string& dpan) {
    return {{"type", "applepay"},
            {"token_data", boost::json::parse(wt::apple_pay_payment_data(dpan, 12, 2030))}};
  }
  static boost::json::object google(const std::string& pan,
                                    std::string_view cryptogram = wt::test_cryptogram) {
    // The three members the spec's GooglePayTokenRequest names.
    auto token = boost::json::parse(wt::google_pay_token(pan, 12, 2030, cryptogram)).as_object();
    token.erase("intermediateSigningKey");
    return {{"type", "googlepay"}, {"token_data", token}};
  }
  std::string token_for(const boost::json::object& body) {
    auto r = tokenize(body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? s(r.json().at("token")) : std::string{};
  }
  static boost::json::object pay_with(boost::json::object source, bool capture = true) {
    return {{"source", std::move(source)},
            {"amount", 1050},
            {"currency", "USD"},
            {"capture", capture},
            {"reference", "order-w1"}};
  }
  static boost::json::object token_source(const std::string& tok) {
    return {{"type", "token"}, {"token", tok}};
  }
  static boost::json::object network_token(const std::string& dpan = "4242424242424242",
                                           const char* type = "vts") {
    return {{"type", "network_token"},
            {"token", dpan},
            {"expiry_month", 12},
            {"expiry_year", 2030},
            {"token_type", type},
            {"cryptogram", wt::test_cryptogram},
            {"eci", "05"}};
  }
};

TEST_F(CheckoutComWallets, apple_pay_token_request_answers_the_spec_token_response) {
  auto r = tokenize(apple("4242424242424242"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto t = r.json().as_object();
  EXPECT_EQ(t.at("type"), "applepay");
  EXPECT_EQ(s(t.at("token")).size(), 30u);
  EXPECT_EQ(s(t.at("token")).rfind("tok_", 0), 0u);
  EXPECT_EQ(t.at("expiry_month"), 12);
  EXPECT_EQ(t.at("expiry_year"), 2030);
  EXPECT_EQ(t.at("scheme"), "VISA");
  EXPECT_EQ(t.at("last4"), "4242");
  EXPECT_EQ(t.at("bin"), "424242");
  EXPECT_EQ(t.at("card_type"), "Credit");
  EXPECT_FALSE(r.header("cko-request-id").empty());
  EXPECT_EQ(r.body.find("4242424242424242"), std::string::npos);
  // expires_on: 15 minutes ahead (the control route shows the same time).
  auto state = get("/_sim/checkout_com/tokens/" + s(t.at("token"))).json();
  EXPECT_EQ(state.at("expires_on"), t.at("expires_on"));
  EXPECT_EQ(state.at("used"), false);
  EXPECT_EQ(state.at("token_type"), "applepay");
}

TEST_F(CheckoutComWallets, a_wallet_token_pays_as_its_card_once) {
  const std::string tok = token_for(google("4242424242424242"));
  auto p = pay(pay_with(token_source(tok), false));
  EXPECT_EQ(p.at("approved"), true);
  EXPECT_EQ(p.at("status"), "Authorized");
  const auto& src = p.at("source").as_object();
  EXPECT_EQ(src.at("type"), "card");
  EXPECT_EQ(src.at("last4"), "4242");
  EXPECT_EQ(src.at("expiry_year"), 2030);
  EXPECT_EQ(s(src.at("payment_account_reference")).size(), 29u);
  const std::string id = s(p.at("id"));
  auto captured = post("/payments/" + id + "/captures", {{"amount", 1050}});
  EXPECT_EQ(captured.status, 202) << captured.body;
  EXPECT_EQ(payment(id).at("status"), "Captured");

  auto again = post("/payments", pay_with(token_source(tok)));
  EXPECT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(codes_of(again), std::vector<std::string>{"token_used"});
  EXPECT_EQ(get("/_sim/checkout_com/tokens/" + tok).json().at("used"), true);
}

TEST_F(CheckoutComWallets, a_declining_dpan_declines_and_google_pan_only_is_a_plain_card) {
  auto declined = pay(pay_with(token_source(token_for(apple("4544249167673670")))));
  EXPECT_EQ(declined.at("approved"), false);
  EXPECT_EQ(declined.at("status"), "Declined");
  EXPECT_EQ(declined.at("response_code"), "20051");
  auto pan_only = pay(pay_with(token_source(token_for(google("4242424242424242", "")))));
  EXPECT_EQ(pan_only.at("approved"), true);
  EXPECT_FALSE(pan_only.at("source").as_object().contains("payment_account_reference"));
}

TEST_F(CheckoutComWallets, expired_tokens_are_refused_and_unknown_ones_keep_the_visa) {
  const std::string tok = token_for(apple("4242424242424242"));
  ASSERT_EQ(client_->request("POST", "/_sim/checkout_com/tokens/" + tok + "/expire").status, 200);
  auto r = post("/payments", pay_with(token_source(tok)));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(codes_of(r), std::vector<std::string>{"token_expired"});
  auto other = pay(pay_with(token_source("tok_ubfj2q76miwundwlk72vxt2i7q")));
  EXPECT_EQ(other.at("approved"), true);
  EXPECT_EQ(other.at("source").at("last4"), "4242");
}

TEST_F(CheckoutComWallets, invalid_or_missing_token_data_is_422) {
  auto bad =
      tokenize({{"type", "applepay"}, {"token_data", {{"version", "EC_v1"}, {"data", "!!"}}}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json().at("error_type"), "request_invalid");
  EXPECT_EQ(codes_of(bad), std::vector<std::string>{"token_data_invalid"});
  EXPECT_EQ(s(bad.json().at("request_id")).size(), 36u);
  // An Apple Pay token sent as Google Pay.
  auto swapped = apple("4242424242424242");
  swapped["type"] = "googlepay";
  EXPECT_EQ(codes_of(tokenize(swapped)), std::vector<std::string>{"token_data_invalid"});
  EXPECT_EQ(codes_of(tokenize({{"type", "applepay"}})),
            std::vector<std::string>{"token_data_required"});
  EXPECT_EQ(codes_of(tokenize({{"token_data", boost::json::object{}}})),
            std::vector<std::string>{"token_type_required"});
  EXPECT_EQ(codes_of(tokenize({{"type", "samsungpay"}})),
            std::vector<std::string>{"token_type_invalid"});
  auto card = tokenize({{"type", "card"}, {"number", "4242424242424242"}, {"expiry_month", 6}});
  EXPECT_EQ(codes_of(card), std::vector<std::string>{"card_expiry_year_required"});
  EXPECT_EQ(cko_stats().at("tokens"), 0);
}

TEST_F(CheckoutComWallets, tokens_take_the_public_key_only) {
  auto with_secret = tokenize(apple("4242424242424242"), cko_defaults.secret_key);
  EXPECT_EQ(with_secret.status, 401);
  EXPECT_TRUE(with_secret.body.empty());
  EXPECT_EQ(tokenize(apple("4242424242424242"), "pk_sbox_wrong").status, 401);
  // …and the public key opens nothing else.
  auto payment =
      client_->request("POST", "/checkout_com/payments", boost::json::serialize(payment_body()),
                       {{"Authorization", "Bearer " + cko_defaults.public_key},
                        {"Content-Type", "application/json"}});
  EXPECT_EQ(payment.status, 401);
  EXPECT_EQ(cko_stats().at("tokens"), 0);
  EXPECT_EQ(cko_stats().at("payments"), 0);
  // A card token (the spec's testing type) works with it.
  const std::string tok = token_for({{"type", "card"},
                                     {"number", "4242424242424242"},
                                     {"expiry_month", 6},
                                     {"expiry_year", 2030},
                                     {"cvv", "100"}});
  EXPECT_EQ(pay(pay_with(token_source(tok))).at("source").at("expiry_month"), 6);
}

TEST_F(CheckoutComWallets, network_token_source_pays_by_its_dpan) {
  auto p = pay(pay_with(network_token("4242424242424242", "applepay")));
  EXPECT_EQ(p.at("approved"), true);
  EXPECT_EQ(p.at("status"), "Captured");
  const auto& src = p.at("source").as_object();
  EXPECT_EQ(src.at("type"), "card");  // the spec: sources resulting in a card answer "card"
  EXPECT_EQ(src.at("scheme"), "Visa");
  EXPECT_EQ(src.at("last4"), "4242");
  const std::string par = s(src.at("payment_account_reference"));
  EXPECT_EQ(par.size(), 29u);
  const std::string id = s(p.at("id"));
  EXPECT_EQ(payment(id).at("source").at("payment_account_reference"), par.c_str());
  EXPECT_EQ(get("/_sim/checkout_com/payments/" + id).json().at("source_type"), "network_token");
  auto declined = pay(pay_with(network_token("4544249167673670", "mdes")));
  EXPECT_EQ(declined.at("approved"), false);
  EXPECT_EQ(declined.at("response_code"), "20051");
}

TEST_F(CheckoutComWallets, network_token_required_and_invalid_fields) {
  auto r = post("/payments", pay_with({{"type", "network_token"}}));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"token_required", "expiry_month_required",
                                                   "expiry_year_required", "token_type_required",
                                                   "cryptogram_required", "eci_required"}));
  auto bad = network_token("4242424242424241", "paypal");
  bad["expiry_month"] = 13;
  bad["expiry_year"] = "2030";
  bad["cryptogram"] = "not base64!";
  bad["eci"] = "123";
  auto invalid = post("/payments", pay_with(bad));
  EXPECT_EQ(codes_of(invalid), (std::vector<std::string>{
                                   "token_invalid", "expiry_month_invalid", "expiry_year_invalid",
                                   "token_type_invalid", "cryptogram_invalid", "eci_invalid"}));
  auto expired = network_token();
  expired["expiry_year"] = 2020;
  EXPECT_EQ(codes_of(post("/payments", pay_with(expired))),
            std::vector<std::string>{"card_expired"});
  EXPECT_EQ(cko_stats().at("payments"), 0);
}

TEST_F(CheckoutComWallets, a_follow_up_needs_no_cryptogram) {
  const std::string first = s(pay(pay_with(network_token())).at("id"));
  auto follow_up = pay_with(network_token());
  follow_up["source"].as_object().erase("cryptogram");
  follow_up["source"].as_object().erase("eci");
  follow_up["previous_payment_id"] = first;
  follow_up["merchant_initiated"] = true;
  follow_up["payment_type"] = "Recurring";
  EXPECT_EQ(pay(follow_up).at("approved"), true);
  // With 3-D Secure on it does.
  follow_up["3ds"] = {{"enabled", true}};
  EXPECT_EQ(codes_of(post("/payments", follow_up)),
            (std::vector<std::string>{"cryptogram_required", "eci_required"}));
}

}  // namespace
}  // namespace processor_sim::testing
