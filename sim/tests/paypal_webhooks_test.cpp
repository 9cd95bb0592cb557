// PayPal webhooks: RSA-signed over "<transmission id>|<time>|<webhook id>|<crc32>", the
// certificate served at PAYPAL-CERT-URL, retries, and POST
// /v1/notifications/verify-webhook-signature.
#include "paypal_fixture.hpp"

namespace processor_sim::testing {
namespace {

class paypal_webhooks : public paypal_test {
 protected:
  boost::json::object verify_body(const received_webhook& w) {
    return {{"auth_algo", w.header("paypal-auth-algo")},
            {"cert_url", w.header("paypal-cert-url")},
            {"transmission_id", w.header("paypal-transmission-id")},
            {"transmission_sig", w.header("paypal-transmission-sig")},
            {"transmission_time", w.header("paypal-transmission-time")},
            {"webhook_id", paypal_defaults.webhook_id},
            {"webhook_event", w.body}};
  }
};

TEST_F(paypal_webhooks, crc32_matches_paypals_published_vector) {
  // The check value of CRC-32 ("123456789"), which java.util.zip.CRC32 gives too.
  EXPECT_EQ(crc32("123456789"), "3421780262");
  EXPECT_EQ(paypal::crc32_decimal("123456789"), "3421780262");
}

TEST_F(paypal_webhooks, capture_completed_is_signed_and_verifiable) {
  auto o = order(card_order("CAPTURE", "12.00"));
  const std::string cap = s(payments(o).at("captures").at(0).at("id"));
  auto w = wait_event("PAYMENT.CAPTURE.COMPLETED", cap);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->body.at("resource_type"), "capture");
  EXPECT_EQ(w->body.at("resource").at("amount").at("value"), "12.00");
  EXPECT_EQ(w->header("paypal-auth-algo"), "SHA256withRSA");
  EXPECT_EQ(w->header("paypal-cert-url").rfind("https://127.0.0.1:", 0), 0u);
  EXPECT_TRUE(signature_valid(*w, paypal_defaults.webhook_id));
  EXPECT_FALSE(signature_valid(*w, "OTHER-WEBHOOK-ID"));

  auto ok = post("/v1/notifications/verify-webhook-signature", verify_body(*w));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("verification_status"), "SUCCESS");
  auto tampered_body = verify_body(*w);
  tampered_body["webhook_event"].as_object()["summary"] = "tampered";
  auto tampered = post("/v1/notifications/verify-webhook-signature", tampered_body);
  EXPECT_EQ(tampered.json().at("verification_status"), "FAILURE");
  auto wrong_id = verify_body(*w);
  wrong_id["webhook_id"] = "SOMEONE-ELSES";
  EXPECT_EQ(
      post("/v1/notifications/verify-webhook-signature", wrong_id).json().at("verification_status"),
      "FAILURE");
  boost::json::object incomplete = verify_body(*w);
  incomplete.erase("transmission_sig");
  auto missing = post("/v1/notifications/verify-webhook-signature", incomplete);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(issue_of(missing), "MISSING_REQUIRED_PARAMETER");
}

// The control route hands a delivery back as sent, so that a test can deliver it again.
TEST_F(paypal_webhooks, a_sent_delivery_can_be_read_back) {
  auto o = order(card_order("CAPTURE", "11.00"));
  const std::string cap = s(payments(o).at("captures").at(0).at("id"));
  auto w = wait_event("PAYMENT.CAPTURE.COMPLETED", cap);
  ASSERT_TRUE(w);
  const std::string event_id = s(w->body.at("id"));
  auto sent = client_->request("GET", "/_sim/paypal/webhooks/" + event_id);
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto j = sent.json();
  EXPECT_EQ(j.at("body"), w->raw_body.c_str());
  const auto& h = j.at("headers").as_object();
  for (const char* name : {"paypal-transmission-id", "paypal-transmission-time", "paypal-cert-url",
                           "paypal-auth-algo", "paypal-transmission-sig"}) {
    std::string upper(name);
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ASSERT_TRUE(h.contains(upper)) << upper;
    EXPECT_EQ(h.at(upper), w->header(name).c_str()) << upper;
  }
  EXPECT_EQ(client_->request("GET", "/_sim/paypal/webhooks/WH-NOPE").status, 404);
}

TEST_F(paypal_webhooks, denied_and_refunded_events) {
  auto declined = order(card_order("CAPTURE", "10.00", "CCREJECT-IF"));
  const std::string cap = s(payments(declined).at("captures").at(0).at("id"));
  ASSERT_TRUE(wait_event("PAYMENT.CAPTURE.DENIED", cap));
  auto paid = order(card_order("CAPTURE", "10.00"));
  const std::string ok_cap = s(payments(paid).at("captures").at(0).at("id"));
  auto refund = post("/v2/payments/captures/" + ok_cap + "/refund", {});
  ASSERT_EQ(refund.status, 201);
  auto w = wait_event("PAYMENT.CAPTURE.REFUNDED", s(refund.json().at("id")));
  ASSERT_TRUE(w);
  EXPECT_TRUE(signature_valid(*w, paypal_defaults.webhook_id));
}

TEST_F(paypal_webhooks, failed_deliveries_are_retried) {
  sim_config cfg;
  start(cfg, 2);  // the receiver answers 500 twice
  token_.clear();
  auto o = order(card_order("AUTHORIZE"));
  const std::string auth = s(payments(o).at("authorizations").at(0).at("id"));
  auto w = wait_event("PAYMENT.AUTHORIZATION.CREATED", auth);
  ASSERT_TRUE(w);
  EXPECT_TRUE(signature_valid(*w, paypal_defaults.webhook_id));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  bool found = false;
  const auto deliveries = get("/_sim/webhooks").json();
  for (const auto& d : deliveries.as_array()) {
    if (d.at("processor") == "paypal" && d.at("pspReference") == auth.c_str()) {
      found = true;
      EXPECT_EQ(d.at("attempts").as_int64(), 3);
      EXPECT_EQ(d.at("state"), "delivered");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace processor_sim::testing
