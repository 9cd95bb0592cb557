// Capture, Void, Refund and GetRefund: each reads the transaction first, so a retry answers what
// was done instead of doing it twice; a void never refunds a settled transaction; a refund finds
// its earlier attempt by orderId; amounts are decimal strings in the transaction's currency.
#include "test_support.hpp"

namespace bt_test {
namespace {

http_response node_txn(std::string_view status, std::string refunds = "[]") {
  auto t = txn(status);
  t.pop_back();
  return data(R"({"node":{"__typename":"Transaction",)" + t.substr(1) + R"(,"refunds":)" + refunds +
              "}}");
}

std::string refund_obj(std::string_view order,
                       std::string_view status = "SUBMITTED_FOR_SETTLEMENT") {
  return std::string(R"({"id":")") + refund_id + R"(","legacyId":"csrf1234","status":")" +
         std::string(status) + R"(","orderId":")" + std::string(order) +
         R"(","amount":{"value":"3.00","currencyCode":"USD"},"refundedTransaction":{"id":")" +
         txn_id + R"("},"statusHistory":[]})";
}

capture_request capture_req(std::optional<money> amount = std::nullopt) {
  capture_request r;
  r.idempotency_key = "cap-1";
  r.merchant_reference = "order-1001";
  r.connector_payment_id = txn_id;
  r.amount_to_capture = amount;
  if (amount) r.payment_amount = money{1050, "USD"};
  return r;
}

TEST(BraintreeCapture, ReadsThenCapturesFullOrPartial) {
  auto run = drive(&flow_table::capture, capture_req(),
                   {node_txn("AUTHORIZED"), data(R"({"captureTransaction":{"transaction":)" +
                                                 txn("SUBMITTED_FOR_SETTLEMENT") + "}}")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[0], "transaction_read");
  expect_golden_request(run.requests[1], "capture_full");
  EXPECT_EQ(run.value().status, payment_status::charged);
  auto part = drive(&flow_table::capture, capture_req(money{450, "USD"}), {node_txn("AUTHORIZED")});
  ASSERT_EQ(part.requests.size(), 2u);
  expect_golden_request(part.requests[1], "capture_partial");
}

TEST(BraintreeCapture, AlreadyCapturedIsTheAnswerAndOtherStatesAreRefused) {
  auto run = drive(&flow_table::capture, capture_req(), {node_txn("SUBMITTED_FOR_SETTLEMENT")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().status, payment_status::charged);
  auto voided = drive(&flow_table::capture, capture_req(), {node_txn("VOIDED")});
  EXPECT_EQ(voided.err().code, error_code::failed_precondition);
  auto eur = drive(&flow_table::capture, capture_req(money{450, "EUR"}), {node_txn("AUTHORIZED")});
  // check_within refuses another currency than payment_amount before any call.
  EXPECT_EQ(eur.requests.size(), 0u);
  auto over = drive(&flow_table::capture, capture_req(money{2000, "USD"}), {});
  EXPECT_EQ(over.err().field, "amount_to_capture.minor_amount");
  auto unknown =
      drive(&flow_table::capture, capture_req(), {node_txn("AUTHORIZED"), reply(502, "")});
  EXPECT_EQ(unknown.err().code, error_code::unknown);
}

void_request void_req() {
  void_request r;
  r.idempotency_key = "void-1";
  r.connector_payment_id = txn_id;
  return r;
}

TEST(BraintreeVoid, ReversesOnlyWhatIsNotSettled) {
  auto run = drive(&flow_table::void_payment, void_req(),
                   {node_txn("AUTHORIZED"),
                    data(R"({"reverseTransaction":{"reversal":{"__typename":"Transaction",)" +
                         txn("VOIDED").substr(1) + "}}")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[1], "void");
  EXPECT_EQ(run.value().status, payment_status::voided);
  auto settled = drive(&flow_table::void_payment, void_req(), {node_txn("SETTLED")});
  ASSERT_EQ(settled.requests.size(), 1u);
  auto e = settled.err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_NE(e.message.find("use Refund"), std::string::npos) << e.message;
  auto again = drive(&flow_table::void_payment, void_req(), {node_txn("VOIDED")});
  EXPECT_EQ(again.value().status, payment_status::voided);
  // Settled between the read and the reversal: Braintree refunded it, and the answer says so.
  auto raced = drive(&flow_table::void_payment, void_req(),
                     {node_txn("SUBMITTED_FOR_SETTLEMENT"),
                      data(R"({"reverseTransaction":{"reversal":{"__typename":"Refund",)" +
                           refund_obj("x").substr(1) + "}}")});
  EXPECT_EQ(raced.value().status, payment_status::auto_refunded);
  EXPECT_EQ(raced.value().connector_operation_id, refund_id);
}

refund_request refund_req(std::optional<money> amount = money{300, "USD"}) {
  refund_request r;
  r.idempotency_key = "ref-1";
  r.merchant_reference = "order-1001";
  r.connector_payment_id = txn_id;
  r.amount = amount;
  if (amount) r.payment_amount = money{1050, "USD"};
  r.reason = "customer asked";
  return r;
}

TEST(BraintreeRefund, RefundsASettledTransactionPartially) {
  auto run = drive(&flow_table::refund, refund_req(),
                   {node_txn("SETTLED"),
                    data(R"({"refundTransaction":{"refund":)" + refund_obj("ref-1") + "}}")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[1], "refund_partial");
  const auto& r = run.value();
  EXPECT_EQ(r.status, refund_status::success);
  EXPECT_EQ(r.connector_refund_id, refund_id);
  EXPECT_EQ(r.connector_payment_id, txn_id);
  EXPECT_EQ(r.amount, (money{300, "USD"}));
}

TEST(BraintreeRefund, AnEarlierRefundWithTheKeyIsTheAnswer) {
  auto run = drive(&flow_table::refund, refund_req(),
                   {node_txn("SETTLED", "[" + refund_obj("ref-1") + "]")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().connector_refund_id, refund_id);
  auto other = drive(&flow_table::refund, refund_req(),
                     {node_txn("SETTLED", "[" + refund_obj("ref-0") + "]")});
  EXPECT_EQ(other.requests.size(), 2u);  // another refund's orderId: refund
}

TEST(BraintreeRefund, UnsettledIsRefusedWithTheWayOut) {
  auto e = drive(&flow_table::refund, refund_req(), {node_txn("SUBMITTED_FOR_SETTLEMENT")}).err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_NE(e.message.find("VoidPayment"), std::string::npos);
  auto unknown = drive(&flow_table::refund, refund_req(), {node_txn("SETTLED"), reply(500, "")});
  EXPECT_EQ(unknown.err().code, error_code::unknown);
  EXPECT_NE(unknown.err().message.find("ref-1"), std::string::npos);
}

TEST(BraintreeGetRefund, ReadsTheRefundNode) {
  get_refund_request r;
  r.connector_refund_id = refund_id;
  r.connector_payment_id = txn_id;
  auto run =
      drive(&flow_table::get_refund, r,
            {data(R"({"node":{"__typename":"Refund",)" + refund_obj("ref-1").substr(1) + "}")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.requests[0].step, "refund");
  EXPECT_EQ(run.value().status, refund_status::success);
  auto failed = drive(&flow_table::get_refund, r,
                      {data(R"({"node":{"__typename":"Refund",)" +
                            refund_obj("ref-1", "PROCESSOR_DECLINED").substr(1) + "}")});
  EXPECT_EQ(failed.value().status, refund_status::failure);
}

}  // namespace
}  // namespace bt_test
