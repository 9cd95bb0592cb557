// Razorpay webhooks signed in the test (lower-case hex HMAC-SHA256 of the raw body with the
// webhook secret, OpenSSL), over EventService.HandleWebhook and the HTTP receiver.

#include "razorpay.hpp"

namespace e2e {
namespace {

const std::string event_id = "E2ERzpEvent0001";

std::string event_body() {
  boost::json::object payment{{"id", "pay_E2EWebhookPay01"},
                              {"entity", "payment"},
                              {"amount", 125000},
                              {"currency", "INR"},
                              {"status", "captured"},
                              {"order_id", "order_E2EWebhookOrd1"},
                              {"method", "card"},
                              {"captured", true},
                              {"amount_refunded", 0},
                              {"token_id", "token_E2EWebhookTok1"},
                              {"notes", {{"merchant_reference", "e2e-rzp-wh-order"}}},
                              {"error_code", nullptr},
                              {"error_description", nullptr},
                              {"created_at", unix_now()}};
  boost::json::object event{{"entity", "event"},
                            {"account_id", "acc_SimRazorpay001"},
                            {"event", "payment.captured"},
                            {"contains", boost::json::array{"payment"}},
                            {"payload", {{"payment", {{"entity", payment}}}}},
                            {"created_at", unix_now()}};
  return boost::json::serialize(event);
}

std::map<std::string, std::string> headers(const std::string& signature) {
  return {{"Content-Type", "application/json"},
          {"X-Razorpay-Signature", signature},
          {"X-Razorpay-Event-Id", event_id}};
}

grpc::Status handle(const std::string& body, const std::string& signature,
                    const std::string& secret, v1::HandleWebhookResponse* out,
                    const std::string& account = "") {
  v1::HandleWebhookRequest req;
  req.set_connector("razorpay");
  for (const auto& [k, v] : headers(signature)) (*req.mutable_headers())[lower(k)] = v;
  req.set_body(body);
  auto c = ctx(account);
  if (!secret.empty()) c->AddMetadata("x-webhook-secret", secret);
  return env().svc.events->HandleWebhook(c.get(), req, out);
}

void expect_event(const v1::HandleWebhookResponse& res) {
  ASSERT_EQ(res.events_size(), 1) << res.DebugString();
  const auto& e = res.events(0);
  EXPECT_EQ(e.type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(e.processor_event_code(), "payment.captured");
  EXPECT_EQ(e.event_id(), event_id);
  EXPECT_EQ(e.connector_payment_id(), "pay_E2EWebhookPay01");
  EXPECT_EQ(e.connector_operation_id(), "order_E2EWebhookOrd1");
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(e.merchant_reference(), "e2e-rzp-wh-order");
  EXPECT_EQ(e.connector_mandate_id(), "token_E2EWebhookTok1");
  EXPECT_EQ(e.amount().minor_amount(), 125000);
  EXPECT_EQ(e.amount().currency_code(), "INR");
  EXPECT_TRUE(res.acknowledgement().empty()) << res.acknowledgement();
}

TEST(RazorpayWebhooks, SignedEventIsVerifiedAndNormalized) {
  auto body = event_body();
  v1::HandleWebhookResponse res;
  auto s = handle(body, hmac_hex(razorpay_whsec, body), razorpay_whsec, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  expect_event(res);
  // The secret of the razorpay_demo merchant account, by x-merchant-account.
  v1::HandleWebhookResponse by_account;
  s = handle(body, hmac_hex(razorpay_whsec, body), "", &by_account, razorpay_account);
  ASSERT_TRUE(s.ok()) << describe(s);
  expect_event(by_account);
}

TEST(RazorpayWebhooks, TamperedIsBadSignature) {
  auto body = event_body();
  const auto sig = hmac_hex(razorpay_whsec, body);
  auto tampered = body;
  tampered.replace(tampered.find("125000"), 6, "925000");
  for (const auto& [b, signature, secret] :
       {std::tuple{tampered, sig, razorpay_whsec},
        std::tuple{body, hmac_hex(razorpay_wrong_secret, body), razorpay_whsec},
        std::tuple{body, std::string(), razorpay_whsec}}) {
    v1::HandleWebhookResponse res;
    auto s = handle(b, signature, secret, &res);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
    EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE") << describe(s);
    EXPECT_EQ(res.events_size(), 0);
  }
  // Upper-case hex is refused too (the SDK compares the strings).
  std::string upper = sig;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  v1::HandleWebhookResponse res;
  auto s = handle(body, upper, razorpay_whsec, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
}

TEST(RazorpayWebhooks, HttpReceiverAnswers200Or401) {
  auto body = event_body();
  const auto target = "/webhooks/razorpay/" + razorpay_account;
  auto ok = http_request(env().svc.http_port, "POST", target, body, "application/json",
                         {{"X-Razorpay-Signature", hmac_hex(razorpay_whsec, body)},
                          {"X-Razorpay-Event-Id", event_id}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.body.empty()) << ok.body;
  auto bad = http_request(env().svc.http_port, "POST", target, body, "application/json",
                          {{"X-Razorpay-Signature", hmac_hex(razorpay_wrong_secret, body)},
                           {"X-Razorpay-Event-Id", event_id}});
  EXPECT_EQ(bad.status, 401) << bad.body;
  EXPECT_EQ(bad.body.find(razorpay_whsec), std::string::npos);
}

// The simulator's own deliveries (a UPI payment) reached the receiver and were verified.
TEST(RazorpayWebhooks, SimulatorDeliveriesAreAccepted) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(
      razorpay_ctx().get(), rzp::upi_authorize("e2e-rzp-wh-upi", "success@razorpay", 10000), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  auto hook = rzp::webhook("payment.authorized", res.connector_payment_id());
  ASSERT_TRUE(hook.is_object());
  EXPECT_EQ(hook.at("finalStatus"), 200);
  EXPECT_EQ(hook.at("attempts"), 1);
}

}  // namespace
}  // namespace e2e
