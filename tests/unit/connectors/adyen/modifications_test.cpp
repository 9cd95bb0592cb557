// capture, refund and void: goldens, amount rules and the asynchronous "received" answers.
#include "test_support.hpp"

namespace adyen_test {
namespace {

capture_request capture_req() {
  capture_request r;
  r.idempotency_key = "idem-cap-1";
  r.merchant_reference = "cap-1";
  r.connector_payment_id = "QFQTPCQ8HXSKGK82";
  r.amount_to_capture = money{600, "EUR"};
  r.payment_amount = money{1000, "EUR"};
  return r;
}

refund_request refund_req() {
  refund_request r;
  r.idempotency_key = "idem-ref-1";
  r.merchant_reference = "ref-1";
  r.connector_payment_id = "QFQTPCQ8HXSKGK82";
  r.amount = money{300, "EUR"};
  r.payment_amount = money{1000, "EUR"};
  return r;
}

void_request void_req() {
  void_request r;
  r.idempotency_key = "idem-void-1";
  r.merchant_reference = "void-1";
  r.connector_payment_id = "QFQTPCQ8HXSKGK82";
  return r;
}

template <class Req, class R>
step_result<R> build(flow_fn<Req, R> flow_table::*fn, const Req& r) {
  auto c = creds();
  return (cs::connectors::adyen::descriptor().flows.*fn)(r, flow_context{c, {}});
}

TEST(AdyenCapture, RequestMatchesGolden) {
  expect_golden_request(request_of(build(&cs::domain::flow_table::capture, capture_req())),
                        "capture");
}

TEST(AdyenCapture, WithoutAmountToCaptureCapturesThePaymentAmount) {
  auto r = capture_req();
  r.amount_to_capture.reset();
  auto s = build(&cs::domain::flow_table::capture, r);
  EXPECT_NE(request_of(s).body.find(R"("amount":{"currency":"EUR","value":1000})"),
            std::string::npos)
      << request_of(s).body;
}

TEST(AdyenCapture, NoAmountAtAllExplainsAdyenNeedsIt) {
  auto r = capture_req();
  r.amount_to_capture.reset();
  r.payment_amount.reset();
  auto e = error_of(build(&cs::domain::flow_table::capture, r));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "amount_to_capture");
  EXPECT_NE(e.message.find("Adyen needs the amount"), std::string::npos) << e.message;
}

TEST(AdyenCapture, MoreThanThePaymentIsRejectedBeforeAnyCall) {
  auto r = capture_req();
  r.amount_to_capture = money{1001, "EUR"};
  auto e = error_of(build(&cs::domain::flow_table::capture, r));
  EXPECT_EQ(e.field, "amount_to_capture");
  r.amount_to_capture = money{500, "USD"};
  EXPECT_EQ(error_of(build(&cs::domain::flow_table::capture, r)).field, "amount_to_capture");
}

TEST(AdyenCapture, PaymentIdMustBeAnAdyenReference) {
  auto r = capture_req();
  r.connector_payment_id = "../refunds";
  EXPECT_EQ(error_of(build(&cs::domain::flow_table::capture, r)).field, "connector_payment_id");
  r.connector_payment_id.clear();
  EXPECT_EQ(error_of(build(&cs::domain::flow_table::capture, r)).reason, reason::missing_field);
}

TEST(AdyenCapture, ReceivedIsCapturePendingWithBothIds) {
  auto p = run(&cs::domain::flow_table::capture, capture_req(), 201,
               golden("capture_received.response.json"));
  ASSERT_TRUE(p.ok()) << p.err().message;
  EXPECT_EQ(p->status, payment_status::capture_pending);
  EXPECT_EQ(p->connector_payment_id, "QFQTPCQ8HXSKGK82");
  EXPECT_EQ(p->connector_operation_id, "JDD6LKT8MBLZNN84");
  EXPECT_EQ(p->captured_amount, (money{600, "EUR"}));
  EXPECT_EQ(p->processor_status, "received");
}

TEST(AdyenCapture, StatusEchoingTheKeyIsScrubbed) {
  auto p = run(&cs::domain::flow_table::capture, capture_req(), 201,
               std::string(R"({"pspReference":"X","paymentPspReference":"Y","status":")") +
                   api_key + R"("})");
  ASSERT_TRUE(p.ok()) << p.err().message;
  EXPECT_EQ(p->status, payment_status::unrecognized);
  EXPECT_EQ(p->processor_status.find(api_key), std::string::npos);
}

TEST(AdyenCapture, OtherStatusIsUnrecognized) {
  auto p = run(&cs::domain::flow_table::capture, capture_req(), 201,
               R"({"pspReference":"X","paymentPspReference":"Y","status":"weird"})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::unrecognized);
}

TEST(AdyenRefund, RequestMatchesGolden) {
  expect_golden_request(request_of(build(&cs::domain::flow_table::refund, refund_req())), "refund");
}

TEST(AdyenRefund, MoreThanThePaymentIsRejected) {
  auto r = refund_req();
  r.amount = money{2000, "EUR"};
  auto e = error_of(build(&cs::domain::flow_table::refund, r));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "amount");
}

TEST(AdyenRefund, NoAmountAtAllIsInvalid) {
  auto r = refund_req();
  r.amount.reset();
  r.payment_amount.reset();
  EXPECT_EQ(error_of(build(&cs::domain::flow_table::refund, r)).field, "amount");
}

TEST(AdyenRefund, ReceivedIsPendingWithRefundId) {
  auto r = run(&cs::domain::flow_table::refund, refund_req(), 201,
               golden("refund_received.response.json"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, refund_status::pending);
  EXPECT_EQ(r->connector_refund_id, "RFD6LKT8MBLZNN84");
  EXPECT_EQ(r->connector_payment_id, "QFQTPCQ8HXSKGK82");
  EXPECT_EQ(r->amount, (money{300, "EUR"}));
}

TEST(AdyenVoid, RequestMatchesGolden) {
  expect_golden_request(request_of(build(&cs::domain::flow_table::void_payment, void_req())),
                        "void");
}

TEST(AdyenVoid, ReceivedIsVoidPending) {
  auto p = run(&cs::domain::flow_table::void_payment, void_req(), 201,
               golden("cancel_received.response.json"));
  ASSERT_TRUE(p.ok()) << p.err().message;
  EXPECT_EQ(p->status, payment_status::void_pending);
  EXPECT_EQ(p->connector_operation_id, "CNL6LKT8MBLZNN84");
  EXPECT_EQ(p->connector_payment_id, "QFQTPCQ8HXSKGK82");
}

TEST(AdyenModifications, ErrorReplyBecomesDomainError) {
  auto p =
      run(&cs::domain::flow_table::capture, capture_req(), 422, golden("error_422.response.json"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, error_code::invalid_argument);
  EXPECT_EQ(p.err().processor_code, "101");
}

}  // namespace
}  // namespace adyen_test
