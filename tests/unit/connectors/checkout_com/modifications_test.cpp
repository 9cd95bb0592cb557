// Capture, void and refund: golden requests on the payment's action paths, each with its
// Cko-Idempotency-Key, and the 202 "accepted" read as a pending result with the action id.
#include "test_support.hpp"

namespace cko_test {
namespace {

using connector_testing::read_golden;

const std::string accepted = read_golden("checkout_com", "capture_accepted.response.json");

capture_request capture(std::optional<money> amount, std::string key) {
  capture_request r;
  r.idempotency_key = std::move(key);
  r.connector_payment_id = payment_id;
  r.amount_to_capture = amount;
  r.payment_amount = money{1050, "USD"};
  return r;
}

TEST(CheckoutComCapture, PartialCaptureIsAcceptedAsPending) {
  auto req = capture(money{500, "USD"}, "idem-capture-1");
  req.merchant_reference = "order-1001";
  auto run = drive(&flow_table::capture, req, {reply(202, accepted)});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "capture_partial");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::capture_pending);
  EXPECT_EQ(p.connector_payment_id, payment_id);
  EXPECT_EQ(p.connector_operation_id, "act_ekhxsbcqv4de7bsmacq7tt6ozu");
}

TEST(CheckoutComCapture, FullCaptureOmitsTheAmount) {
  auto run = drive(&flow_table::capture, capture(std::nullopt, "idem-capture-2"), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "capture_full");
}

TEST(CheckoutComCapture, AboveThePaymentIsRefusedBeforeAnyCall) {
  auto run = drive(&flow_table::capture, capture(money{2000, "USD"}, "k"), {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().code, error_code::invalid_argument);
}

TEST(CheckoutComCapture, NotAllowedIsAFailedPrecondition) {
  auto run = drive(&flow_table::capture, capture(std::nullopt, "k"),
                   {reply(403, R"({"request_id":"r-1","error_type":"action_not_allowed"})")});
  EXPECT_EQ(run.err().code, error_code::failed_precondition);
}

TEST(CheckoutComCapture, AcceptedWithoutActionIdIsABadReply) {
  auto run = drive(&flow_table::capture, capture(std::nullopt, "k"), {reply(202, "{}")});
  EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
}

TEST(CheckoutComVoid, VoidIsAcceptedAsVoidPending) {
  void_request req;
  req.idempotency_key = "idem-void-1";
  req.merchant_reference = "order-1001";
  req.connector_payment_id = payment_id;
  auto run = drive(
      &flow_table::void_payment, req,
      {reply(202, R"({"action_id":"act_voidvoidvoidvoidvoidvoid12","reference":"order-1001"})")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "void");
  EXPECT_EQ(run.value().status, payment_status::void_pending);
  EXPECT_EQ(run.value().connector_operation_id, "act_voidvoidvoidvoidvoidvoid12");
}

TEST(CheckoutComRefund, PartialRefundIsPendingWithTheActionAsRefundId) {
  refund_request req;
  req.idempotency_key = "idem-refund-1";
  req.merchant_reference = "order-1001";
  req.connector_payment_id = payment_id;
  req.amount = money{300, "USD"};
  req.payment_amount = money{1050, "USD"};
  auto run = drive(&flow_table::refund, req,
                   {reply(202, R"({"action_id":"act_refundrefundrefundrefund12"})")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "refund_partial");
  const auto& r = run.value();
  EXPECT_EQ(r.status, refund_status::pending);
  EXPECT_EQ(r.connector_refund_id, "act_refundrefundrefundrefund12");
  EXPECT_EQ(r.connector_payment_id, payment_id);
  EXPECT_EQ(r.amount, (money{300, "USD"}));
}

TEST(CheckoutComRefund, KeyAndPaymentIdAreRequired) {
  refund_request req;
  req.connector_payment_id = payment_id;
  EXPECT_EQ(drive(&flow_table::refund, req, {}).err().field, "idempotency_key");
  req.idempotency_key = "k";
  req.connector_payment_id = "pi_123";
  EXPECT_EQ(drive(&flow_table::refund, req, {}).err().field, "connector_payment_id");
}

}  // namespace
}  // namespace cko_test
