// Status faults in Braintree's error shape, and card data never reaching the request log.
#include "braintree_fixture.hpp"
#include "log_mask.hpp"

namespace processor_sim::testing {
namespace {

class BraintreeFaults : public braintree_test {};

TEST_F(BraintreeFaults, StatusFaultsAnswerInBraintreesShape) {
  struct row {
    std::string fault;
    int status;
    std::string error_class;
  };
  for (const auto& [fault, status, error_class] :
       std::vector<row>{{"status:500", 500, "INTERNAL"},
                        {"status:503", 503, "SERVICE_AVAILABILITY"},
                        {"status:429:retry-after=3", 429, "RESOURCE_LIMIT"},
                        {"status:401", 401, "AUTHENTICATION"},
                        {"status:426", 426, "UNSUPPORTED_CLIENT"}}) {
    auto r = gql("query { ping }", {}, {{"X-Sim-Fault", fault}});
    EXPECT_EQ(r.status, status) << fault;
    EXPECT_EQ(r.json().at("errors").at(0).at("extensions").at("errorClass"), error_class.c_str())
        << fault;
    EXPECT_FALSE(s(r.json().at("extensions").at("requestId")).empty());
    if (status == 429) {
      EXPECT_EQ(r.header("retry-after"), "3");
    }
  }
}

TEST_F(BraintreeFaults, AStatusAfterApplyChargesAndThenFails) {
  auto r = gql(bt_queries::charge_payment_method, txn_input(tokenize(), "10.00", "order-sa"),
               {{"X-Sim-Fault", "status-after-apply:503"}});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(bt_stats().at("charges"), 1);
  auto d = data(gql(bt_queries::lookup, {{"search", {{"orderId", {{"is", "order-sa"}}}}}}));
  EXPECT_EQ(d.at("search").at("transactions").at("edges").as_array().size(), 1u);
}

TEST(BraintreeLogMask, CardNumbersAndCvvsInVariablesAreMasked) {
  const std::string body =
      R"({"query":"mutation T($input: TokenizeCreditCardInput!) { tokenizeCreditCard(input: $input) { paymentMethod { id } } }",)"
      R"("variables":{"input":{"creditCard":{"number":"4111111111111111","cvv":"123","expirationMonth":"06"}}}})";
  const std::string logged = mask_for_log(body);
  EXPECT_EQ(logged.find("4111111111111111"), std::string::npos);
  EXPECT_EQ(logged.find("\"cvv\""), std::string::npos);
  EXPECT_NE(logged.find("411111...1111"), std::string::npos);
}

}  // namespace
}  // namespace processor_sim::testing
