// The access log's method= value: the arm, and account numbers only masked.
#include <gtest/gtest.h>

#include "api/method_summary.hpp"

namespace {

using namespace cs::domain;
using cs::api::method_summary;

TEST(MethodSummary, NumbersAreMaskedLikeACards) {
  card c;
  c.number = secret<std::string>("4111111111111111");
  EXPECT_EQ(method_summary(c), "card:411111…1111");
  EXPECT_EQ(method_summary(sepa_debit{secret<std::string>("DE89370400440532013000"), "J"}),
            "sepa_debit:DE89…3000");
  ach_debit a;
  a.account_number = secret<std::string>("000123456789");
  a.routing_number = "110000000";
  const auto ach = method_summary(a);
  EXPECT_EQ(ach, "ach_debit:…6789");
  network_token t;
  t.number = secret<std::string>("4895370012003478");
  t.origin = token_origin::apple_pay;
  EXPECT_EQ(method_summary(t), "apple_pay.decrypted:489537…3478");
}

TEST(MethodSummary, OtherMethodsAreTheirArmAndNothingSecret) {
  EXPECT_EQ(method_summary(wallet::of(wallet_type::google_pay, R"({"secret":"x"})")), "google_pay");
  EXPECT_EQ(method_summary(bank_redirect{bank_redirect_type::ideal, "ing"}), "ideal");
  EXPECT_EQ(method_summary(bnpl{}), "klarna");
  EXPECT_EQ(method_summary(processor_token{"pm_card_visa"}), "token");
  EXPECT_EQ(method_summary(payment_method{}), "");
  for (const auto& s : {method_summary(wallet::of(wallet_type::apple_pay, "tok"))})
    EXPECT_EQ(s.find(' '), std::string::npos);
}

}  // namespace
