// PayPal's verify-webhook-signature call (accounts with webhook_verification = "api"), through the
// descriptor's webhook_verify: the request (the transmission headers as fields, the event embedded
// byte for byte as a JSON object, Bearer token) and the verdict read back.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using namespace paypal_test;

// Keys in an order Boost.JSON would not keep if it re-serialised the event, and spaces.
const std::string event_body =
    R"({"resource":{"id":"3C679366HH908993F","status":"COMPLETED",)"
    R"("amount":{"currency_code":"USD","value":"10.50"},)"
    R"("supplementary_data":{"related_ids":{"order_id":"5O190127TN364715T"}}},  "id":"WH-7Y7254563A4550640-11V2185806837105M",)"
    R"("event_type":"PAYMENT.CAPTURE.COMPLETED","resource_type":"capture"})";

const webhook_verify_call& call() {
  const auto* c = cs::connectors::paypal::descriptor().webhook_verify;
  EXPECT_NE(c, nullptr);
  return *c;
}

webhook_request delivery(std::string body = event_body) {
  webhook_request r;
  r.headers = {
      {"PAYPAL-TRANSMISSION-ID", "69cd13f0-d67a-11e5-baa3-778b53f4ae55"},
      {"PAYPAL-TRANSMISSION-TIME", "2016-02-18T20:01:35Z"},
      {"PAYPAL-CERT-URL", "https://api-m.sandbox.paypal.com/v1/notifications/certs/C-1"},
      {"PAYPAL-AUTH-ALGO", "SHA256withRSA"},
      {"PAYPAL-TRANSMISSION-SIG", "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rM=="}};
  r.body = std::move(body);
  r.secret_key = secret<std::string>("1JE4291016473214C");
  return r;
}

TEST(PayPalWebhookVerifyApi, RequestCarriesTheHeadersAndTheEventAsItsOwnObject) {
  auto r = call().request(delivery(), creds());
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->method, http_method::post);
  EXPECT_EQ(r->target, "/v1/notifications/verify-webhook-signature");
  EXPECT_EQ(r->base, "default");
  EXPECT_EQ(r->step, "verify");
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(header(*r, "Authorization"), std::string("Bearer ") + token);
  EXPECT_TRUE(sensitive(*r, "Authorization"));
  EXPECT_EQ(header(*r, "PayPal-Request-Id"), "");  // nothing to deduplicate: no side effect
  EXPECT_TRUE(r->idempotency_key.empty());

  auto body = boost::json::parse(r->body).as_object();
  EXPECT_EQ(body.size(), 7u) << r->body;
  EXPECT_EQ(body.at("auth_algo"), "SHA256withRSA");
  EXPECT_EQ(body.at("cert_url"), "https://api-m.sandbox.paypal.com/v1/notifications/certs/C-1");
  EXPECT_EQ(body.at("transmission_id"), "69cd13f0-d67a-11e5-baa3-778b53f4ae55");
  EXPECT_EQ(body.at("transmission_sig"), "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rM==");
  EXPECT_EQ(body.at("transmission_time"), "2016-02-18T20:01:35Z");
  EXPECT_EQ(body.at("webhook_id"), "1JE4291016473214C");
  // An object, not a string holding one, and the very bytes PayPal sent.
  ASSERT_TRUE(body.at("webhook_event").is_object());
  EXPECT_EQ(body.at("webhook_event").at("id"), "WH-7Y7254563A4550640-11V2185806837105M");
  EXPECT_NE(r->body.find(R"("webhook_event":)" + event_body + "}"), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find("EfGhClientSecret"), std::string::npos);
}

TEST(PayPalWebhookVerifyApi, HeaderNamesAnyCase) {
  auto d = delivery();
  for (auto& h : d.headers)
    for (auto& c : h.name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(call().check(d).ok());
  EXPECT_TRUE(call().request(d, creds()).ok());
}

TEST(PayPalWebhookVerifyApi, MissingTransmissionHeaderIsBadSignatureBeforeAnyCall) {
  for (const char* name : {"PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-CERT-URL",
                           "PAYPAL-AUTH-ALGO", "PAYPAL-TRANSMISSION-SIG"}) {
    auto d = delivery();
    std::erase_if(d.headers, [&](const http_header& h) { return h.name == name; });
    auto s = call().check(d);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(s.err().code, error_code::unauthenticated) << name;
    EXPECT_EQ(s.err().reason, reason::bad_signature) << name;
    EXPECT_NE(s.err().message.find(name), std::string::npos) << s.err().message;
    EXPECT_FALSE(call().request(d, creds()).ok()) << name;
  }
}

TEST(PayPalWebhookVerifyApi, BodyThatIsNoJsonObjectIsRefused) {
  for (const char* body : {"", "not json", "[1,2]", R"("a string")", R"({"id":"WH-1"} trailing)"}) {
    auto s = call().check(delivery(body));
    ASSERT_FALSE(s.ok()) << body;
    EXPECT_EQ(s.err().code, error_code::invalid_argument) << body;
    EXPECT_EQ(s.err().field, "body");
    EXPECT_FALSE(call().request(delivery(body), creds()).ok()) << body;
  }
}

TEST(PayPalWebhookVerifyApi, NeedsTheWebhookIdAndTheToken) {
  auto d = delivery();
  d.secret_key = secret<std::string>("");
  auto r = call().request(d, creds());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_EQ(r.err().reason, reason::missing_credentials);

  credentials no_token;
  no_token.set("client_id", "AbCdClientId");
  no_token.set("client_secret", "EfGhClientSecret");
  auto t = call().request(delivery(), no_token);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.err().code, error_code::unauthenticated);
  EXPECT_EQ(t.err().message.find("EfGhClientSecret"), std::string::npos);
}

TEST(PayPalWebhookVerifyApi, SuccessIsVerified) {
  EXPECT_TRUE(call().read(json_reply(200, R"({"verification_status":"SUCCESS"})")).ok());
}

TEST(PayPalWebhookVerifyApi, FailureIsBadSignature) {
  auto s = call().read(json_reply(200, R"({"verification_status":"FAILURE"})"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().code, error_code::unauthenticated);
  EXPECT_EQ(s.err().reason, reason::bad_signature);
}

TEST(PayPalWebhookVerifyApi, A400IsNotVerified) {
  auto s = call().read(json_reply(
      400, R"({"name":"VALIDATION_ERROR","details":[{"issue":"MISSING_REQUIRED_PARAMETER"}]})"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().code, error_code::unauthenticated);
  EXPECT_EQ(s.err().reason, reason::bad_signature);
}

TEST(PayPalWebhookVerifyApi, NoVerdictIsUnavailable) {
  const std::pair<int, std::string> replies[] = {
      {200, R"({"verification_status":"success"})"},  // not PayPal's word
      {200, R"({"verification_status":"MAYBE"})"},
      {200, R"({"verification_status":true})"},
      {200, R"({"status":"SUCCESS"})"},
      {200, R"({})"},
      {200, "<html>SUCCESS</html>"},
      {200, ""},
      {500, R"({"name":"INTERNAL_SERVICE_ERROR"})"},
      {503, "Service Unavailable"},
      {401, R"({"error":"invalid_token"})"},
      {429, ""},
  };
  for (const auto& [status, body] : replies) {
    auto s = call().read(json_reply(status, body));
    ASSERT_FALSE(s.ok()) << status << " " << body;
    EXPECT_EQ(s.err().code, error_code::unavailable) << status << " " << body;
    EXPECT_TRUE(s.err().retryable) << status << " " << body;
    EXPECT_EQ(s.err().message.find("MAYBE"), std::string::npos) << s.err().message;
  }
}

TEST(PayPalWebhookVerifyApi, VerifiedEventsAreNormalizedAsTheLocalCheckDoes) {
  auto r = call().events(delivery());
  ASSERT_TRUE(r.ok()) << r.err().message;
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = r->events.front();
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.event_id, "WH-7Y7254563A4550640-11V2185806837105M");
  EXPECT_EQ(e.payment, payment_status::charged);
  EXPECT_EQ(e.connector_payment_id, "5O190127TN364715T");
  EXPECT_EQ(e.connector_operation_id, "3C679366HH908993F");
  EXPECT_EQ(e.amount, (money{1050, "USD"}));
}

}  // namespace
