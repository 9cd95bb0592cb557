#include "domain/money.hpp"

#include <gtest/gtest.h>

using namespace cs::domain;

TEST(Currency, KnowsExponents) {
  EXPECT_EQ(find_currency("EUR")->exponent, 2);
  EXPECT_EQ(find_currency("JPY")->exponent, 0);
  EXPECT_EQ(find_currency("KWD")->exponent, 3);
  EXPECT_EQ(find_currency("BHD")->exponent, 3);
  EXPECT_FALSE(find_currency("XYZ"));
  EXPECT_FALSE(find_currency("eur"));
  EXPECT_FALSE(find_currency(""));
}

TEST(Money, ValidatesCurrencyAndAmount) {
  EXPECT_TRUE(validate_money({1000, "EUR"}, "amount").ok());
  auto unknown = validate_money({1000, "EUX"}, "amount");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.err().code, error_code::invalid_argument);
  EXPECT_EQ(unknown.err().field, "amount.currency_code");
  auto missing = validate_money({1000, ""}, "amount");
  EXPECT_EQ(missing.err().reason, reason::missing_field);
  auto zero = validate_money({0, "EUR"}, "amount");
  EXPECT_EQ(zero.err().field, "amount.minor_amount");
  EXPECT_TRUE(validate_money({0, "EUR"}, "amount", true).ok());
  EXPECT_FALSE(validate_money({-1, "EUR"}, "amount", true).ok());
}

TEST(Money, RendersDecimalStringsByExponent) {
  EXPECT_EQ(to_decimal_string({1000, "USD"}), "10.00");
  EXPECT_EQ(to_decimal_string({5, "USD"}), "0.05");
  EXPECT_EQ(to_decimal_string({1000, "JPY"}), "1000");
  EXPECT_EQ(to_decimal_string({1234, "KWD"}), "1.234");
  EXPECT_EQ(to_decimal_string({-250, "EUR"}), "-2.50");
  EXPECT_EQ(to_string(money{1999, "EUR"}), "19.99 EUR");
}
