// Webhooks: bt_signature / bt_payload checked as the SDK does, the XML normalized, the verify
// challenge answered (the SDK's documented vector), XML with a DOCTYPE refused. The full set of
// SDK-made deliveries is in tests/vectors/braintree_webhook_vector_test.cpp.
#include "connectors/braintree/webhook.hpp"
#include "connectors/common/crypto.hpp"
#include "test_support.hpp"

#include <fmt/format.h>

namespace bt_test {
namespace {

namespace bt = cs::connectors::braintree;

std::string payload_of(std::string_view xml) {
  return cs::connectors::base64_encode(xml) + "\n";
}

std::string form(std::string_view sig, std::string_view payload) {
  auto enc = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
        out += static_cast<char>(c);
      else
        out += fmt::format("%{:02X}", c);
    }
    return out;
  };
  return "bt_signature=" + enc(sig) + "&bt_payload=" + enc(payload);
}

webhook_request delivery(std::string body) {
  webhook_request r;
  r.body = std::move(body);
  r.secret_key = secret<std::string>(std::string(public_key) + ":" + private_key);
  return r;
}

TEST(BraintreeWebhook, TheDescriptorAnswersTheChallengeOfAUrlQuery) {
  const auto& c = cs::connectors::braintree::descriptor();
  ASSERT_TRUE(c.webhook_challenge);
  const secret<std::string> keys("integration_public_key:integration_private_key");
  EXPECT_EQ(*c.webhook_challenge("x=1&bt_challenge=20f9f8ed05f77439fe955c977e4c8a53", keys),
            "integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4");
  EXPECT_EQ(c.webhook_challenge("x=1", keys).err().field, "bt_challenge");
  EXPECT_EQ(c.webhook_challenge("bt_challenge=%zz", keys).err().field, "bt_challenge");
  EXPECT_EQ(c.webhook_challenge("bt_challenge=ABC", keys).err().field, "bt_challenge");
  EXPECT_EQ(c.webhook_challenge("bt_challenge=20f9f8ed05f77439fe955c977e4c8a53",
                                secret<std::string>("no-colon"))
                .err()
                .reason,
            reason::missing_credentials);
}

TEST(BraintreeWebhook, TheSdkDocumentedChallengeAnswer) {
  auto k = *bt::webhook_keys_of("integration_public_key:integration_private_key");
  EXPECT_EQ(*bt::verify_challenge("20f9f8ed05f77439fe955c977e4c8a53", k),
            "integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4");
  for (auto bad : {"20F9F8ED05F77439FE955C977E4C8A53", "a1b2c3", "", "<script>"})
    EXPECT_FALSE(bt::verify_challenge(bad, k)) << bad;
}

TEST(BraintreeWebhook, SignedDeliveryIsNormalizedAndTamperingRefused) {
  auto xml = std::string(
      "<notification><timestamp type=\"datetime\">2026-01-02T03:04:05Z</timestamp>"
      "<kind>transaction_settled</kind><subject><transaction><id>cs7q2x9m</id>"
      "<status>settled</status><currency-iso-code>USD</currency-iso-code><amount>10.50</amount>"
      "<order-id>order-1001</order-id></transaction></subject></notification>");
  auto payload = payload_of(xml);
  auto k = *bt::webhook_keys_of(std::string(public_key) + ":" + private_key);
  auto sig = bt::signature_pair(payload, k);
  auto r = cs::connectors::braintree::descriptor().handle_webhook(delivery(form(sig, payload)));
  ASSERT_TRUE(r) << r.err().message;
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = r->events[0];
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.payment, payment_status::charged);
  EXPECT_EQ(e.connector_payment_id, "cs7q2x9m");
  EXPECT_EQ(e.merchant_reference, "order-1001");
  EXPECT_EQ(e.amount, (money{1050, "USD"}));
  EXPECT_EQ(e.event_id, "transaction_settled:cs7q2x9m:2026-01-02T03:04:05Z");
  auto tampered = payload_of(xml.replace(xml.find("10.50"), 5, "99.50"));
  auto bad = cs::connectors::braintree::descriptor().handle_webhook(delivery(form(sig, tampered)));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().reason, reason::bad_signature);
  auto no_secret = delivery(form(sig, payload));
  no_secret.secret_key = secret<std::string>("");
  EXPECT_EQ(cs::connectors::braintree::descriptor().handle_webhook(no_secret).err().code,
            error_code::unauthenticated);
}

TEST(BraintreeWebhook, ADoctypeIsRefusedEvenWhenSigned) {
  auto xml =
      std::string("<!DOCTYPE n [<!ENTITY x \"y\">]><notification><kind>&x;</kind></notification>");
  auto payload = payload_of(xml);
  auto k = *bt::webhook_keys_of(std::string(public_key) + ":" + private_key);
  auto r = cs::connectors::braintree::descriptor().handle_webhook(
      delivery(form(bt::signature_pair(payload, k), payload)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::invalid_argument);
}

}  // namespace
}  // namespace bt_test
