// Checkout.com's amount units where they differ from ISO 4217 (CLP: two decimals) and its
// three-decimal step, in requests and replies.
#include "connectors/checkout_com/currencies.hpp"
#include "test_support.hpp"

namespace cko_test {
namespace {

using cs::connectors::checkout_com::currencies;

TEST(CheckoutComCurrencies, ClpIsSentWithTwoDecimals) {
  auto req = card_authorize();
  req.amount = money{5000, "CLP"};  // 5000 pesos; ISO has no decimals
  auto run = drive(&flow_table::authorize, req, {});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(boost::json::parse(run.requests[0].body).at("amount").as_int64(), 500000);
  auto back = currencies().from_wire(500000, "CLP");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), (money{5000, "CLP"}));
}

TEST(CheckoutComCurrencies, ZeroAndThreeDecimalCurrencies) {
  EXPECT_EQ(currencies().to_wire(money{100, "JPY"}, "amount").value(), 100);
  EXPECT_EQ(currencies().to_wire(money{1310, "KWD"}, "amount").value(), 1310);
  EXPECT_FALSE(currencies().to_wire(money{1312, "KWD"}, "amount").ok());
  EXPECT_EQ(currencies().to_wire(money{500, "UGX"}, "amount").value(), 500);
}

TEST(CheckoutComCurrencies, ClpInAReplyComesBackInIsoUnits) {
  auto run = drive(&flow_table::authorize, card_authorize(),
                   {reply(201, std::string(R"({"id":")") + payment_id +
                                   R"(","amount":500000,"currency":"CLP","approved":true,)"
                                   R"("status":"Authorized","response_code":"10000"})")});
  EXPECT_EQ(run.value().amount, (money{5000, "CLP"}));
}

}  // namespace
}  // namespace cko_test
