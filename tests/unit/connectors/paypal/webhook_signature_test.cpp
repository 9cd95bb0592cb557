// PayPal's local webhook check against the official vector of PayPal's Java SDK
// (tests/vectors/paypal/: ValidateCertTest.setUp() and testClientCert.crt, paypal/PayPal-Java-SDK
// @2a34212): the CRC32, the signed message, the RSA-SHA256 verification, and every tampering.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "connectors/paypal/descriptor.hpp"
#include "connectors/paypal/webhook_signature.hpp"

namespace {

using namespace cs::connectors::paypal;
using cs::domain::http_header;

std::string read(const std::string& name) {
  std::ifstream in(std::string(CS_PAYPAL_VECTOR_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct vector_case {
  std::string webhook_id, body, cert;
  std::vector<http_header> headers;
};

// The official vector's certificate expired on 2019-04-26: it is checked at its transmission time.
std::chrono::system_clock::time_point vector_time() {
  return std::chrono::sys_days{std::chrono::March / 30 / 2017} + std::chrono::hours(20) +
         std::chrono::minutes(4) + std::chrono::seconds(5);
}

vector_case official() {
  auto v = boost::json::parse(read("java_sdk_vector.json")).as_object();
  auto s = [&](const char* k) { return std::string(v.at(k).as_string()); };
  return {s("webhook_id"),
          s("body"),
          read("java_sdk_test_client_cert.crt"),
          {{"PAYPAL-TRANSMISSION-ID", s("transmission_id")},
           {"PAYPAL-TRANSMISSION-TIME", s("transmission_time")},
           {"PAYPAL-CERT-URL", s("cert_url")},
           {"PAYPAL-AUTH-ALGO", s("auth_algo")},
           {"PAYPAL-TRANSMISSION-SIG", s("transmission_sig")}}};
}

cs::domain::status verify(const vector_case& c) {
  auto t = transmission_of(c.headers);
  if (!t) return std::move(t).err();
  return verify_signature(*t, c.webhook_id, c.body, c.cert, vector_time());
}

TEST(PayPalWebhookSignature, OfficialVectorVerifies) {
  auto c = official();
  ASSERT_EQ(c.body.size(), 1636u);
  EXPECT_EQ(crc32(c.body), 3494065244u);  // the value processors-next.md quotes
  auto t = transmission_of(c.headers);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(
      signed_message(*t, c.webhook_id, c.body),
      "071f7d20-1584-11e7-abf0-6b62a8a99ac4|2017-03-30T20:04:05Z|96605875FF6516633|3494065244");
  auto s = verify(c);
  EXPECT_TRUE(s.ok()) << s.err().message;
}

TEST(PayPalWebhookSignature, CertificateOutsideItsDatesIsRefused) {
  auto c = official();
  auto t = transmission_of(c.headers);
  ASSERT_TRUE(t.ok());
  const auto expired = std::chrono::sys_days{std::chrono::December / 5 / 2026};
  auto late = verify_signature(*t, c.webhook_id, c.body, c.cert, expired);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.err().reason, "BAD_SIGNATURE");
  EXPECT_NE(late.err().message.find("not valid"), std::string::npos);
  const auto early = std::chrono::sys_days{std::chrono::January / 1 / 2000};
  EXPECT_FALSE(verify_signature(*t, c.webhook_id, c.body, c.cert, early).ok());
}

TEST(PayPalWebhookSignature, EveryTamperingIsRefused) {
  auto expect_refused = [](const vector_case& c, const char* what) {
    auto s = verify(c);
    ASSERT_FALSE(s.ok()) << what;
    EXPECT_EQ(s.err().code, cs::domain::error_code::unauthenticated) << what;
    EXPECT_EQ(s.err().reason, "BAD_SIGNATURE") << what;
  };
  auto c = official();
  c.body.replace(c.body.find("BILLING.PLAN.CREATED"), 20, "BILLING.PLAN.UPDATED");
  expect_refused(c, "event type changed");
  c = official();
  c.body += "\n";
  expect_refused(c, "trailing newline");
  c = official();
  c.webhook_id = "96605875FF6516634";
  expect_refused(c, "another webhook id");
  c = official();
  c.headers[0].value = "071f7d20-1584-11e7-abf0-6b62a8a99ac5";
  expect_refused(c, "another transmission id");
  c = official();
  c.headers[1].value = "2017-03-30T20:04:06Z";
  expect_refused(c, "another transmission time");
  c = official();
  c.headers[3].value = "SHA1withRSA";
  expect_refused(c, "another algorithm");
  c = official();
  c.headers[4].value = "not base64 at all!";
  expect_refused(c, "garbled signature");
  c = official();
  c.headers.pop_back();
  expect_refused(c, "no signature header");
  c = official();
  c.cert = "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n";
  expect_refused(c, "unreadable certificate");
}

TEST(PayPalWebhookSignature, MissingWebhookIdIsAConfigurationError) {
  auto c = official();
  c.webhook_id.clear();
  auto s = verify(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().reason, "MISSING_CREDENTIALS");
}

TEST(PayPalWebhookSignature, CertificateOnlyFromPayPal) {
  auto ok = [](std::string_view url) { return check_cert_url(url, {"paypal.com"}).ok(); };
  EXPECT_TRUE(ok("https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42"));
  EXPECT_TRUE(ok("https://api.paypal.com/v1/notifications/certs/CERT-360caa42"));
  EXPECT_TRUE(ok("https://API.PayPal.com/v1/notifications/certs/x"));
  EXPECT_FALSE(ok("http://api.paypal.com/v1/notifications/certs/x"));
  EXPECT_FALSE(ok("https://api.paypal.com.evil.example/cert"));
  EXPECT_FALSE(ok("https://evilpaypal.com/cert"));
  EXPECT_FALSE(ok("https://api.paypal.com@evil.example/cert"));
  EXPECT_FALSE(ok("https://api.paypal.com:8443/cert"));
  EXPECT_TRUE(check_cert_url("https://127.0.0.1:8443/paypal/cert", {"127.0.0.1"}, true).ok());
  EXPECT_FALSE(ok("not a url"));
  EXPECT_TRUE(check_cert_url("https://localhost/sim/cert", {"paypal.com", "localhost"}).ok());
}

}  // namespace

namespace {

cs::domain::webhook_request delivery(const vector_case& c) {
  cs::domain::webhook_request r;
  r.headers = c.headers;
  r.body = c.body;
  r.secret_key = cs::domain::secret<std::string>(c.webhook_id);
  r.document = c.cert;
  r.received_at = vector_time();
  return r;
}

TEST(PayPalHandleWebhook, VerifiedDeliveryGivesItsEvent) {
  const auto& d = cs::connectors::paypal::descriptor();
  ASSERT_NE(d.handle_webhook, nullptr);
  auto r = d.handle_webhook(delivery(official()));
  ASSERT_TRUE(r.ok()) << r.err().message;
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].event_id, "WH-2MW4820926242972J-6SG447389E205703U");
  EXPECT_EQ(r->events[0].processor_event_code, "BILLING.PLAN.CREATED");
  EXPECT_EQ(r->events[0].type, cs::domain::event_type::other);
}

TEST(PayPalHandleWebhook, NothingFromAnUnverifiedBody) {
  const auto& d = cs::connectors::paypal::descriptor();
  auto req = delivery(official());
  req.body.replace(req.body.find("BILLING.PLAN.CREATED"), 20, "PAYMENT.CAPTURE.DONE");
  auto r = d.handle_webhook(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, "BAD_SIGNATURE");
  req = delivery(official());
  req.document.clear();  // the certificate could not be had
  EXPECT_FALSE(d.handle_webhook(req).ok());
}

TEST(PayPalHandleWebhook, CertificateIsFetchedOnlyFromPayPalOrTheConfiguredApiHost) {
  const auto& d = cs::connectors::paypal::descriptor();
  ASSERT_NE(d.webhook_fetch, nullptr);
  auto req = delivery(official());
  auto url = d.webhook_fetch->url(req);
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(*url, "https://api.sandbox.paypal.com/v1/notifications/test");
  req.headers[2].value = "https://127.0.0.1/sim/paypal/certs/CERT-1";
  EXPECT_FALSE(d.webhook_fetch->url(req).ok());
  req.api_host = "127.0.0.1";  // the simulator, as the configured base URL's host
  EXPECT_TRUE(d.webhook_fetch->url(req).ok());
  req.headers[2].value = "https://127.0.0.1:44321/paypal/v1/notifications/certs/CERT-1";
  EXPECT_TRUE(d.webhook_fetch->url(req).ok());
  req.headers[2].value = "https://api.paypal.com:44321/v1/notifications/certs/CERT-1";
  EXPECT_FALSE(d.webhook_fetch->url(req).ok());
  req.headers.erase(req.headers.begin() + 2);
  EXPECT_EQ(d.webhook_fetch->url(req).err().reason, "BAD_SIGNATURE");
}

}  // namespace
