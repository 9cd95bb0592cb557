// authorize with Apple Pay and Google Pay (POST /tokens with the public key, then the payment
// with the token) and with network tokens (the network_token source).
#include <boost/json.hpp>

#include "test_support.hpp"

namespace cko_test {
namespace {

constexpr const char* public_key = "pk_sbox_ejblhj7vyhxmeu3mjcqrhuq3hi5";
constexpr const char* apple_data =
    R"({"version":"EC_v1","data":"ZGF0YQ==","signature":"c2ln","header":{"transactionId":"ab"}})";
// Checkout.com reads version, data, signature and header: all of them, nothing more.
constexpr const char* cryptogram = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";
constexpr const char* token_reply =
    R"({"type":"applepay","token":"tok_ubfj2q76miwundwlk72vxt2i7q","expires_on":"2026-12-05T13:15:00Z",)"
    R"("expiry_month":12,"expiry_year":2029,"last4":"1111","bin":"411111"})";
constexpr const char* payment_reply_approved =
    R"({"id":"pay_mbabizu24mvu3mela5njyhpit4","action_id":"act_y3oqhf46pyzuxjbcn2giaqnb44",)"
    R"("amount":1050,"currency":"USD","approved":true,"status":"Authorized",)"
    R"("response_code":"10000","response_summary":"Approved"})";

credentials wallet_creds() {
  auto c = creds();
  c.set("public_key", public_key);
  return c;
}

authorize_request with(payment_method m) {
  auto r = card_authorize();
  r.return_url = "https://shop.example/return";
  r.method = std::move(m);
  return r;
}

std::string header(const http_request& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.name == name) return h.value;
  return {};
}

TEST(CheckoutComWallets, ApplePayIsTokenizedWithThePublicKeyThenPaidWithTheToken) {
  auto run = drive(&flow_table::authorize, with(wallet::of(wallet_type::apple_pay, apple_data)),
                   {reply(201, token_reply), reply(201, payment_reply_approved)}, wallet_creds());
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& tokenize = run.requests[0];
  EXPECT_EQ(tokenize.target, "/tokens");
  EXPECT_EQ(header(tokenize, "Authorization"), std::string("Bearer ") + public_key);
  EXPECT_EQ(header(tokenize, "Cko-Idempotency-Key"), "");
  auto body = boost::json::parse(tokenize.body).as_object();
  EXPECT_EQ(body.at("type"), "applepay");
  EXPECT_EQ(body.at("token_data"), boost::json::parse(apple_data));
  const auto& pay = run.requests[1];
  EXPECT_EQ(pay.target, "/payments");
  EXPECT_EQ(header(pay, "Authorization"), std::string("Bearer ") + key);
  auto pay_body = boost::json::parse(pay.body).as_object();
  EXPECT_EQ(pay_body.at("source").at("type"), "token");
  EXPECT_EQ(pay_body.at("source").at("token"), "tok_ubfj2q76miwundwlk72vxt2i7q");
  // The wallet's cryptogram authenticates the shopper: no 3-D Secure.
  EXPECT_FALSE(pay_body.contains("3ds"));
  EXPECT_EQ(run.value().status, payment_status::authorized);
}

TEST(CheckoutComWallets, GooglePayTokenTypeAndMissingPublicKey) {
  wallet g{.type = wallet_type::google_pay,
           .token = secret<std::string>(R"({"protocolVersion":"ECv2","signature":"s",)"
                                        R"("signedMessage":"{}"})")};
  auto run = drive(&flow_table::authorize, with(g), {}, wallet_creds());
  ASSERT_EQ(run.requests.size(), 1u);
  auto body = boost::json::parse(run.requests[0].body);
  EXPECT_EQ(body.at("type"), "googlepay");
  EXPECT_EQ(body.at("token_data").as_object().size(), 3u);

  // A token without one of the fields Checkout.com reads is refused before any call.
  g.token = secret<std::string>(R"({"protocolVersion":"ECv2","signature":"s"})");
  auto partial = drive(&flow_table::authorize, with(g), {}, wallet_creds());
  EXPECT_TRUE(partial.requests.empty());
  ASSERT_TRUE(partial.outcome && !partial.outcome->ok());
  EXPECT_EQ(partial.outcome->err().field, "payment_method.google_pay.payment_token");
  g.token =
      secret<std::string>(R"({"protocolVersion":"ECv2","signature":"s",)"
                          R"("intermediateSigningKey":{"signedKey":"k"},"signedMessage":"{}"})");

  auto without = drive(&flow_table::authorize, with(g), {}, creds());
  EXPECT_TRUE(without.requests.empty());
  ASSERT_TRUE(without.outcome && !without.outcome->ok());
  EXPECT_EQ(without.outcome->err().code, error_code::unauthenticated);
  EXPECT_NE(without.outcome->err().message.find("x-auth-public-key"), std::string::npos);
}

TEST(CheckoutComWallets, RefusedWalletTokenIsInvalidArgumentAndNoPaymentIsMade) {
  auto run = drive(&flow_table::authorize, with(wallet::of(wallet_type::apple_pay, apple_data)),
                   {reply(422, R"({"request_id":"r1","error_type":"request_invalid",)"
                               R"("error_codes":["token_data_invalid"]})")},
                   wallet_creds());
  ASSERT_EQ(run.requests.size(), 1u);
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().code, error_code::invalid_argument);
  EXPECT_EQ(run.outcome->err().field, "payment_method.apple_pay.payment_token");
}

TEST(CheckoutComWallets, NetworkTokenSourceNamesItsTypeByOriginOrScheme) {
  auto source_of = [](network_token t) {
    auto run = drive(&flow_table::authorize, with(std::move(t)), {});
    return boost::json::parse(run.requests.at(0).body).at("source").as_object();
  };
  network_token t{secret<std::string>("4111111111111111"),
                  3,
                  2030,
                  secret<std::string>(cryptogram),
                  "05",
                  "",
                  token_origin::apple_pay};
  auto src = source_of(t);
  EXPECT_EQ(src.at("type"), "network_token");
  EXPECT_EQ(src.at("token"), "4111111111111111");
  EXPECT_EQ(src.at("expiry_month"), 3);
  EXPECT_EQ(src.at("expiry_year"), 2030);
  EXPECT_EQ(src.at("token_type"), "applepay");
  EXPECT_EQ(src.at("cryptogram"), cryptogram);
  EXPECT_EQ(src.at("eci"), "05");
  t.origin = token_origin::google_pay;
  EXPECT_EQ(source_of(t).at("token_type"), "googlepay");
  t.origin = token_origin::token_service;
  EXPECT_EQ(source_of(t).at("token_type"), "vts");
  t.number = secret<std::string>("5555555555554444");
  EXPECT_EQ(source_of(t).at("token_type"), "mdes");
  t.number = secret<std::string>("378282246310005");  // Amex: no VTS/MDES token
  auto run = drive(&flow_table::authorize, with(t), {});
  EXPECT_TRUE(run.requests.empty());
  ASSERT_TRUE(run.outcome && !run.outcome->ok());
  EXPECT_EQ(run.outcome->err().field, "payment_method.network_token.number");
}

TEST(CheckoutComWallets, PublicKeyCredentialMustLookLikeOne) {
  const auto& c = cs::connectors::checkout_com::descriptor();
  EXPECT_TRUE(check_secret(c, "public_key", public_key).ok());
  auto s = check_secret(c, "public_key", "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().field, "public_key");
}

}  // namespace
}  // namespace cko_test
