// Webhooks signed in the test (OpenSSL, independent of the connector), over gRPC and over the
// service's HTTP receiver; health over HTTP and grpc.health.v1.

#include "grpc/health/v1/health.grpc.pb.h"
#include "harness.hpp"

namespace e2e {
namespace {

const std::string psp = "E2EWHPAYMENT0001";
const std::string refund_psp = "E2EWHREFUND00001";

std::string good_body() {
  const auto& key = env().hmac_key;
  return notification(
      {notification_item(psp, "", "AUTHORISATION", true, 1000, "e2e-wh-order", key),
       notification_item(refund_psp, psp, "REFUND", true, 400, "e2e-wh-refund", key)});
}

std::string tampered_body() {
  auto body = good_body();
  auto at = body.find("\"value\":1000");
  EXPECT_NE(at, std::string::npos) << body;
  return body.replace(at, 12, "\"value\":9000");
}

grpc::Status handle(const std::string& body, const std::string& secret,
                    v1::HandleWebhookResponse* out, const std::string& account = "") {
  v1::HandleWebhookRequest req;
  req.set_connector("adyen");
  (*req.mutable_headers())["Content-Type"] = "application/json";
  req.set_body(body);
  auto c = ctx(account);
  if (!secret.empty()) c->AddMetadata("x-webhook-secret", secret);
  return env().svc.events->HandleWebhook(c.get(), req, out);
}

void expect_events(const v1::HandleWebhookResponse& res) {
  EXPECT_EQ(res.acknowledgement(), "[accepted]");
  ASSERT_EQ(res.events_size(), 2) << res.DebugString();
  const auto& auth = res.events(0);
  EXPECT_EQ(auth.type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(auth.processor_event_code(), "AUTHORISATION");
  EXPECT_EQ(auth.payment_status(), v1::PAYMENT_STATUS_AUTHORIZED);
  EXPECT_EQ(auth.connector_payment_id(), psp);
  EXPECT_EQ(auth.merchant_reference(), "e2e-wh-order");
  EXPECT_EQ(auth.amount().minor_amount(), 1000);
  EXPECT_EQ(auth.amount().currency_code(), "EUR");
  EXPECT_EQ(auth.event_id(), psp + ":AUTHORISATION:true");
  const auto& refund = res.events(1);
  EXPECT_EQ(refund.type(), v1::EVENT_TYPE_REFUND);
  EXPECT_EQ(refund.refund_status(), v1::REFUND_STATUS_SUCCESS);
  EXPECT_EQ(refund.connector_refund_id(), refund_psp);
  EXPECT_EQ(refund.connector_payment_id(), psp);
  EXPECT_EQ(refund.amount().minor_amount(), 400);
}

TEST(Webhooks, HandleWebhookVerifiesAndNormalizes) {
  v1::HandleWebhookResponse res;
  auto s = handle(good_body(), env().hmac_key, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  expect_events(res);
}

TEST(Webhooks, SecretFromTheMerchantAccount) {
  v1::HandleWebhookResponse res;
  auto s = handle(good_body(), "", &res, "demo");
  ASSERT_TRUE(s.ok()) << describe(s);
  expect_events(res);

  // Neither a secret nor an account: nothing to verify with.
  v1::HandleWebhookResponse none;
  s = handle(good_body(), "", &none);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "MISSING_CREDENTIALS");
  EXPECT_EQ(none.events_size(), 0);
}

TEST(Webhooks, TamperedAmountIsRejected) {
  v1::HandleWebhookResponse res;
  auto s = handle(tampered_body(), env().hmac_key, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  EXPECT_EQ(res.events_size(), 0);
  EXPECT_EQ(s.error_message().find(env().hmac_key), std::string::npos);
}

TEST(Webhooks, WrongKeyIsRejected) {
  v1::HandleWebhookResponse res;
  auto s = handle(good_body(), wrong_hmac_key, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  EXPECT_EQ(s.error_message().find(wrong_hmac_key), std::string::npos);
}

TEST(Webhooks, NotANotificationIsInvalid) {
  v1::HandleWebhookResponse res;
  auto s = handle("{\"hello\":\"world\"}", env().hmac_key, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "body");
}

TEST(Webhooks, HttpReceiver) {
  const auto port = env().svc.http_port;
  auto good = http_request(port, "POST", "/webhooks/adyen/demo", good_body());
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.body, "[accepted]");
  auto bad = http_request(port, "POST", "/webhooks/adyen/demo", tampered_body());
  EXPECT_EQ(bad.status, 401) << bad.body;
  EXPECT_EQ(bad.body.find(env().hmac_key), std::string::npos);
  auto unknown = http_request(port, "POST", "/webhooks/adyen/nobody", good_body());
  EXPECT_EQ(unknown.status, 404) << unknown.body;
}

TEST(Webhooks, Health) {
  auto http = http_request(env().svc.http_port, "GET", "/healthz");
  EXPECT_EQ(http.status, 200) << http.body;

  auto stub = grpc::health::v1::Health::NewStub(env().svc.channel);
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse res;
  auto s = stub->Check(ctx("").get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace e2e
