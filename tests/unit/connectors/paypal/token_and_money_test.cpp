// PayPal's OAuth2 token (request, reply, cache key) and its money: decimal strings in PayPal's
// decimals per currency (HUF, JPY, TWD without), never floating point.
#include <gtest/gtest.h>

#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"
#include "connectors/paypal/wire.hpp"
#include "test_support.hpp"

namespace paypal_test {
namespace {

namespace wire = cs::connectors::paypal::wire;

TEST(PayPalToken, RequestIsClientCredentialsWithBasicAuth) {
  auto r = wire::token_source().request(creds());
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->method, http_method::post);
  EXPECT_EQ(r->target, "/v1/oauth2/token");
  EXPECT_EQ(r->content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(r->body, "grant_type=client_credentials");
  EXPECT_EQ(header(*r, "Authorization"),
            "Basic " + cs::connectors::base64_encode("AbCdClientId:EfGhClientSecret"));
  EXPECT_TRUE(sensitive(*r, "Authorization"));
}

TEST(PayPalToken, RequestNamesAMissingCredential) {
  credentials c;
  c.set("client_id", "AbCdClientId");
  auto r = wire::token_source().request(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_NE(r.err().message.find("client_secret"), std::string::npos) << r.err().message;
}

TEST(PayPalToken, ReplyGivesTokenAndLifetime) {
  auto t = wire::token_source().read(json_reply(
      200,
      R"({"scope":"https://uri.paypal.com/services/payments/payment","access_token":"A21AAFabc",
               "token_type":"Bearer","app_id":"APP-80W284485P519543T","expires_in":32400,
               "nonce":"2024-01-01T00:00:00Zabc"})"));
  ASSERT_TRUE(t.ok()) << t.err().message;
  EXPECT_EQ(t->value.reveal(), "A21AAFabc");
  EXPECT_EQ(t->lifetime, std::chrono::seconds(32400));
}

TEST(PayPalToken, RefusedClientIsUnauthenticatedWithoutEchoingTheBody) {
  auto t = wire::token_source().read(json_reply(
      401,
      R"({"error":"invalid_client","error_description":"Client Authentication failed AbCdClientId"})"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.err().code, error_code::unauthenticated);
  EXPECT_EQ(t.err().message.find("AbCd"), std::string::npos) << t.err().message;
  auto garbled = wire::token_source().read(json_reply(200, R"({"token_type":"Bearer"})"));
  ASSERT_FALSE(garbled.ok());
  EXPECT_EQ(garbled.err().reason, reason::bad_processor_reply);
}

TEST(PayPalToken, CacheKeyDiffersPerCredentialsAndHoldsNoSecret) {
  auto a = creds();
  auto b = creds();
  b.set("client_secret", "AnotherSecret");
  auto ka = wire::token_source().cache_key(a), kb = wire::token_source().cache_key(b);
  EXPECT_NE(ka, kb);
  EXPECT_EQ(ka, wire::token_source().cache_key(creds()));
  EXPECT_EQ(ka.find("EfGh"), std::string::npos);
  EXPECT_EQ(ka.find("AbCd"), std::string::npos);
}

TEST(PayPalMoney, DecimalStringsInPayPalsDecimals) {
  auto value = [](money m) {
    auto j = wire::money_json(m, "amount");
    EXPECT_TRUE(j.ok()) << (j.ok() ? "" : j.err().message);
    return j.ok() ? std::string(j->at("value").as_string()) : std::string();
  };
  EXPECT_EQ(value({1050, "USD"}), "10.50");
  EXPECT_EQ(value({5, "USD"}), "0.05");
  EXPECT_EQ(value({1000, "JPY"}), "1000");
  EXPECT_EQ(value({150000, "HUF"}), "1500");  // ISO has fillér; PayPal takes whole forints
  EXPECT_EQ(value({300, "TWD"}), "3");
  auto j = wire::money_json({1050, "USD"}, "amount");
  EXPECT_EQ(j->at("currency_code").as_string(), "USD");
}

TEST(PayPalMoney, AmountsWithoutAnExactValueAreRefusedNamingTheField) {
  auto huf = wire::money_json({150050, "HUF"}, "amount");
  ASSERT_FALSE(huf.ok());
  EXPECT_EQ(huf.err().field, "amount.minor_amount");
  auto inr = wire::money_json({1000, "INR"}, "amount");  // not a PayPal currency
  ASSERT_FALSE(inr.ok());
  EXPECT_EQ(inr.err().field, "amount.currency_code");
}

TEST(PayPalMoney, RepliesReadBackExactly) {
  auto read = [](const char* body) {
    auto doc = cs::connectors::json::parse(body, "paypal");
    return wire::read_money(*doc);
  };
  EXPECT_EQ(read(R"({"amount":{"currency_code":"USD","value":"10.50"}})"), (money{1050, "USD"}));
  EXPECT_EQ(read(R"({"amount":{"currency_code":"USD","value":"10.5"}})"), (money{1050, "USD"}));
  EXPECT_EQ(read(R"({"amount":{"currency_code":"HUF","value":"1500"}})"), (money{150000, "HUF"}));
  EXPECT_EQ(read(R"({"amount":{"currency_code":"JPY","value":"1000"}})"), (money{1000, "JPY"}));
  EXPECT_FALSE(read(R"({"amount":{"currency_code":"USD","value":"10.505"}})"));
  EXPECT_FALSE(read(R"({"amount":{"currency_code":"USD","value":"1e3"}})"));
  EXPECT_FALSE(read(R"({"amount":{"currency_code":"USD","value":"-1.00"}})"));
  EXPECT_FALSE(read(R"({"other":1})"));
  // Found by fuzz_paypal_replies: scaling to two decimals must not overflow.
  EXPECT_FALSE(read(R"({"amount":{"currency_code":"USD","value":"4922450030214843210"}})"));
  EXPECT_FALSE(read(R"({"amount":{"currency_code":"USD","value":"99999999999999999999"}})"));
}

}  // namespace
}  // namespace paypal_test
