// Amounts as Braintree's Amount strings: ISO exponents, never floating point, both ways.
#include "connectors/braintree/currencies.hpp"
#include "test_support.hpp"

namespace bt_test {
namespace {

using cs::connectors::braintree::from_amount;
using cs::connectors::braintree::to_amount;

TEST(BraintreeAmounts, WrittenAsDecimalStringsAtTheIsoExponent) {
  EXPECT_EQ(*to_amount(money{1050, "USD"}, "amount"), "10.50");
  EXPECT_EQ(*to_amount(money{5, "USD"}, "amount"), "0.05");
  EXPECT_EQ(*to_amount(money{1000, "JPY"}, "amount"), "1000");
  EXPECT_EQ(*to_amount(money{1250, "KWD"}, "amount"), "1.250");
  EXPECT_EQ(*to_amount(money{9'007'199'254'740'993, "USD"}, "amount"), "90071992547409.93");
  EXPECT_EQ(to_amount(money{0, "USD"}, "amount").err().field, "amount.minor_amount");
  EXPECT_EQ(to_amount(money{100, "CLF"}, "amount").err().field, "amount.currency_code");
}

TEST(BraintreeAmounts, ReadBackExactlyOrNotAtAll) {
  EXPECT_EQ(*from_amount("250.0", "USD"), (money{25000, "USD"}));
  EXPECT_EQ(*from_amount("100", "usd"), (money{10000, "USD"}));
  EXPECT_EQ(*from_amount("49.99", "USD"), (money{4999, "USD"}));
  EXPECT_EQ(*from_amount("1000", "JPY"), (money{1000, "JPY"}));
  EXPECT_EQ(*from_amount("1.250", "KWD"), (money{1250, "KWD"}));
  for (auto bad : {"1.5", "1e3", "-1", "", ".5", "1.", "10.001"})
    EXPECT_FALSE(from_amount(bad, bad == std::string_view("1.5") ? "JPY" : "USD")) << bad;
}

}  // namespace
}  // namespace bt_test
