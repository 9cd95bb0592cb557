// IBAN and ABA checks and masks, with the registries' published examples.
#include "domain/bank_account.hpp"

#include <gtest/gtest.h>

using namespace cs::domain;

TEST(Iban, ValidExamplesOfSeveralCountriesPass) {
  for (const char* iban : {"NL91ABNA0417164300", "DE89370400440532013000", "GB29NWBK60161331926819",
                           "FR1420041010050500013M02606", "BE68539007547034",
                           "AT611904300234573201", "ES9121000418450200051332"})
    EXPECT_TRUE(iban_valid(iban)) << iban;
}

TEST(Iban, WrongCheckDigitsLengthOrCharactersFail) {
  EXPECT_FALSE(iban_valid("NL91ABNA0417164301"));   // mod 97 fails
  EXPECT_FALSE(iban_valid("NL92ABNA0417164300"));   // check digits
  EXPECT_FALSE(iban_valid("NL91ABNA04171643000"));  // 19 characters: the Netherlands use 18
  EXPECT_FALSE(iban_valid("NL91ABNA041716430"));
  EXPECT_FALSE(iban_valid("nl91abna0417164300"));  // not normalized
  EXPECT_FALSE(iban_valid("NL91-ABNA-0417-1643"));
  EXPECT_FALSE(iban_valid("9191ABNA0417164300"));
  EXPECT_FALSE(iban_valid(""));
}

TEST(Iban, NormalizesSpacesAndCase) {
  EXPECT_EQ(normalize_iban(" nl91 abna 0417 1643 00 "), "NL91ABNA0417164300");
  EXPECT_TRUE(iban_valid(normalize_iban("de89 3704 0044 0532 0130 00")));
}

TEST(Iban, MaskShowsCountryCheckDigitsAndLastFour) {
  EXPECT_EQ(masked_iban("NL91ABNA0417164300"), "NL91…4300");
  EXPECT_EQ(masked_iban("NL91"), "…");
}

TEST(AbaRouting, CheckDigit) {
  EXPECT_TRUE(aba_routing_valid("110000000"));  // Stripe's test routing number
  EXPECT_TRUE(aba_routing_valid("011000015"));  // Federal Reserve Bank of Boston
  EXPECT_TRUE(aba_routing_valid("021000021"));  // JPMorgan Chase
  EXPECT_FALSE(aba_routing_valid("110000001"));
  EXPECT_FALSE(aba_routing_valid("11000000"));
  EXPECT_FALSE(aba_routing_valid("11000000a"));
}

TEST(AccountNumber, MaskShowsTheLastFour) {
  EXPECT_EQ(masked_account_number("000123456789"), "…6789");
  EXPECT_EQ(masked_account_number("1234"), "…");
}
