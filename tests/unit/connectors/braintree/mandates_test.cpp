// SetupMandate (tokenize → vault with verification) and RevokeMandate (delete from the vault).
#include "test_support.hpp"

namespace bt_test {
namespace {

setup_mandate_request setup_req() {
  setup_mandate_request r;
  r.idempotency_key = "sm-1";
  r.method = card{secret<std::string>("4111111111111111"), 6, 2030, secret<std::string>("123"),
                  "Asha Rao"};
  r.shopper.id = "Y3VzdG9tZXJfY3N0ZXN0";
  r.amount = money{0, "USD"};
  return r;
}

TEST(BraintreeSetupMandate, TokenizesThenVaults) {
  auto run = drive(
      &flow_table::setup_mandate, setup_req(),
      {tokenized(),
       data(
           std::string(R"({"vaultPaymentMethod":{"paymentMethod":{"id":")") + vaulted +
           R"(","usage":"MULTI_USE","customer":{"id":"Y3VzdG9tZXJfY3N0ZXN0"}},"verification":{"id":"v1","status":"VERIFIED","gatewayRejectionReason":null,"processorResponse":{"legacyCode":"1000","message":"Approved"}}}})")},
      creds(true));
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[1], "setup_mandate_vault");
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::active);
  ASSERT_TRUE(m.mandate);
  EXPECT_EQ(m.mandate->mandate_id, vaulted);
  EXPECT_EQ(m.mandate->customer_id, "Y3VzdG9tZXJfY3N0ZXN0");
}

TEST(BraintreeSetupMandate, AMerchantsOwnShopperIdIsNoBraintreeCustomerAndIsNotSent) {
  auto req = setup_req();
  req.shopper.id = "shopper-1001";  // Braintree then makes a customer, named in the reply
  auto run = drive(
      &flow_table::setup_mandate, req,
      {tokenized(),
       data(
           std::string(R"({"vaultPaymentMethod":{"paymentMethod":{"id":")") + vaulted +
           R"(","usage":"MULTI_USE","customer":{"id":"Y3VzdG9tZXJfbmV3b25l"}},"verification":null}})")},
      creds(true));
  ASSERT_EQ(run.requests.size(), 2u);
  auto vars = boost::json::parse(run.requests[1].body).at("variables").at("input").as_object();
  EXPECT_FALSE(vars.contains("customerId")) << run.requests[1].body;
  ASSERT_TRUE(run.value().mandate);
  EXPECT_EQ(run.value().mandate->customer_id, "Y3VzdG9tZXJfbmV3b25l");
}

TEST(BraintreeSetupMandate, AFailedVerificationIsAFailedMandate) {
  auto run = drive(
      &flow_table::setup_mandate, setup_req(),
      {tokenized(),
       data(
           R"({"vaultPaymentMethod":{"paymentMethod":null,"verification":{"id":"v1","status":"PROCESSOR_DECLINED","gatewayRejectionReason":null,"processorResponse":{"legacyCode":"2000","message":"Do Not Honor"}}}})")});
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::failed);
  ASSERT_TRUE(m.error);
  EXPECT_EQ(m.error->processor_code, "2000");
  auto paid = setup_req();
  paid.amount = money{100, "USD"};
  EXPECT_EQ(drive(&flow_table::setup_mandate, paid, {}).err().field, "amount");
}

TEST(BraintreeRevokeMandate, DeletesFromTheVault) {
  revoke_mandate_request r;
  r.idempotency_key = "rv-1";
  r.mandate_id = vaulted;
  auto run = drive(&flow_table::revoke_mandate, r,
                   {data(R"({"deletePaymentMethodFromVault":{"clientMutationId":null}})")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "revoke_mandate");
  EXPECT_EQ(run.value().status, mandate_status::revoked);
}

}  // namespace
}  // namespace bt_test
