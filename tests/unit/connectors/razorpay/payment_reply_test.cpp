// get_payment and complete_authorize: the GET request, the checkout signature check before any
// call, and every payment status of Razorpay's payment entity.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "test_support.hpp"

namespace razorpay_test {
namespace {

// hex(HMAC-SHA256(key, data)) with OpenSSL directly, independent of the connector.
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

get_payment_request get_req() {
  get_payment_request r;
  r.connector_payment_id = pay_id;
  r.merchant_reference = "order-7001";
  return r;
}

payment_result get_with(const http_response& resp) {
  return drive(&cs::domain::flow_table::get_payment, get_req(), {resp}).value();
}

complete_authorize_request complete_req() {
  complete_authorize_request r;
  r.idempotency_key = "idem-complete-7001";
  r.merchant_reference = "order-7001";
  r.connector_payment_id = pay_id;
  return r;
}

std::map<std::string, std::string> signed_payload(const std::string& secret = key_secret) {
  return {{"razorpay_payment_id", pay_id},
          {"razorpay_order_id", order_id},
          {"razorpay_signature",
           openssl_hex_hmac(secret, std::string(order_id) + "|" + std::string(pay_id))}};
}

TEST(RazorpayGetPayment, GoldenRequest) {
  auto run = drive(&cs::domain::flow_table::get_payment, get_req(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_payment");
}

TEST(RazorpayGetPayment, RejectsIdsThatAreNotPaymentIds) {
  auto r = get_req();
  for (auto bad : {"order_NtEHsWNBBiFbMd", "pay_", "pay_abc/../x", "pay_a?b=1"}) {
    r.connector_payment_id = bad;
    EXPECT_EQ(drive(&cs::domain::flow_table::get_payment, r, {}).err().field,
              "connector_payment_id")
        << bad;
  }
}

TEST(RazorpayPaymentStatus, CreatedIsPending) {
  auto p = get_with(reply(200, "payment_created.response.json"));
  EXPECT_EQ(p.status, payment_status::pending);
  EXPECT_EQ(p.processor_status, "created");
}

TEST(RazorpayPaymentStatus, AuthorizedIsAuthorized) {
  auto p = get_with(reply(200, "payment_authorized.response.json"));
  EXPECT_EQ(p.status, payment_status::authorized);
  EXPECT_EQ(p.connector_payment_id, pay_id);
  EXPECT_EQ(p.connector_operation_id, order_id);
  EXPECT_EQ(p.merchant_reference, "order-7001");
  EXPECT_FALSE(p.captured_amount);
  EXPECT_FALSE(p.mandate);
}

TEST(RazorpayPaymentStatus, CapturedIsChargedWithTheCapturedAmount) {
  auto p = get_with(reply(200, "payment_captured.response.json"));
  EXPECT_EQ(p.status, payment_status::charged);
  ASSERT_TRUE(p.captured_amount);
  EXPECT_EQ(*p.captured_amount, (money{50000, "INR"}));
}

TEST(RazorpayPaymentStatus, RefundedWithoutCaptureIsAutoRefunded) {
  EXPECT_EQ(get_with(reply(200, "payment_refunded_uncaptured.response.json")).status,
            payment_status::auto_refunded);
}

TEST(RazorpayPaymentStatus, RefundedAfterCaptureStaysCharged) {
  EXPECT_EQ(get_with(reply(200, "payment_refunded_captured.response.json")).status,
            payment_status::charged);
}

TEST(RazorpayPaymentStatus, FailedCarriesTheProcessorError) {
  auto p = get_with(reply(200, "payment_failed.response.json"));
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p.error->processor_code, "BAD_REQUEST_ERROR");
  EXPECT_EQ(p.error->decline_code_raw, "insufficient_balance");
  EXPECT_NE(p.error->processor_message.find("insufficient account balance"), std::string::npos);
  EXPECT_FALSE(p.error->retryable);
}

TEST(RazorpayPaymentStatus, UnknownStatusIsUnrecognizedNeverSuccess) {
  auto p = get_with(reply(200, "payment_unknown_status.response.json"));
  EXPECT_EQ(p.status, payment_status::unrecognized);
  EXPECT_EQ(p.processor_status, "on_hold");
}

// Same class as fuzz_stripe_replies found in Stripe's SetupIntent (2026-12-05): a status word is
// processor text too, and reaches clients as processor_status.
TEST(RazorpayPaymentStatus, StatusEchoingTheKeySecretIsScrubbed) {
  auto p = get_with(json_reply(
      200, std::string(R"({"id":"pay_29QQoUBi66xm2f","entity":"payment","amount":1000,)") +
               R"("currency":"INR","status":")" + key_secret + R"("})"));
  EXPECT_EQ(p.status, payment_status::unrecognized);
  EXPECT_EQ(p.processor_status.find(key_secret), std::string::npos);
}

TEST(RazorpayPaymentStatus, EmptyNotesArrayFallsBackToTheRequestReference) {
  auto p = get_with(reply(200, "payment_upi_notes_empty.response.json"));
  EXPECT_EQ(p.merchant_reference, "order-7001");
}

TEST(RazorpayPaymentStatus, NotFoundAndGarbage) {
  auto run = drive(&cs::domain::flow_table::get_payment, get_req(),
                   {reply(400, "error_400_not_found.response.json")});
  EXPECT_EQ(run.err().code, error_code::not_found);
  auto garbage =
      drive(&cs::domain::flow_table::get_payment, get_req(), {json_reply(200, "<html>")});
  EXPECT_EQ(garbage.err().reason, reason::bad_processor_reply);
  auto empty = drive(&cs::domain::flow_table::get_payment, get_req(), {json_reply(200, "{}")});
  EXPECT_EQ(empty.err().reason, reason::bad_processor_reply);
}

TEST(RazorpayCompleteAuthorize, WithoutSignatureGetsThePayment) {
  auto run = drive(&cs::domain::flow_table::complete_authorize, complete_req(),
                   {reply(200, "payment_authorized.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_payment");
  EXPECT_EQ(run.value().status, payment_status::authorized);
}

TEST(RazorpayCompleteAuthorize, GoodSignatureIsVerifiedThenTheCallIsMade) {
  auto r = complete_req();
  r.redirect_payload = signed_payload();
  auto run = drive(&cs::domain::flow_table::complete_authorize, r,
                   {reply(200, "payment_captured.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().status, payment_status::charged);
}

TEST(RazorpayCompleteAuthorize, PaymentIdMayComeFromTheSignedPayload) {
  auto r = complete_req();
  r.connector_payment_id.clear();
  r.redirect_payload = signed_payload();
  auto run = drive(&cs::domain::flow_table::complete_authorize, r, {});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.requests[0].target, std::string("/v1/payments/") + pay_id);
}

void expect_bad_signature(const complete_authorize_request& r) {
  auto run = drive(&cs::domain::flow_table::complete_authorize, r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_EQ(e.reason, reason::bad_signature);
  expect_no_secrets(e);
  EXPECT_EQ(e.message.find(r.redirect_payload.at("razorpay_signature")), std::string::npos);
}

TEST(RazorpayCompleteAuthorize, SignatureUnderAnotherSecretIsRefusedWithoutACall) {
  auto r = complete_req();
  r.redirect_payload = signed_payload("some-other-secret");
  expect_bad_signature(r);
}

TEST(RazorpayCompleteAuthorize, TamperedPaymentIdIsRefused) {
  auto r = complete_req();
  r.redirect_payload = signed_payload();
  r.redirect_payload["razorpay_payment_id"] = "pay_SomeoneElse1";
  r.connector_payment_id = "pay_SomeoneElse1";
  expect_bad_signature(r);
}

// The SDK's validatePaymentVerification compares the hex strings with `===`: upper case fails.
TEST(RazorpayCompleteAuthorize, UppercaseHexSignatureIsRefusedAsByTheSdk) {
  auto r = complete_req();
  r.redirect_payload = signed_payload();
  for (auto& c : r.redirect_payload["razorpay_signature"]) c = static_cast<char>(std::toupper(c));
  expect_bad_signature(r);
}

TEST(RazorpayCompleteAuthorize, SignatureWithoutTheSignedFieldsIsRefused) {
  auto r = complete_req();
  r.redirect_payload = signed_payload();
  r.redirect_payload.erase("razorpay_order_id");
  expect_bad_signature(r);
  r.redirect_payload = signed_payload();
  r.redirect_payload["razorpay_signature"] = "not-hex";
  expect_bad_signature(r);
}

TEST(RazorpayCompleteAuthorize, SignedPaymentMustBeTheRequestedOne) {
  auto r = complete_req();
  r.connector_payment_id = "pay_Different0001";
  r.redirect_payload = signed_payload();
  auto e = drive(&cs::domain::flow_table::complete_authorize, r, {}).err();
  EXPECT_EQ(e.field, "redirect_payload.razorpay_payment_id");
}

TEST(RazorpayCompleteAuthorize, MandatePaymentCarriesTheTokenAsMandateId) {
  auto r = complete_req();
  r.merchant_reference = "mandate-8001";
  auto run = drive(&cs::domain::flow_table::complete_authorize, r,
                   {reply(200, "payment_mandate_authorized.response.json")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authorized);
  ASSERT_TRUE(p.mandate);
  EXPECT_EQ(p.mandate->mandate_id, token_id);
  EXPECT_EQ(p.mandate->customer_id, customer_id);
  EXPECT_EQ(p.mandate->status, mandate_status::active);
}

}  // namespace
}  // namespace razorpay_test
