#include "domain/payment_method.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

using namespace cs::domain;

TEST(Card, MasksToFirstSixLastFour) {
  EXPECT_EQ(masked_pan("4111111111111111"), "411111…1111");
  EXPECT_EQ(masked_pan("4111 1111 1111 1111"), "411111…1111");
  EXPECT_EQ(masked_pan("4111"), "…");
}

TEST(Card, LuhnCheck) {
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_TRUE(luhn_valid("5555555555554444"));
  EXPECT_FALSE(luhn_valid("4111111111111112"));
  EXPECT_FALSE(luhn_valid("4111-1111"));
  EXPECT_FALSE(luhn_valid(""));
}

TEST(Secret, NeverPrints) {
  card c{secret<std::string>("4111111111111111"), 3, 2030, secret<std::string>("737"), "A"};
  std::ostringstream os;
  os << c.number << c.cvc;
  EXPECT_EQ(os.str(), "******");
  EXPECT_EQ(fmt::format("{} {}", c.number, c.cvc), "*** ***");
  EXPECT_EQ(c.number.reveal(), "4111111111111111");
}
