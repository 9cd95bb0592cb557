// X-Razorpay-Signature verification (vectors computed here with OpenSSL, independently of the
// connector) and the normalization of every event family.
#include <cctype>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include "connectors/razorpay/signature.hpp"
#include "test_support.hpp"

namespace razorpay_test {
namespace {

namespace rzp = cs::connectors::razorpay;

std::string openssl_hex_hmac(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < len; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 0xf];
  }
  return hex;
}

webhook_request webhook(const std::string& body, const std::string& signature,
                        const std::string& key = webhook_secret,
                        const std::string& event_id = "evt_NtFA1bC2dE3fG4") {
  webhook_request w;
  w.body = body;
  if (!signature.empty()) w.headers.push_back({"X-Razorpay-Signature", signature, false});
  if (!event_id.empty()) w.headers.push_back({"X-Razorpay-Event-Id", event_id, false});
  w.secret_key = secret<std::string>(key);
  return w;
}

result<webhook_result> handle(const webhook_request& w) {
  return cs::connectors::razorpay::descriptor().handle_webhook(w);
}

webhook_event event_of(const std::string& golden_name) {
  auto body = golden(golden_name);
  auto r = handle(webhook(body, openssl_hex_hmac(webhook_secret, body)));
  if (!r.ok()) {
    ADD_FAILURE() << golden_name << ": " << r.err().message;
    return {};
  }
  EXPECT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->acknowledgement, "");
  return r->events.at(0);
}

void expect_bad_signature(const result<webhook_result>& r, const std::string& says) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_EQ(r.err().reason, reason::bad_signature);
  EXPECT_NE(r.err().message.find(says), std::string::npos) << r.err().message;
  EXPECT_EQ(r.err().message.find(webhook_secret), std::string::npos);
}

TEST(RazorpayWebhookSignature, FixedVector) {
  // `printf '%s' '{"entity":"event","event":"payment.captured"}' |
  //  openssl dgst -sha256 -hmac rzp_webhook_secret_test_42`
  const std::string body = R"({"entity":"event","event":"payment.captured"})";
  const std::string expected = "09479a4ebccc88d78bca285964a7473ce707327fc86adcba146ba683722d8284";
  EXPECT_EQ(openssl_hex_hmac(webhook_secret, body), expected);
  EXPECT_EQ(rzp::webhook_signature(webhook_secret, body), expected);
  EXPECT_TRUE(rzp::verify_webhook(expected, body, webhook_secret).ok());
}

TEST(RazorpayWebhookSignature, CheckoutVectorMatchesTheSdkFormula) {
  // validatePaymentVerification: HMAC-SHA256(key_secret, order_id + "|" + payment_id), hex.
  // `printf '%s' 'order_NtEHsWNBBiFbMd|pay_NtEI3XtBTM5pBG' |
  //  openssl dgst -sha256 -hmac rzpSecretTestValue0123456789`
  const std::string expected = "570f0ff2b808bc916d35226f1c086d16d1291aac1323e9abe98b754205316c8a";
  EXPECT_EQ(openssl_hex_hmac(key_secret, std::string(order_id) + "|" + pay_id), expected);
  EXPECT_EQ(rzp::checkout_signature(key_secret, order_id, pay_id), expected);
}

TEST(RazorpayWebhookSignature, TamperedBodyIsRefused) {
  auto body = golden("event_payment_captured.json");
  auto sig = openssl_hex_hmac(webhook_secret, body);
  auto tampered = body;
  tampered.replace(tampered.find("50000"), 5, "90000");
  expect_bad_signature(handle(webhook(tampered, sig)), "does not match");
}

TEST(RazorpayWebhookSignature, WrongSecretIsRefused) {
  auto body = golden("event_payment_captured.json");
  expect_bad_signature(handle(webhook(body, openssl_hex_hmac("another-secret", body))),
                       "does not match");
}

TEST(RazorpayWebhookSignature, MissingHeaderIsRefused) {
  auto body = golden("event_payment_captured.json");
  expect_bad_signature(handle(webhook(body, "")), "no X-Razorpay-Signature");
}

TEST(RazorpayWebhookSignature, GarbageAndTruncatedSignaturesAreRefused) {
  auto body = golden("event_payment_captured.json");
  auto sig = openssl_hex_hmac(webhook_secret, body);
  expect_bad_signature(handle(webhook(body, "zz" + sig.substr(2))), "does not match");
  expect_bad_signature(handle(webhook(body, sig.substr(0, 62))), "does not match");
  expect_bad_signature(handle(webhook(body, sig + "00")), "does not match");
}

// The SDK's validateWebhookSignature compares the hex strings with `===`: upper case fails.
TEST(RazorpayWebhookSignature, UppercaseHexSignatureIsRefusedAsByTheSdk) {
  auto body = golden("event_payment_captured.json");
  auto sig = openssl_hex_hmac(webhook_secret, body);
  for (auto& c : sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  expect_bad_signature(handle(webhook(body, sig)), "does not match");
}

TEST(RazorpayWebhookSignature, MissingSecretIsMissingCredentials) {
  auto body = golden("event_payment_captured.json");
  auto r = handle(webhook(body, openssl_hex_hmac(webhook_secret, body), ""));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, reason::missing_credentials);
}

TEST(RazorpayWebhookEvents, EventIdComesFromTheSignedBodyElseTheHeader) {
  auto body = golden("event_payment_captured.json");
  auto with = handle(webhook(body, openssl_hex_hmac(webhook_secret, body)));
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->events.at(0).event_id, "evt_NtFA1bC2dE3fG4");
  auto without = handle(webhook(body, openssl_hex_hmac(webhook_secret, body), webhook_secret, ""));
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without->events.at(0).event_id, "");
  // An id inside the signed body wins over the (unsigned) header: a forged header cannot make a
  // new event look like one already seen, or the other way round.
  auto v = boost::json::parse(body).as_object();
  v["id"] = "evt_InBody0001";
  auto signed_id = boost::json::serialize(v);
  auto r = handle(webhook(signed_id, openssl_hex_hmac(webhook_secret, signed_id)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->events.at(0).event_id, "evt_InBody0001");
}

// Entities without a status are normalized from the event's name, never left unrecognized.
TEST(RazorpayWebhookEvents, EntityWithoutStatusIsNormalizedFromTheEventName) {
  auto strip = [](const std::string& file, const char* entity) {
    auto v = boost::json::parse(golden(file)).as_object();
    v["payload"].as_object()[entity].as_object()["entity"].as_object().erase("status");
    return boost::json::serialize(v);
  };
  auto one = [](const std::string& body) {
    auto r = handle(webhook(body, openssl_hex_hmac(webhook_secret, body)));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().message);
    return r.ok() ? r->events.at(0) : webhook_event{};
  };
  EXPECT_EQ(one(strip("event_refund_processed.json", "refund")).refund, refund_status::success);
  EXPECT_EQ(one(strip("event_refund_failed.json", "refund")).refund, refund_status::failure);
  EXPECT_EQ(one(strip("event_payment_captured.json", "payment")).payment, payment_status::charged);
  EXPECT_EQ(one(strip("event_payment_authorized.json", "payment")).payment,
            payment_status::authorized);
  EXPECT_EQ(one(strip("event_dispute_lost.json", "dispute")).dispute, dispute_status::lost);
}

TEST(RazorpayWebhookEvents, PaymentAuthorizedAndCaptured) {
  auto a = event_of("event_payment_authorized.json");
  EXPECT_EQ(a.type, event_type::payment);
  EXPECT_EQ(a.processor_event_code, "payment.authorized");
  EXPECT_EQ(a.payment, payment_status::authorized);
  EXPECT_EQ(a.connector_payment_id, pay_id);
  EXPECT_EQ(a.connector_operation_id, order_id);
  EXPECT_EQ(a.merchant_reference, "order-7001");
  ASSERT_TRUE(a.amount);
  EXPECT_EQ(*a.amount, (money{50000, "INR"}));
  EXPECT_EQ(event_of("event_payment_captured.json").payment, payment_status::charged);
}

TEST(RazorpayWebhookEvents, PaymentFailedCarriesTheError) {
  auto e = event_of("event_payment_failed.json");
  EXPECT_EQ(e.payment, payment_status::failure);
  ASSERT_TRUE(e.error);
  EXPECT_EQ(e.error->code, decline_code::insufficient_funds);
}

TEST(RazorpayWebhookEvents, MandatePaymentCarriesTheToken) {
  auto e = event_of("event_payment_mandate_authorized.json");
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.mandate_id, token_id);
}

TEST(RazorpayWebhookEvents, OrderPaidIsAboutItsPayment) {
  auto e = event_of("event_order_paid.json");
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.processor_event_code, "order.paid");
  EXPECT_EQ(e.payment, payment_status::charged);
  EXPECT_EQ(e.connector_payment_id, pay_id);
}

TEST(RazorpayWebhookEvents, Refunds) {
  auto ok = event_of("event_refund_processed.json");
  EXPECT_EQ(ok.type, event_type::refund);
  EXPECT_EQ(ok.refund, refund_status::success);
  EXPECT_EQ(ok.connector_refund_id, "rfnd_NtEN6RZsxFyLpF");
  EXPECT_EQ(ok.connector_payment_id, pay_id);
  EXPECT_EQ(ok.merchant_reference, "refund-7001-1");
  auto failed = event_of("event_refund_failed.json");
  EXPECT_EQ(failed.refund, refund_status::failure);
  EXPECT_TRUE(failed.error);
}

TEST(RazorpayWebhookEvents, Disputes) {
  auto created = event_of("event_dispute_created.json");
  EXPECT_EQ(created.type, event_type::dispute);
  EXPECT_EQ(created.dispute, dispute_status::opened);
  EXPECT_EQ(created.dispute_id, "disp_NtF0kqyNq5jXYd");
  EXPECT_EQ(created.connector_payment_id, pay_id);
  EXPECT_EQ(event_of("event_dispute_under_review.json").dispute, dispute_status::challenged);
  EXPECT_EQ(event_of("event_dispute_lost.json").dispute, dispute_status::lost);
  EXPECT_EQ(event_of("event_dispute_action_required.json").dispute, dispute_status::opened);
}

TEST(RazorpayWebhookEvents, OtherEventsAreOther) {
  auto e = event_of("event_invoice_paid.json");
  EXPECT_EQ(e.type, event_type::other);
  EXPECT_EQ(e.processor_event_code, "invoice.paid");
}

TEST(RazorpayWebhookEvents, SignedButMalformedBodiesAreInvalid) {
  for (std::string body : {std::string("not json"), std::string(R"({"entity":"event"})"),
                           std::string(R"({"event":"payment.captured","payload":{}})")}) {
    auto r = handle(webhook(body, openssl_hex_hmac(webhook_secret, body)));
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.err().code, error_code::invalid_argument) << body;
  }
}

}  // namespace
}  // namespace razorpay_test
