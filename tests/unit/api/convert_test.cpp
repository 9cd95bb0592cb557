// proto → domain validation: every bad field is named, card data never echoed.
#include <gtest/gtest.h>

#include "api/convert.hpp"
#include "api/errors.hpp"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

using namespace cs;
namespace v1 = connectorservice::v1;

namespace {

v1::AuthorizeRequest good_authorize() {
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference("order-1");
  r.mutable_amount()->set_minor_amount(1000);
  r.mutable_amount()->set_currency_code("EUR");
  auto* c = r.mutable_payment_method()->mutable_card();
  c->set_number("4111111111111111");
  c->set_expiry_month(3);
  c->set_expiry_year(2030);
  c->set_cvc("737");
  return r;
}

template <class T>
std::string field_of(const domain::result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string() : r.err().field;
}

}  // namespace

TEST(ConvertAuthorize, GoodRequestBecomesDomain) {
  auto r = api::from_proto(good_authorize());
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->amount, (domain::money{1000, "EUR"}));
  EXPECT_EQ(r->capture, domain::capture_method::automatic);
  EXPECT_EQ(r->idempotency_key, "authorize:order-1");  // derived from the reference
  auto& card = std::get<domain::card>(r->method);
  EXPECT_EQ(card.number.reveal(), "4111111111111111");
}

TEST(ConvertAuthorize, NamesEachBadField) {
  auto r = good_authorize();
  r.clear_merchant_reference();
  EXPECT_EQ(field_of(api::from_proto(r)), "merchant_reference");
  r = good_authorize();
  r.clear_amount();
  EXPECT_EQ(field_of(api::from_proto(r)), "amount");
  r = good_authorize();
  r.mutable_amount()->set_currency_code("EUX");
  EXPECT_EQ(field_of(api::from_proto(r)), "amount.currency_code");
  r = good_authorize();
  r.mutable_amount()->set_minor_amount(-5);
  EXPECT_EQ(field_of(api::from_proto(r)), "amount.minor_amount");
  r = good_authorize();
  r.clear_payment_method();
  EXPECT_EQ(field_of(api::from_proto(r)), "payment_method");
  r = good_authorize();
  r.mutable_payment_method()->mutable_card()->set_expiry_month(13);
  EXPECT_EQ(field_of(api::from_proto(r)), "payment_method.card.expiry_month");
  r = good_authorize();
  r.mutable_payment_method()->mutable_card()->set_cvc("73a");
  EXPECT_EQ(field_of(api::from_proto(r)), "payment_method.card.cvc");
  r = good_authorize();
  r.set_idempotency_key(std::string(300, 'k'));
  EXPECT_EQ(field_of(api::from_proto(r)), "idempotency_key");
}

// Apple Pay and Google Pay carry the wallet's token; the PayPal wallet has none (the payer
// approves at PayPal).
TEST(ConvertAuthorize, WalletsNeedATokenExceptPayPal) {
  auto r = good_authorize();
  r.mutable_payment_method()->mutable_apple_pay();
  EXPECT_EQ(field_of(api::from_proto(r)), "payment_method.apple_pay.payment_token");
  // The token is the wallet's JSON text, not a base64 of it.
  r.mutable_payment_method()->mutable_apple_pay()->set_payment_token("eyJkYXRhIjoi");
  EXPECT_EQ(field_of(api::from_proto(r)), "payment_method.apple_pay.payment_token");
  r.mutable_payment_method()->mutable_apple_pay()->set_payment_token(R"({"data":"x"})");
  r.mutable_payment_method()->mutable_apple_pay()->set_network("Visa");
  auto apple = api::from_proto(r);
  ASSERT_TRUE(apple.ok()) << apple.err().message;
  EXPECT_EQ(std::get<domain::wallet>(apple->method).type, domain::wallet_type::apple_pay);
  EXPECT_EQ(std::get<domain::wallet>(apple->method).token.reveal(), R"({"data":"x"})");
  EXPECT_EQ(std::get<domain::wallet>(apple->method).network, "Visa");
  r.mutable_payment_method()->mutable_google_pay();
  EXPECT_EQ(field_of(api::from_proto(r)), "payment_method.google_pay.payment_token");
  r.mutable_payment_method()->mutable_google_pay()->set_payment_token(R"({"signature":"s"})");
  auto google = api::from_proto(r);
  ASSERT_TRUE(google.ok()) << google.err().message;
  EXPECT_EQ(std::get<domain::wallet>(google->method).type, domain::wallet_type::google_pay);
  r.mutable_payment_method()->mutable_paypal();
  auto paypal = api::from_proto(r);
  ASSERT_TRUE(paypal.ok()) << paypal.err().message;
  EXPECT_EQ(std::get<domain::wallet>(paypal->method).type, domain::wallet_type::paypal);
}

TEST(ConvertAuthorize, BadCardNumberIsNotEchoed) {
  auto r = good_authorize();
  r.mutable_payment_method()->mutable_card()->set_number("4111111111111112");
  auto out = api::from_proto(r);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.err().field, "payment_method.card.number");
  EXPECT_EQ(out.err().message.find("4111111111111112"), std::string::npos);
  EXPECT_EQ(out.err().message.find("411111"), std::string::npos);
}

TEST(ConvertCapture, PartialAmountRules) {
  v1::CaptureRequest c;
  c.set_connector("adyen");
  EXPECT_EQ(field_of(api::from_proto(c)), "connector_payment_id");
  c.set_connector_payment_id("PSP1");
  EXPECT_EQ(field_of(api::from_proto(c)), "idempotency_key");  // nothing to derive from
  c.set_merchant_reference("cap-1");
  c.mutable_amount_to_capture()->set_minor_amount(1500);
  c.mutable_amount_to_capture()->set_currency_code("EUR");
  c.mutable_payment_amount()->set_minor_amount(1000);
  c.mutable_payment_amount()->set_currency_code("EUR");
  EXPECT_EQ(field_of(api::from_proto(c)), "amount_to_capture.minor_amount");
  c.mutable_payment_amount()->set_currency_code("USD");
  EXPECT_EQ(field_of(api::from_proto(c)), "amount_to_capture.currency_code");
  c.mutable_payment_amount()->set_currency_code("EUR");
  c.mutable_payment_amount()->set_minor_amount(2500);
  auto ok = api::from_proto(c);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->idempotency_key, "capture:PSP1:1500EUR:cap-1");
}

TEST(ConvertOther, RequiredFields) {
  v1::RefundRequest refund;
  EXPECT_EQ(field_of(api::from_proto(refund)), "connector_payment_id");
  v1::SetupMandateRequest mandate;
  mandate.set_merchant_reference("m-1");
  EXPECT_EQ(field_of(api::from_proto(mandate)), "customer.id");
  v1::RecurringChargeRequest charge;
  charge.set_merchant_reference("r-1");
  EXPECT_EQ(field_of(api::from_proto(charge)), "connector_mandate_id");
  v1::DefendDisputeRequest defend;
  defend.set_connector_dispute_id("D1");
  EXPECT_EQ(field_of(api::from_proto(defend)), "reason_code");
  v1::SubmitEvidenceRequest evidence;
  evidence.set_connector_dispute_id("D1");
  evidence.add_documents()->set_content("pdf");
  EXPECT_EQ(field_of(api::from_proto(evidence)), "documents[0].content_type");
  v1::CompleteAuthorizeRequest complete;
  EXPECT_EQ(field_of(api::from_proto(complete)), "redirect_payload");
}

TEST(GrpcErrors, CarryErrorInfoAndBadRequest) {
  auto e = domain::invalid_argument("amount.currency_code", "unknown currency");
  auto st = api::to_grpc_status(e, "adyen", "authorize");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(st.error_details()));
  ASSERT_GE(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  EXPECT_EQ(info.domain(), "connectorservice.v1");
  EXPECT_EQ(info.metadata().at("field"), "amount.currency_code");
  EXPECT_EQ(info.metadata().at("connector"), "adyen");
  EXPECT_EQ(info.metadata().at("flow"), "authorize");
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations(0).field(), "amount.currency_code");
}

TEST(GrpcErrors, OutcomeUnknownIsUnknownNeverUnavailable) {
  // UNAVAILABLE is resent by gRPC retry policies and meshes without the client deciding.
  auto st = api::to_grpc_status(domain::outcome_unknown("connection lost after send"), "stripe",
                                "authorize");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNKNOWN);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(st.error_details()));
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "OUTCOME_UNKNOWN");
  EXPECT_EQ(info.metadata().at("retryable"), "true");
}

TEST(GrpcErrors, OutcomeUnknownAfterTheDeadlineIsDeadlineExceeded) {
  auto e =
      domain::make_error(domain::error_code::deadline_exceeded, domain::reason::outcome_unknown,
                         "timed out after the request was sent");
  auto st = api::to_grpc_status(e, "adyen", "capture");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(st.error_details()));
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "OUTCOME_UNKNOWN");
}

#include "api/call.hpp"

TEST(TraceContext, AcceptsOnlyWellFormedTraceparent) {
  using cs::api::valid_traceparent;
  EXPECT_TRUE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0"));
  EXPECT_FALSE(valid_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
  EXPECT_FALSE(valid_traceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\nX: y"));
  EXPECT_FALSE(valid_traceparent(""));
}
