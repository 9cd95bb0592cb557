// Bad input and bad credentials: clear INVALID_ARGUMENT / UNAUTHENTICATED, never a secret echoed.

#include <cstdio>
#include <fstream>

#include <gtest/gtest-spi.h>

#include "harness.hpp"

namespace e2e {
namespace {

grpc::Status authorize(const v1::AuthorizeRequest& req, grpc::ClientContext* c) {
  v1::Payment res;
  return env().svc.payments->Authorize(c, req, &res);
}

TEST(Errors, MissingMerchantReference) {
  auto req = authorize_request("", "APPROVED", 1000, false);
  auto s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  auto info = error_info(s);
  EXPECT_EQ(meta(s, "field"), "merchant_reference") << describe(s);
  EXPECT_EQ(info.reason(), "MISSING_FIELD");
  EXPECT_EQ(meta(s, "connector"), "adyen");
  EXPECT_EQ(meta(s, "retryable"), "false");
}

TEST(Errors, UnknownConnector) {
  auto req = authorize_request("e2e-err-conn", "APPROVED", 1000, false);
  req.set_connector("nope");
  auto s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "UNKNOWN_CONNECTOR");
  EXPECT_NE(s.error_message().find("adyen"), std::string::npos) << "lists the enabled connectors";
  EXPECT_NE(s.error_message().find("'nope'"), std::string::npos) << "names a plausible name";
}

TEST(Errors, CardDataInTheConnectorFieldIsNeverEchoedOrLogged) {
  // The teardown log scan fails the suite if this number reaches the service's log.
  auto req = authorize_request("e2e-err-conn-pan", "APPROVED", 1000, false);
  req.set_connector("4111111111111111");
  auto s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(s.error_message().find("4111"), std::string::npos) << s.error_message();
  EXPECT_EQ(meta(s, "connector"), "unknown") << "ErrorInfo metadata must not echo it either";
}

TEST(Errors, UnknownCurrency) {
  auto req = authorize_request("e2e-err-cur", "APPROVED", 1000, false);
  req.mutable_amount()->set_currency_code("EUX");
  auto s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount.currency_code") << describe(s);
}

TEST(Errors, CardNumberFailingLuhnIsNotEchoed) {
  auto req = authorize_request("e2e-err-luhn", "APPROVED", 1000, false, luhn_bad);
  auto s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(s.error_message().find(luhn_bad), std::string::npos) << s.error_message();
  EXPECT_EQ(s.error_details().find(luhn_bad), std::string::npos);
  EXPECT_EQ(s.error_message().find(cvc_visa), std::string::npos) << s.error_message();
  auto field = meta(s, "field");
  EXPECT_NE(field.find("number"), std::string::npos) << field;
}

TEST(Errors, NoCredentials) {
  auto req = authorize_request("e2e-err-nocreds", "APPROVED", 1000, false);
  auto s = authorize(req, ctx("").get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "MISSING_CREDENTIALS");
  EXPECT_NE(s.error_message().find("x-auth-api-key"), std::string::npos) << s.error_message();
  EXPECT_EQ(s.error_message().find(api_key), std::string::npos) << s.error_message();
  EXPECT_EQ(s.error_details().find(api_key), std::string::npos);
}

TEST(Errors, UnknownMerchantAccount) {
  auto req = authorize_request("e2e-err-acct", "APPROVED", 1000, false);
  auto s = authorize(req, ctx("nobody").get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "MISSING_CREDENTIALS");
}

TEST(Errors, WrongApiKeyIsProcessorAuthFailed) {
  auto req = authorize_request("e2e-err-key", "APPROVED", 1000, false);
  auto s = authorize(req, ctx_keys(wrong_api_key, merchant).get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_AUTH_FAILED");
  EXPECT_EQ(s.error_message().find(wrong_api_key), std::string::npos) << s.error_message();
  EXPECT_EQ(s.error_details().find(wrong_api_key), std::string::npos);

  // The right key sent the same way works.
  req.set_merchant_reference("e2e-err-key-ok");
  v1::Payment res;
  auto ok = env().svc.payments->Authorize(ctx_keys(api_key, merchant).get(), req, &res);
  ASSERT_TRUE(ok.ok()) << describe(ok);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
}

TEST(Errors, CaptureAboveThePaymentAmount) {
  v1::CaptureRequest cap;
  cap.set_connector("adyen");
  cap.set_connector_payment_id("ABCDEF1234567890");
  cap.set_merchant_reference("e2e-err-cap");
  *cap.mutable_amount_to_capture() = money(1001);
  *cap.mutable_payment_amount() = money(1000);
  v1::Payment res;
  auto s = env().svc.payments->Capture(ctx().get(), cap, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_NE(meta(s, "field").find("amount_to_capture"), std::string::npos) << describe(s);
}

TEST(Errors, MissingPaymentMethodAndAmount) {
  auto req = authorize_request("e2e-err-pm", "APPROVED", 1000, false);
  req.clear_payment_method();
  auto s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "payment_method") << describe(s);
  req = authorize_request("e2e-err-amt", "APPROVED", 1000, false);
  req.clear_amount();
  s = authorize(req, ctx().get());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "amount") << describe(s);
}

}  // namespace
}  // namespace e2e

namespace e2e {
namespace {

// The teardown's log scan itself: it must flag each kind of secret it looks for.
std::string scratch_log;

TEST(Harness, LogScanCatchesSecrets) {
  scratch_log = env().dir + "/scan-selftest.log";
  const std::string lines[] = {
      "POST /payments {\"number\":\"" + visa + "\"}",
      "card 5555 5555 5555 4444",
      "{\"cvc\":\"" + cvc_visa + "\"}",
      "cvc=" + cvc_mc,
      "X-API-Key: " + api_key,
      "key " + lower(env().hmac_key),
      "card[number]=" + stripe_card::insufficient,
      "Authorization: Bearer " + stripe_api_key,
      "Stripe-Signature secret " + stripe_whsec,
      "card[cvc]=" + cvc_stripe + "&x",
      "{\"cvc\":\"" + cvc_stripe + "\"}",
  };
  for (const auto& line : lines) {
    { std::ofstream(scratch_log, std::ios::trunc) << "clean line\n" << line << "\n"; }
    EXPECT_NONFATAL_FAILURE(scan_log(scratch_log, env().hmac_key, {}), "contains a secret");
  }
  std::ofstream(scratch_log, std::ios::trunc)
      << "number 411111...1111 cvc dropped, amount 739 minor units\n";
  scan_log(scratch_log, env().hmac_key, {});  // clean: no failure
  std::remove(scratch_log.c_str());
}

}  // namespace
}  // namespace e2e
