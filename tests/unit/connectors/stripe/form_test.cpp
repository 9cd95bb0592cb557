// Form encoding, ids in paths, per-step idempotency keys and the connector's identity.
#include "connectors/stripe/form.hpp"
#include "connectors/registry.hpp"
#include "connectors/stripe/wire.hpp"
#include "test_support.hpp"

namespace stripe_test {
namespace {

namespace stripe = cs::connectors::stripe;

TEST(StripeForm, EncodesEverythingButUnreservedCharacters) {
  stripe::form f;
  f.add("card[number]", "4242").add("q", "a b+c&d=e#f%/?é").add_nested("metadata", "k", "");
  EXPECT_EQ(f.encode(),
            "card%5Bnumber%5D=4242&q=a+b%2Bc%26d%3De%23f%25%2F%3F%C3%A9&metadata%5Bk%5D=");
  auto decoded = decode_form(f.encode());
  ASSERT_EQ(decoded.size(), 3u);
  EXPECT_EQ(decoded[1].second, "a b+c&d=e#f%/?é");
  EXPECT_EQ(decoded[2].first, "metadata[k]");
}

TEST(StripeForm, EmptyFormIsEmptyBody) {
  EXPECT_EQ(stripe::form{}.encode(), "");
}

TEST(StripeWire, StepKeys) {
  EXPECT_EQ(stripe::wire::step_key("abc"), "abc");
  EXPECT_EQ(stripe::wire::step_key("abc", "customer"), "abc:customer");
  auto long_key = std::string(250, 'x');
  auto k = stripe::wire::step_key(long_key, "payment_method");
  EXPECT_EQ(k, cs::connectors::sha256_hex(long_key) + ":payment_method");
  EXPECT_EQ(stripe::wire::step_key(long_key), long_key);  // 250 ≤ 255 as is
}

TEST(StripeWire, IdsAreCheckedBeforeTheyReachAPath) {
  using stripe::wire::check_id;
  EXPECT_TRUE(check_id("pi_123", "f", {"pi_"}, "PaymentIntent").ok());
  EXPECT_FALSE(check_id("pi_", "f", {"pi_"}, "PaymentIntent").ok());
  EXPECT_FALSE(check_id("pi_1/2", "f", {"pi_"}, "PaymentIntent").ok());
  EXPECT_FALSE(check_id("pi_1?x=1", "f", {"pi_"}, "PaymentIntent").ok());
  EXPECT_FALSE(check_id("ch_1", "f", {"pi_"}, "PaymentIntent").ok());
  EXPECT_EQ(check_id("", "f", {"pi_"}, "PaymentIntent").err().reason, reason::missing_field);
  EXPECT_EQ(stripe::wire::path("payment_intents", "pi_1", "capture"),
            "/v1/payment_intents/pi_1/capture");
}

TEST(StripeIdentity, NameCredentialsBaseUrlAndRegistry) {
  const auto& c = cs::connectors::stripe::descriptor();
  EXPECT_EQ(c.name, "stripe");
  EXPECT_EQ(c.credential_keys, std::vector<std::string_view>{"api_key"});
  auto urls = c.base_urls;
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0].name, "default");
  EXPECT_EQ(urls[0].test_default, "https://api.stripe.com");
  EXPECT_EQ(cs::connectors::builtin().find("stripe"), &c);
}

TEST(StripeIdentity, EveryRequestPinsTheApiVersion) {
  auto run = drive(&cs::domain::flow_table::authorize, authorize_token_automatic(), {});
  EXPECT_EQ(header_value(run.requests.at(0), "Stripe-Version"), "2023-08-16");
  EXPECT_EQ(header_value(run.requests.at(0), "Authorization"), std::string("Bearer ") + api_key);
  EXPECT_EQ(run.requests[0].content_type, "application/x-www-form-urlencoded");
}

}  // namespace
}  // namespace stripe_test
