// Card mandates: setup (order lookup → customer → order with token → first payment), recurring
// charge (customer → order → recurring payment → payment) and revoke (delete the token).
#include "test_support.hpp"

namespace razorpay_test {
namespace {

// A first attempt: the order lookup by receipt finds nothing (retry_safety_test.cpp has the rest).
flow_run<mandate_result> setup(const setup_mandate_request& r, std::vector<http_response> replies) {
  return first_attempt(&cs::domain::flow_table::setup_mandate, r, std::move(replies));
}

flow_run<payment_result> charge(const recurring_charge_request& r,
                                std::vector<http_response> replies) {
  return first_attempt(&cs::domain::flow_table::recurring_charge, r, std::move(replies));
}

TEST(RazorpaySetupMandate, ThreeGoldenSteps) {
  auto run = setup(setup_card(), {reply(200, "customer_created.response.json"),
                                  reply(200, "order_created.response.json")});
  ASSERT_EQ(run.requests.size(), 3u);
  expect_golden_request(run.requests[0], "setup_mandate_customer");
  expect_golden_request(run.requests[1], "setup_mandate_order");
  expect_golden_request(run.requests[2], "setup_mandate_payment");
}

TEST(RazorpaySetupMandate, EndsPendingWithTheRedirectAndTheCustomer) {
  auto run = setup(setup_card(), {reply(200, "customer_created.response.json"),
                                  reply(200, "order_created.response.json"),
                                  reply(200, "payment_create_card.response.json")});
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::pending);
  EXPECT_EQ(m.payment, payment_status::authentication_pending);
  EXPECT_EQ(m.connector_payment_id, pay_id);
  ASSERT_TRUE(m.redirect);
  EXPECT_NE(m.redirect->url.find("/authenticate"), std::string::npos);
  ASSERT_TRUE(m.mandate);
  EXPECT_EQ(m.mandate->customer_id, customer_id);
  EXPECT_TRUE(m.mandate->mandate_id.empty());  // the token exists after authentication
  EXPECT_EQ(m.mandate->status, mandate_status::pending);
}

TEST(RazorpaySetupMandate, DeclinedFirstPaymentFailsTheMandate) {
  auto run = setup(setup_card(), {reply(200, "customer_created.response.json"),
                                  reply(200, "order_created.response.json"),
                                  reply(400, "error_400_insufficient.response.json")});
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::failed);
  EXPECT_EQ(m.payment, payment_status::failure);
  ASSERT_TRUE(m.error);
  EXPECT_EQ(m.error->code, decline_code::insufficient_funds);
  EXPECT_NE(m.error->processor_message.find(order_id), std::string::npos);
}

TEST(RazorpaySetupMandate, ZeroAmountAndUpiAreRefusedBeforeAnyCall) {
  auto r = setup_card();
  r.amount = money{0, "INR"};
  auto run = setup(r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
  r = setup_card();
  r.method = upi{"success@razorpay"};
  EXPECT_EQ(setup(r, {}).err().field, "payment_method");
  r = setup_card();
  r.shopper.phone.clear();
  EXPECT_EQ(setup(r, {}).err().field, "customer.phone");
}

TEST(RazorpayRecurringCharge, FourGoldenStepsEndCharged) {
  auto run = charge(recurring(), {reply(200, "customer_created.response.json"),
                                  reply(200, "order_created.response.json"),
                                  reply(200, "payment_create_recurring.response.json"),
                                  reply(200, "payment_recurring_captured.response.json")});
  ASSERT_EQ(run.requests.size(), 4u);
  expect_golden_request(run.requests[0], "recurring_customer");
  expect_golden_request(run.requests[1], "recurring_order");
  expect_golden_request(run.requests[2], "recurring_payment");
  expect_golden_request(run.requests[3], "get_payment");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::charged);
  EXPECT_EQ(p.connector_payment_id, pay_id);
  EXPECT_EQ(p.merchant_reference, "renewal-9001");
  ASSERT_TRUE(p.mandate);
  EXPECT_EQ(p.mandate->mandate_id, token_id);
  EXPECT_EQ(p.mandate->status, mandate_status::active);
}

TEST(RazorpayRecurringCharge, DeclineEndsWithoutReadingThePayment) {
  auto run = charge(recurring(), {reply(200, "customer_created.response.json"),
                                  reply(200, "order_created.response.json"),
                                  reply(400, "error_400_insufficient.response.json")});
  ASSERT_EQ(run.requests.size(), 3u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  EXPECT_EQ(p.connector_operation_id, order_id);
  EXPECT_FALSE(p.mandate);
}

TEST(RazorpayRecurringCharge, IdsAreCheckedBeforeAnyCall) {
  auto r = recurring();
  r.mandate_id = "pm_123";
  EXPECT_EQ(charge(r, {}).err().field, "connector_mandate_id");
  r = recurring();
  r.customer_id.clear();
  EXPECT_EQ(charge(r, {}).err().field, "customer_id");
}

TEST(RazorpayRecurringCharge, CustomerWithoutContactIsAPrecondition) {
  auto run =
      charge(recurring(), {json_reply(200, R"({"id":"cust_NtEGn0xq3yJ3mQ","entity":"customer",
                                        "email":"g@example.com","contact":null})")});
  EXPECT_EQ(run.err().code, error_code::failed_precondition);
}

TEST(RazorpayRevokeMandate, DeletesTheToken) {
  revoke_mandate_request r{{}, token_id, customer_id};
  auto run = drive(&cs::domain::flow_table::revoke_mandate, r,
                   {reply(200, "token_deleted.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "revoke_mandate");
  EXPECT_EQ(run.value().status, mandate_status::revoked);
  r.customer_id.clear();
  EXPECT_EQ(drive(&cs::domain::flow_table::revoke_mandate, r, {}).err().field, "customer_id");
}

}  // namespace
}  // namespace razorpay_test
