// Against the running stack: connector-service in front of processor-sim, started once for the
// run with sdk/testing/stack.sh (stack.hpp).

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cs/sdk/sdk.hpp"
#include "stack.hpp"

namespace {

namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

class Integration : public ::testing::Test {
 protected:
  static inline std::map<std::string, std::string> env;

  static void SetUpTestSuite() {
    if (const auto* s = cs::sdk_tests::test_stack()) env = s->env;
  }
  void SetUp() override {
    ASSERT_TRUE(env.count("CS_GRPC_ADDRESS")) << "the stack did not start (see stderr)";
  }
  static sdk::client client_for(const std::string& account) {
    return sdk::client({.target = env["CS_GRPC_ADDRESS"],
                        .merchant_account = account,
                        .default_deadline = std::chrono::seconds(20)});
  }
};

std::string ref(const std::string& prefix) {
  return "cpp-" + prefix + "-" + sdk::new_idempotency_key().substr(0, 12);
}

v1::Money eur(std::int64_t minor) {
  v1::Money m;
  m.set_minor_amount(minor);
  m.set_currency_code("EUR");
  return m;
}

v1::AuthorizeRequest card_authorize(const std::string& connector, const std::string& reference,
                                    const std::string& number, bool manual) {
  v1::AuthorizeRequest req;
  req.set_connector(connector);
  req.set_merchant_reference(reference);
  *req.mutable_amount() = eur(2500);
  req.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  req.set_return_url("https://shop.example/return");
  auto* card = req.mutable_payment_method()->mutable_card();
  card->set_number(number);
  card->set_expiry_month(3);
  card->set_expiry_year(2030);
  card->set_cvc(connector == "stripe" ? "527" : "737");
  card->set_holder_name("APPROVED");
  return req;
}

TEST_F(Integration, StripeCheckoutCapturesAndRefundsPartially) {
  auto c = client_for(env["CS_STRIPE_ACCOUNT"]);
  auto auth = c.authorize(card_authorize("stripe", ref("stripe"), "4242424242424242", true));
  ASSERT_TRUE(auth) << auth.error().to_string();
  ASSERT_EQ(auth->status(), v1::PAYMENT_STATUS_AUTHORIZED) << auth->DebugString();
  ASSERT_TRUE(auth->connector_payment_id().starts_with("pi_"));

  v1::CaptureRequest cap;
  cap.set_connector("stripe");
  cap.set_connector_payment_id(auth->connector_payment_id());
  *cap.mutable_amount_to_capture() = eur(1500);
  *cap.mutable_payment_amount() = eur(2500);
  auto captured = c.capture(cap);
  ASSERT_TRUE(captured) << captured.error().to_string();
  EXPECT_EQ(captured->status(), v1::PAYMENT_STATUS_PARTIALLY_CHARGED) << captured->DebugString();
  EXPECT_EQ(captured->captured_amount().minor_amount(), 1500);

  v1::RefundRequest rr;
  rr.set_connector("stripe");
  rr.set_connector_payment_id(auth->connector_payment_id());
  *rr.mutable_amount() = eur(500);
  auto refund = c.refund(rr);
  ASSERT_TRUE(refund) << refund.error().to_string();
  EXPECT_EQ(refund->status(), v1::REFUND_STATUS_SUCCESS) << refund->DebugString();

  v1::GetRefundRequest gr;
  gr.set_connector("stripe");
  gr.set_connector_refund_id(refund->connector_refund_id());
  auto back = c.get_refund(gr);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->status(), v1::REFUND_STATUS_SUCCESS);
  EXPECT_EQ(back->amount().minor_amount(), 500);
}

TEST_F(Integration, SameKeyReplaysOneAuthorization) {
  auto c = client_for(env["CS_STRIPE_ACCOUNT"]);
  auto req = card_authorize("stripe", ref("idem"), "4242424242424242", true);
  auto key = sdk::new_idempotency_key();
  auto first = c.authorize(req, {.idempotency_key = key});
  auto again = c.authorize(req, {.idempotency_key = key});
  ASSERT_TRUE(first && again);
  EXPECT_EQ(again->connector_payment_id(), first->connector_payment_id());
}

TEST_F(Integration, StripeDeclineIsAnOutcomeNotAnError) {
  auto c = client_for(env["CS_STRIPE_ACCOUNT"]);
  auto res = c.authorize(card_authorize("stripe", ref("decline"), "4000000000009995", false));
  ASSERT_TRUE(res) << res.error().to_string();
  EXPECT_EQ(res->status(), v1::PAYMENT_STATUS_FAILURE) << res->DebugString();
  EXPECT_EQ(res->error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS);
  EXPECT_EQ(res->error().processor_decline_code(), "insufficient_funds");
}

TEST_F(Integration, InvalidCardNumberNamesTheField) {
  auto c = client_for(env["CS_ADYEN_ACCOUNT"]);
  auto r = c.authorize(card_authorize("adyen", ref("luhn"), "4111111111111112", true),
                       {.request_id = "cpp-luhn-1"});
  ASSERT_FALSE(r);
  const auto& e = r.error();
  EXPECT_EQ(e.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(e.reason, "INVALID_FIELD");
  EXPECT_EQ(e.reason_enum, v1::ERROR_REASON_INVALID_FIELD);
  EXPECT_EQ(e.domain, "connectorservice.v1");
  EXPECT_EQ(e.field, "payment_method.card.number");
  ASSERT_EQ(e.field_violations.size(), 1u);
  EXPECT_EQ(e.field_violations[0].field, "payment_method.card.number");
  EXPECT_FALSE(e.retryable);
  EXPECT_EQ(e.request_id, "cpp-luhn-1");
  EXPECT_FALSE(e.idempotency_key.empty());  // the automatic key, to retry with
  EXPECT_EQ(e.to_string().find("4111111111111112"), std::string::npos);
}

TEST_F(Integration, UnknownMerchantAccountIsMissingCredentials) {
  auto c = client_for("nobody_here");
  auto r = c.authorize(card_authorize("adyen", ref("nobody"), "4111111111111111", true));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(r.error().reason, "MISSING_CREDENTIALS");
  EXPECT_EQ(r.error().reason_enum, v1::ERROR_REASON_MISSING_CREDENTIALS);
  EXPECT_TRUE(r.error().request_id.starts_with("cpp-"));
}

// ---- webhooks: an Adyen notification signed like Adyen does (HMAC over the item's fields) ----

std::string adyen_item(const std::string& psp, const std::string& original, const std::string& code,
                       int value, const std::string& reference, const std::string& key_hex) {
  std::string signed_text = psp + ":" + original + ":DemoMerchantECOM:" + reference + ":" +
                            std::to_string(value) + ":EUR:" + code + ":true";
  std::string key;
  for (std::size_t i = 0; i + 1 < key_hex.size(); i += 2)
    key += static_cast<char>(std::stoi(key_hex.substr(i, 2), nullptr, 16));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac, &len);
  unsigned char b64[128];
  EVP_EncodeBlock(b64, mac, static_cast<int>(len));
  std::string item = R"({"amount": {"currency": "EUR", "value": )" + std::to_string(value) +
                     R"(}, "eventCode": ")" + code +
                     R"(", "eventDate": "2024-05-01T10:00:00+02:00", "merchantAccountCode": )"
                     R"("DemoMerchantECOM", "merchantReference": ")" +
                     reference + R"(", "paymentMethod": "visa", "pspReference": ")" + psp +
                     R"(", "reason": "", "success": "true")";
  if (!original.empty()) item += R"(, "originalReference": ")" + original + "\"";
  item += R"(, "additionalData": {"hmacSignature": ")" + std::string(reinterpret_cast<char*>(b64)) +
          "\"}}";
  return R"({"NotificationRequestItem": )" + item + "}";
}

std::string adyen_notification(const std::string& key_hex) {
  return R"({"live": "false", "notificationItems": [)" +
         adyen_item("CPPWHPAYMENT0001", "", "AUTHORISATION", 1000, "cpp-wh-order", key_hex) + ", " +
         adyen_item("CPPWHREFUND00001", "CPPWHPAYMENT0001", "REFUND", 400, "cpp-wh-refund",
                    key_hex) +
         "]}";
}

const std::map<std::string, std::string> json_headers{{"Content-Type", "application/json"}};

TEST_F(Integration, HandleWebhookVerifiesASignedNotification) {
  auto c = client_for("");
  const auto& key = env["CS_ADYEN_HMAC_KEY"];
  auto res =
      c.handle_webhook("adyen", json_headers, adyen_notification(key), {.webhook_secret = key});
  ASSERT_TRUE(res) << res.error().to_string();
  EXPECT_EQ(res->acknowledgement(), "[accepted]");
  ASSERT_EQ(res->events_size(), 2) << res->DebugString();
  const auto& auth = res->events(0);
  EXPECT_EQ(auth.type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(auth.payment_status(), v1::PAYMENT_STATUS_AUTHORIZED);
  EXPECT_EQ(auth.connector_payment_id(), "CPPWHPAYMENT0001");
  EXPECT_EQ(auth.amount().minor_amount(), 1000);
  const auto& refund = res->events(1);
  EXPECT_EQ(refund.type(), v1::EVENT_TYPE_REFUND);
  EXPECT_EQ(refund.refund_status(), v1::REFUND_STATUS_SUCCESS);
  EXPECT_EQ(refund.connector_refund_id(), "CPPWHREFUND00001");

  // The account's configured secret instead of one in the call.
  auto by_account = c.handle_webhook("adyen", json_headers, adyen_notification(key),
                                     {.merchant_account = env["CS_ADYEN_ACCOUNT"]});
  ASSERT_TRUE(by_account) << by_account.error().to_string();
  EXPECT_EQ(by_account->events_size(), 2);
}

TEST_F(Integration, HandleWebhookRejectsATamperedNotification) {
  auto c = client_for("");
  const auto& key = env["CS_ADYEN_HMAC_KEY"];
  auto body = adyen_notification(key);
  body.replace(body.find(R"("value": 1000)"), 13, R"("value": 9000)");
  auto res = c.handle_webhook("adyen", json_headers, body, {.webhook_secret = key});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(res.error().reason, "BAD_SIGNATURE");
  EXPECT_EQ(res.error().reason_enum, v1::ERROR_REASON_BAD_SIGNATURE);
  EXPECT_EQ(res.error().to_string().find(key), std::string::npos);
}

// ---- the webhook_receiver example, serving: a processor's POST → handle_webhook → the answer ----

TEST_F(Integration, WebhookReceiverExampleAnswersTheProcessor) {
  int port = cs::examples::free_port();
  cs::sdk_tests::example_process p("webhook_receiver", "--connector adyen --target " +
                                                           env["CS_GRPC_ADDRESS"] + " --port " +
                                                           std::to_string(port) + " --requests 3");
  std::string line;
  ASSERT_TRUE(p.next_line(line));
  ASSERT_NE(line.find("webhook receiver on"), std::string::npos) << line;
  const auto url = "http://127.0.0.1:" + std::to_string(port) + "/webhooks/adyen";
  const auto& key = env["CS_ADYEN_HMAC_KEY"];

  auto ok = cs::examples::http_request("POST", url, adyen_notification(key), json_headers);
  EXPECT_EQ(ok.status, 200) << ok.error;
  EXPECT_EQ(ok.body, "[accepted]");
  auto tampered = adyen_notification(key);
  tampered.replace(tampered.find(R"("value": 1000)"), 13, R"("value": 9000)");
  EXPECT_EQ(cs::examples::http_request("POST", url, tampered, json_headers).status, 401);
  EXPECT_EQ(cs::examples::http_request("POST", url, "not json", json_headers).status, 400);

  std::string out;
  EXPECT_EQ(p.wait(out), 0) << out;
  EXPECT_NE(out.find("adyen: EVENT_TYPE_PAYMENT PAYMENT_STATUS_AUTHORIZED (AUTHORISATION) "
                     "payment=CPPWHPAYMENT0001"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("adyen: EVENT_TYPE_REFUND REFUND_STATUS_SUCCESS"), std::string::npos) << out;
  EXPECT_NE(out.find("refused UNAUTHENTICATED/BAD_SIGNATURE"), std::string::npos) << out;
  EXPECT_EQ(out.find(key), std::string::npos);
}

TEST(ExamplesRelay, WebhookReceiverVerifiesTheServicesRelay) {
  const std::string key = "cpp-relay-test-key";
  int port = cs::examples::free_port();
  cs::sdk_tests::example_process p("webhook_receiver",
                                   "--relay --port " + std::to_string(port) + " --requests 2",
                                   {{"CS_SINK_SIGNING_KEY", key}});
  std::string line;
  ASSERT_TRUE(p.next_line(line));
  ASSERT_NE(line.find("relay sink"), std::string::npos) << line;
  const std::string body =
      R"({"connector":"adyen","merchantAccount":"adyen_demo","events":[{"eventId":"ev-cpp-1",)"
      R"("type":"EVENT_TYPE_PAYMENT","connectorPaymentId":"CPPRELAY0001","amount":{)"
      R"("minorAmount":"1000","currencyCode":"EUR"},"paymentStatus":"PAYMENT_STATUS_AUTHORIZED"}]})";
  const auto url = "http://127.0.0.1:" + std::to_string(port) + "/";
  auto ok = cs::examples::http_request("POST", url, body,
                                       {{sdk::signature_header_name, sdk::sign_relay(body, key)}});
  EXPECT_EQ(ok.status, 200) << ok.error;
  auto bad = cs::examples::http_request(
      "POST", url, body, {{sdk::signature_header_name, sdk::sign_relay(body, "another-key")}});
  EXPECT_EQ(bad.status, 401);
  std::string out;
  EXPECT_EQ(p.wait(out), 0) << out;
  EXPECT_NE(out.find("adyen: EVENT_TYPE_PAYMENT PAYMENT_STATUS_AUTHORIZED"), std::string::npos)
      << out;
}

}  // namespace
