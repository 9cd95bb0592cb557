// Capture, void and refund: golden requests on the payment's action paths, each with its
// Cko-Idempotency-Key, and the 202 "accepted" read as a pending result with the action id.
// GetRefund: the refund found among GET /payments/{id}/actions.
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

const std::string actions = read_golden("checkout_com", "payment_actions.response.json");

get_refund_request refund_lookup(std::string refund_id) {
  return get_refund_request{std::move(refund_id), payment_id};
}

TEST(CheckoutComGetRefund, ApprovedRefundActionIsSuccess) {
  auto run = drive(&flow_table::get_refund, refund_lookup("act_refundrefundrefundrefund12"),
                   {reply(200, actions)});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_refund");
  const auto& r = run.value();
  EXPECT_EQ(r.status, refund_status::success);
  EXPECT_EQ(r.connector_refund_id, "act_refundrefundrefundrefund12");
  EXPECT_EQ(r.connector_payment_id, payment_id);
  EXPECT_EQ(r.merchant_reference, "refund-1");
  EXPECT_EQ(r.processor_status, "Approved");
  EXPECT_FALSE(r.error);
}

TEST(CheckoutComGetRefund, DeclinedRefundActionIsFailureWithTheResponseCode) {
  auto run = drive(&flow_table::get_refund, refund_lookup("act_refunddeclinedrefunddec105"),
                   {reply(200, actions)});
  const auto& r = run.value();
  EXPECT_EQ(r.status, refund_status::failure);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->processor_code, "20005");
  EXPECT_EQ(r.error->code, decline_code::generic);
  EXPECT_EQ(r.error->processor_message, "Declined - Do Not Honour");
}

TEST(CheckoutComGetRefund, NotYetListedIsPending) {
  auto run = drive(&flow_table::get_refund, refund_lookup("act_notlistednotlistednotlist1"),
                   {reply(200, actions)});
  EXPECT_EQ(run.value().status, refund_status::pending);
  EXPECT_EQ(run.value().processor_status, "Accepted");
  auto unanswered = drive(&flow_table::get_refund, refund_lookup("act_refundrefundrefundrefund12"),
                          {reply(200, R"([{"id":"act_refundrefundrefundrefund12","type":"Refund",)"
                                      R"("amount":300,"response_code":"10000"}])")});
  EXPECT_EQ(unanswered.value().status, refund_status::pending);
}

TEST(CheckoutComGetRefund, KeyEchoedInTheActionDoesNotComeBack) {
  auto run = drive(&flow_table::get_refund, refund_lookup("act_refundrefundrefundrefund12"),
                   {reply(200, std::string(R"([{"id":"act_refundrefundrefundrefund12",)") +
                                   R"("type":"Refund","approved":false,"response_code":")" + key +
                                   R"(","response_summary":")" + key + "\"}]")});
  const auto& r = run.value();
  expect_no_secret(r.processor_status);
  ASSERT_TRUE(r.error);
  expect_no_secret(r.error->processor_code);
  expect_no_secret(r.error->processor_message);
}

TEST(CheckoutComGetRefund, AnActionThatIsNoRefundIsNotFound) {
  auto run = drive(&flow_table::get_refund, refund_lookup("act_ekhxsbcqv4de7bsmacq7tt6ozu"),
                   {reply(200, actions)});
  EXPECT_EQ(run.err().code, error_code::not_found);
  EXPECT_NE(run.err().message.find("Capture"), std::string::npos);
}

TEST(CheckoutComGetRefund, NeedsBothIdsBeforeAnyCall) {
  auto no_payment =
      drive(&flow_table::get_refund, get_refund_request{"act_refundrefundrefundrefund12", ""}, {});
  EXPECT_TRUE(no_payment.requests.empty());
  EXPECT_EQ(no_payment.err().field, "connector_payment_id");
  EXPECT_EQ(no_payment.err().reason, reason::missing_field);
  // The actions path takes pay_ ids only, not session ids.
  auto session = drive(
      &flow_table::get_refund,
      get_refund_request{"act_refundrefundrefundrefund12", "sid_ubfj2q76miwundwlk72vxt2i7q"}, {});
  EXPECT_EQ(session.err().field, "connector_payment_id");
  for (const char* bad : {"", "re_123", "act_short", "pay_mbabizu24mvu3mela5njyhpit4"}) {
    auto run = drive(&flow_table::get_refund, refund_lookup(bad), {});
    EXPECT_EQ(run.err().field, "connector_refund_id") << bad;
  }
}

TEST(CheckoutComGetRefund, RepliesThatAreNoListAreBadReplies) {
  for (const char* body : {R"({"id":"act_refundrefundrefundrefund12"})", "[1, null, \"x\"]"}) {
    auto run = drive(&flow_table::get_refund, refund_lookup("act_refundrefundrefundrefund12"),
                     {reply(200, body)});
    if (std::string_view(body).starts_with("["))
      EXPECT_EQ(run.value().status, refund_status::pending);
    else
      EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
  }
  auto missing = drive(&flow_table::get_refund, refund_lookup("act_refundrefundrefundrefund12"),
                       {reply(404, "")});
  EXPECT_EQ(missing.err().code, error_code::not_found);
}

}  // namespace
}  // namespace cko_test
