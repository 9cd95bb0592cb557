// Razorpay cannot charge twice: every charge starts by looking up the orders that carry its
// receipt; a payment an earlier attempt made is returned instead of charging again, and a payment
// create that may have charged (5xx) is OUTCOME_UNKNOWN, never a plain failure.
#include <boost/json.hpp>

#include "test_support.hpp"

namespace razorpay_test {
namespace {

// GET /v1/orders?receipt=…&expand%5B%5D=payments with one order of `amount` and these payments.
http_response orders_with(const std::string& receipt, std::int64_t amount,
                          std::vector<std::string> payments_json, const std::string& status) {
  std::string pays;
  for (auto& p : payments_json) pays += (pays.empty() ? "" : ",") + p;
  return json_reply(
      200, R"({"entity":"collection","count":1,"items":[{"id":"order_Earlier00000001",)"
           R"("entity":"order","amount":)" +
               std::to_string(amount) + R"(,"currency":"INR","receipt":")" + receipt +
               R"(","status":")" + status + R"(","payments":{"entity":"collection","count":)" +
               std::to_string(payments_json.size()) + R"(,"items":[)" + pays + "]}}]}");
}

std::string payment(const std::string& id, const std::string& status, std::int64_t amount) {
  return R"({"id":")" + id + R"(","entity":"payment","amount":)" + std::to_string(amount) +
         R"(,"currency":"INR","status":")" + status + R"(","order_id":"order_Earlier00000001",)" +
         R"("captured":)" + (status == "captured" ? "true" : "false") +
         R"(,"notes":{"merchant_reference":"order-7001"},"error_code":null})";
}

TEST(RazorpayRetrySafety, EveryChargeStartsWithTheOrderLookupByReceipt) {
  auto run = drive(&cs::domain::flow_table::authorize, authorize_card(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& q = run.requests[0];
  EXPECT_EQ(q.method, http_method::get);
  EXPECT_EQ(q.target, "/v1/orders?receipt=order-7001&expand%5B%5D=payments");
  EXPECT_TRUE(q.body.empty());
  auto rec = drive(&cs::domain::flow_table::recurring_charge, recurring(), {});
  ASSERT_EQ(rec.requests.size(), 1u);
  EXPECT_EQ(rec.requests[0].target, "/v1/orders?receipt=renewal-9001&expand%5B%5D=payments");
}

TEST(RazorpayRetrySafety, AnEarlierAttemptsPaymentIsReturnedNotChargedAgain) {
  for (auto [status, expected] : {std::pair{"captured", payment_status::charged},
                                  std::pair{"authorized", payment_status::authorized},
                                  std::pair{"created", payment_status::pending}}) {
    auto run = drive(&cs::domain::flow_table::authorize, authorize_card(),
                     {orders_with("order-7001", 50000,
                                  {payment("pay_Failed0000001", "failed", 50000),
                                   payment("pay_Earlier000001", status, 50000)},
                                  "attempted")});
    EXPECT_EQ(run.requests.size(), 1u) << status;  // the lookup only: no order, no payment
    const auto& p = run.value();
    EXPECT_EQ(p.connector_payment_id, "pay_Earlier000001") << status;
    EXPECT_EQ(p.connector_operation_id, "order_Earlier00000001");
    EXPECT_EQ(p.status, expected) << status;
  }
}

TEST(RazorpayRetrySafety, AnOrderWhosePaymentsFailedGetsTheNewPaymentNoNewOrder) {
  auto run = drive(&cs::domain::flow_table::authorize, authorize_card(),
                   {orders_with("order-7001", 50000,
                                {payment("pay_Failed0000001", "failed", 50000)}, "attempted"),
                    reply(200, "payment_create_card.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].target, "/v1/payments/create/json");
  auto body = boost::json::parse(run.requests[1].body).as_object();
  EXPECT_EQ(body.at("order_id").as_string(), "order_Earlier00000001");
  EXPECT_EQ(run.value().connector_operation_id, "order_Earlier00000001");
  // An order without any payment (the create was refused or never arrived) is reused too.
  auto bare = drive(&cs::domain::flow_table::authorize, authorize_card(),
                    {orders_with("order-7001", 50000, {}, "created")});
  ASSERT_EQ(bare.requests.size(), 2u);
  EXPECT_EQ(bare.requests[1].target, "/v1/payments/create/json");
}

TEST(RazorpayRetrySafety, TheSameReceiptForAnotherAmountIsRefused) {
  auto run = drive(&cs::domain::flow_table::authorize, authorize_card(),
                   {orders_with("order-7001", 40000, {}, "created")});
  EXPECT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().code, error_code::failed_precondition);
  EXPECT_NE(run.err().message.find("another charge"), std::string::npos) << run.err().message;
  // A receipt the filter matched loosely ("order-70011") is not this order.
  auto other = drive(&cs::domain::flow_table::authorize, authorize_card(),
                     {orders_with("order-70011", 40000, {}, "created"),
                      reply(200, "order_created.response.json")});
  ASSERT_EQ(other.requests.size(), 3u);
  EXPECT_EQ(other.requests[1].target, "/v1/orders");
}

TEST(RazorpayRetrySafety, A5xxOnThePaymentCreateIsOutcomeUnknownNamingTheOrder) {
  auto run = first_attempt(
      &cs::domain::flow_table::authorize, authorize_card(),
      {reply(200, "order_created.response.json"), reply(500, "error_500.response.json")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unknown);
  EXPECT_EQ(e.reason, reason::outcome_unknown);
  EXPECT_TRUE(e.retryable);
  EXPECT_NE(e.message.find("order_NtEHsWNBBiFbMd"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("same idempotency_key"), std::string::npos) << e.message;
  // A refusal (4xx that is not a decline) charged nothing: not unknown.
  auto refused = first_attempt(
      &cs::domain::flow_table::authorize, authorize_card(),
      {reply(200, "order_created.response.json"), reply(401, "error_401.response.json")});
  EXPECT_NE(refused.err().reason, reason::outcome_unknown);
}

TEST(RazorpayRetrySafety, RecurringChargeFoundByTheLookupEndsWithoutChargingAgain) {
  auto r = recurring();
  auto run = drive(&cs::domain::flow_table::recurring_charge, r,
                   {orders_with("renewal-9001", 49900,
                                {payment("pay_Renewal000001", "captured", 49900)}, "paid")});
  EXPECT_EQ(run.requests.size(), 1u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::charged);
  ASSERT_TRUE(p.mandate);
  EXPECT_EQ(p.mandate->mandate_id, r.mandate_id);
  // 5xx on the recurring create: unknown, naming the order.
  auto unknown = first_attempt(
      &cs::domain::flow_table::recurring_charge, r,
      {reply(200, "customer_created.response.json"), reply(200, "order_created.response.json"),
       reply(502, "error_502_gateway.response.json")});
  EXPECT_EQ(unknown.err().reason, reason::outcome_unknown);
}

// SetupMandate's first payment charges too: a retry finds the earlier attempt's payment and
// returns it (after asking for the customer, whom the mandate names) instead of charging again.
TEST(RazorpayRetrySafety, SetupMandateReturnsTheEarlierFirstPaymentNotASecondCharge) {
  auto authorized = payment("pay_Earlier000001", "authorized", 100);
  authorized.insert(authorized.size() - 1,
                    R"(,"token_id":"token_Earlier00001","customer_id":"cust_NtEGn0xq3yJ3mQ")");
  for (auto [pay, mandate, status] :
       {std::tuple{payment("pay_Earlier000001", "created", 100), mandate_status::pending,
                   payment_status::pending},
        std::tuple{authorized, mandate_status::active, payment_status::authorized}}) {
    auto run = drive(&cs::domain::flow_table::setup_mandate, setup_card(),
                     {orders_with("mandate-8001", 100,
                                  {payment("pay_Failed0000001", "failed", 100), pay}, "attempted"),
                      reply(200, "customer_created.response.json")});
    ASSERT_EQ(run.requests.size(), 2u);  // the lookup and the customer: no order, no payment
    EXPECT_EQ(run.requests[0].target, "/v1/orders?receipt=mandate-8001&expand%5B%5D=payments");
    EXPECT_EQ(run.requests[1].target, "/v1/customers");
    const auto& m = run.value();
    EXPECT_EQ(m.connector_payment_id, "pay_Earlier000001");
    EXPECT_EQ(m.payment, status);
    EXPECT_EQ(m.status, mandate);
    ASSERT_TRUE(m.mandate);
    EXPECT_EQ(m.mandate->customer_id, customer_id);
    EXPECT_EQ(m.mandate->mandate_id, mandate == mandate_status::active ? "token_Earlier00001" : "");
  }
}

TEST(RazorpayRetrySafety, SetupMandateOrderWhoseFirstPaymentFailedGetsANewPaymentNoNewOrder) {
  auto run = drive(
      &cs::domain::flow_table::setup_mandate, setup_card(),
      {orders_with("mandate-8001", 100, {payment("pay_Failed0000001", "failed", 100)}, "attempted"),
       reply(200, "customer_created.response.json"),
       reply(200, "payment_create_card.response.json")});
  ASSERT_EQ(run.requests.size(), 3u);  // lookup, customer, payment: no second order
  EXPECT_EQ(run.requests[2].target, "/v1/payments/create/json");
  auto body = boost::json::parse(run.requests[2].body).as_object();
  EXPECT_EQ(body.at("order_id").as_string(), "order_Earlier00000001");
  EXPECT_EQ(run.value().status, mandate_status::pending);
}

TEST(RazorpayRetrySafety, SetupMandateReceiptUsedForAnotherAmountIsRefusedBeforeAnyCharge) {
  auto run = drive(&cs::domain::flow_table::setup_mandate, setup_card(),
                   {orders_with("mandate-8001", 5000, {}, "created")});
  EXPECT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().code, error_code::failed_precondition);
}

}  // namespace
}  // namespace razorpay_test
