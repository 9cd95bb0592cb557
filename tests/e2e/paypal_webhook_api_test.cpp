// PayPal webhooks verified by PayPal itself (merchant account webhook_verification = "api"):
// deliveries the simulator really sent (read back from its control route) are delivered again to
// a service whose account asks POST /v1/notifications/verify-webhook-signature — over gRPC and
// over the HTTP receiver. PayPal's SUCCESS gives the normalized events, FAILURE is
// UNAUTHENTICATED / 401, and no verdict (PayPal answering 503, or unreachable) is UNAVAILABLE /
// 502 so that PayPal redelivers.

#include "harness.hpp"

namespace e2e {
namespace {

const std::string api_account = "paypal_api";

std::string api_account_config() {
  return "[merchant_accounts." + api_account + "]\nconnector = \"paypal\"\nclient_id = \"" +
         paypal_client_id + "\"\nclient_secret = \"" + paypal_client_secret +
         "\"\nwebhook_secret = \"" + paypal_webhook_id + "\"\nwebhook_verification = \"api\"\n";
}

struct delivery {
  std::map<std::string, std::string> headers;
  std::string body;
  std::string event_id;
  std::string capture;
};

std::int64_t pp_stat(const char* name) {
  return env().stats().at("paypal").at(name).as_int64();
}

// A card payment captured at once on the shared stack, and the PAYMENT.CAPTURE.COMPLETED the
// simulator sent for it, as sent (headers and raw body).
delivery captured_delivery(const std::string& reference) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(ctx(paypal_account).get(),
                                         paypal_card_authorize(reference, false), &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  auto w = env().wait_webhook("PAYMENT.CAPTURE.COMPLETED", res.connector_operation_id());
  EXPECT_TRUE(w.is_object()) << "no PAYMENT.CAPTURE.COMPLETED for " << res.connector_operation_id();
  if (!w.is_object()) return {};
  delivery d;
  d.event_id = std::string(w.at("originalReference").as_string());
  d.capture = res.connector_operation_id();
  auto sent = env().sim_get("/_sim/paypal/webhooks/" + d.event_id);
  EXPECT_EQ(sent.status, 200) << sent.body;
  auto j = boost::json::parse(sent.body);
  for (const auto& [name, value] : j.at("headers").as_object())
    d.headers[std::string(name)] = std::string(value.as_string());
  d.body = std::string(j.at("body").as_string());
  return d;
}

grpc::Status handle(service& svc, const delivery& d, v1::HandleWebhookResponse* out) {
  v1::HandleWebhookRequest req;
  req.set_connector("paypal");
  for (const auto& [name, value] : d.headers) (*req.mutable_headers())[name] = value;
  (*req.mutable_headers())["Content-Type"] = "application/json";
  req.set_body(d.body);
  return svc.events->HandleWebhook(ctx(api_account).get(), req, out);
}

plain_reply receive(service& svc, const delivery& d) {
  return http_request(svc.http_port, "POST", "/webhooks/paypal/" + api_account, d.body,
                      "application/json", d.headers);
}

class PayPalWebhookApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = start_side_service("service-paypal-webhook-api",
                              paypal_config(env().paypal_base()) + api_account_config());
    // PayPal unreachable: the API base URL is a closed loopback port.
    auto closed = "https://127.0.0.1:" + std::to_string(free_port()) + "/paypal";
    down_ =
        start_side_service("service-paypal-api-down", paypal_config(closed) + api_account_config());
  }
  static void TearDownTestSuite() {
    stop_side_service(svc_);
    stop_side_service(down_);
  }
  static inline std::unique_ptr<service> svc_, down_;
};

TEST_F(PayPalWebhookApi, VerifiedByPayPalThenNormalized) {
  ASSERT_TRUE(svc_);
  auto d = captured_delivery("e2e-pp-api-ok");
  ASSERT_FALSE(d.body.empty());
  const auto asked_before = pp_stat("signature_verifications");

  v1::HandleWebhookResponse res;
  auto s = handle(*svc_, d, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(res.events_size(), 1) << res.DebugString();
  const auto& e = res.events(0);
  EXPECT_EQ(e.type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(e.event_id(), d.event_id);
  EXPECT_EQ(e.processor_event_code(), "PAYMENT.CAPTURE.COMPLETED");
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_CHARGED);
  // The simulator's capture carries no supplementary_data (the order id): the capture it is.
  EXPECT_EQ(e.connector_operation_id(), d.capture);
  EXPECT_EQ(e.amount().minor_amount(), 1050);
  EXPECT_EQ(e.amount().currency_code(), "USD");

  auto http = receive(*svc_, d);
  EXPECT_EQ(http.status, 200) << http.body;
  // Both were judged by PayPal (the simulator), not by the certificate.
  EXPECT_EQ(pp_stat("signature_verifications"), asked_before + 2);
}

TEST_F(PayPalWebhookApi, TamperedDeliveryIsFailureAndUnauthenticated) {
  ASSERT_TRUE(svc_);
  auto d = captured_delivery("e2e-pp-api-tampered");
  auto at = d.body.find("\"10.50\"");
  ASSERT_NE(at, std::string::npos) << d.body;
  d.body.replace(at, 7, "\"99.50\"");
  const auto asked_before = pp_stat("signature_verifications");

  v1::HandleWebhookResponse res;
  auto s = handle(*svc_, d, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  EXPECT_EQ(res.events_size(), 0);
  auto http = receive(*svc_, d);
  EXPECT_EQ(http.status, 401) << http.body;
  EXPECT_EQ(pp_stat("signature_verifications"), asked_before + 2);  // PayPal said FAILURE
}

TEST_F(PayPalWebhookApi, MissingTransmissionHeaderIsRefusedWithoutAskingPayPal) {
  ASSERT_TRUE(svc_);
  auto d = captured_delivery("e2e-pp-api-no-sig");
  ASSERT_EQ(d.headers.erase("PAYPAL-TRANSMISSION-SIG"), 1u);
  const auto asked_before = pp_stat("signature_verifications");
  v1::HandleWebhookResponse res;
  auto s = handle(*svc_, d, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  EXPECT_NE(s.error_message().find("PAYPAL-TRANSMISSION-SIG"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(receive(*svc_, d).status, 401);
  EXPECT_EQ(pp_stat("signature_verifications"), asked_before);
}

// PayPal revoked the token early: the verification answered 401 gets one new token and is made
// again, as a flow's call would be.
TEST_F(PayPalWebhookApi, RevokedTokenIsRenewedOnce) {
  ASSERT_TRUE(svc_);
  auto d = captured_delivery("e2e-pp-api-token");
  v1::HandleWebhookResponse first;
  ASSERT_TRUE(handle(*svc_, d, &first).ok());  // the side service has its token now
  ASSERT_EQ(env().sim_post("/_sim/paypal/tokens/expire", boost::json::object{}).status, 200);
  const auto refused_before = pp_stat("invalid_tokens");
  const auto tokens_before = pp_stat("token_requests");
  v1::HandleWebhookResponse res;
  auto s = handle(*svc_, d, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.events_size(), 1);
  EXPECT_EQ(pp_stat("invalid_tokens"), refused_before + 1);
  EXPECT_EQ(pp_stat("token_requests"), tokens_before + 1);
}

// PayPal answers 503: no verdict, so the receiver answers 502 and PayPal redelivers.
TEST_F(PayPalWebhookApi, PayPalErrorIsUnavailableAnd502) {
  ASSERT_TRUE(svc_);
  auto d = captured_delivery("e2e-pp-api-503");
  const std::string verify = "/paypal/v1/notifications/verify-webhook-signature";
  env().queue_fault("status:503", verify, 1);
  v1::HandleWebhookResponse res;
  auto s = handle(*svc_, d, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(res.events_size(), 0);
  env().queue_fault("status:503", verify, 1);
  auto http = receive(*svc_, d);
  EXPECT_EQ(http.status, 502) << http.body;
  EXPECT_EQ(env().stats().at("faults_queued").as_int64(), 0);  // both were met, none retried
  // And once PayPal answers again, the same delivery is verified.
  EXPECT_EQ(receive(*svc_, d).status, 200);
}

TEST_F(PayPalWebhookApi, PayPalUnreachableIsUnavailableAnd502) {
  ASSERT_TRUE(down_);
  auto d = captured_delivery("e2e-pp-api-down");
  v1::HandleWebhookResponse res;
  auto s = handle(*down_, d, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(res.events_size(), 0);
  auto http = receive(*down_, d);
  EXPECT_EQ(http.status, 502) << http.body;
  EXPECT_EQ(http.body.find(paypal_client_secret), std::string::npos);
}

}  // namespace
}  // namespace e2e
