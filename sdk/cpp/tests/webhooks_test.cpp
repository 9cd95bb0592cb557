// Relay verification: X-Connector-Signature over the raw body, then proto3 JSON parsing.

#include <gtest/gtest.h>

#include "cs/sdk/webhooks.hpp"

namespace {

namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

constexpr std::int64_t now = 1767225600;
const std::string key = "relay-signing-key";
const std::string body =
    R"({"connector":"adyen","merchantAccount":"adyen_demo","events":[{"type":"EVENT_TYPE_PAYMENT",)"
    R"("eventId":"PSP1:AUTHORISATION:true","connectorPaymentId":"PSP1","amount":{"minorAmount":"1000",)"
    R"("currencyCode":"EUR"},"paymentStatus":"PAYMENT_STATUS_AUTHORIZED","newerField":{"x":1}}]})";

TEST(Relay, AcceptsAValidSignature) {
  auto sig = sdk::sign_relay(body, key, now);
  auto relay = sdk::parse_relay(body, sig, key, std::chrono::seconds(300), now + 10);
  ASSERT_TRUE(relay) << relay.error().to_string();
  EXPECT_EQ(relay->connector(), "adyen");
  EXPECT_EQ(relay->merchant_account(), "adyen_demo");
  ASSERT_EQ(relay->events_size(), 1);
  EXPECT_EQ(relay->events(0).type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(relay->events(0).payment_status(), v1::PAYMENT_STATUS_AUTHORIZED);
  EXPECT_EQ(relay->events(0).amount().minor_amount(), 1000);
}

TEST(Relay, RejectsATamperedBody) {
  auto sig = sdk::sign_relay(body, key, now);
  std::string tampered = body;
  tampered.replace(tampered.find("1000"), 4, "9000");
  auto r = sdk::parse_relay(tampered, sig, key, std::chrono::seconds(300), now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(r.error().reason, "BAD_SIGNATURE");
  EXPECT_EQ(r.error().message, "signature mismatch");
  EXPECT_FALSE(sdk::parse_relay(body, sig, "another-key", std::chrono::seconds(300), now));
}

TEST(Relay, RejectsAStaleOrFutureTimestamp) {
  auto sig = sdk::sign_relay(body, key, now);
  auto stale = sdk::parse_relay(body, sig, key, std::chrono::seconds(300), now + 301);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().reason, "BAD_SIGNATURE");
  EXPECT_NE(stale.error().message.find("tolerance"), std::string::npos);
  EXPECT_FALSE(sdk::parse_relay(body, sig, key, std::chrono::seconds(300), now - 301));
  // Zero tolerance: no age check (the caller checks replays otherwise).
  EXPECT_TRUE(sdk::parse_relay(body, sig, key, std::chrono::seconds(0), now + 100000));
}

TEST(Relay, MalformedHeadersAndKeyRotation) {
  for (const char* h : {"", "v1=abc", "t=,v1=abc", "t=12x,v1=ab", "t=1767225600"}) {
    auto r = sdk::verify_relay_signature(body, h, key, std::chrono::seconds(300), now);
    EXPECT_FALSE(r) << h;
  }
  EXPECT_FALSE(sdk::verify_relay_signature(body, sdk::sign_relay(body, key, now), "",
                                           std::chrono::seconds(300), now));
  // During a rotation the header carries one v1 per key; any match is enough.
  auto good = sdk::sign_relay(body, key, now);
  auto header = "t=" + std::to_string(now) + ", v1=" + std::string(64, '0') + "," +
                good.substr(good.find("v1="));
  auto r = sdk::verify_relay_signature(body, header, key, std::chrono::seconds(300), now);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(*r, now);
}

TEST(Relay, VerifiedBodyThatIsNotARelay) {
  std::string junk = "[1,2,3]";
  auto r =
      sdk::parse_relay(junk, sdk::sign_relay(junk, key, now), key, std::chrono::seconds(300), now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.error().field, "body");
}

}  // namespace
