// Currencies Stripe takes and its minimum charge per currency, checked before any call.
#include "connectors/stripe/currencies.hpp"
#include "test_support.hpp"

namespace stripe_test {
namespace {

namespace stripe = cs::connectors::stripe;

struct minimum_case {
  const char* currency;
  std::int64_t minimum;
};

class StripeMinimumCharge : public ::testing::TestWithParam<minimum_case> {};

// docs.stripe.com/currencies#minimum-and-maximum-charge-amounts
TEST_P(StripeMinimumCharge, OneBelowIsRejectedTheMinimumIsSent) {
  auto [currency, minimum] = GetParam();
  EXPECT_EQ(stripe::minimum_charge(currency), minimum);
  auto r = authorize_token_automatic();
  r.amount = money{minimum - 1, currency};
  auto below = drive(&stripe_connector::authorize, r, {});
  EXPECT_TRUE(below.requests.empty());
  EXPECT_EQ(below.err().field, "amount.minor_amount");
  EXPECT_NE(below.err().message.find("minimum"), std::string::npos) << below.err().message;
  r.amount.minor_amount = minimum;
  auto at = drive(&stripe_connector::authorize, r, {});
  ASSERT_EQ(at.requests.size(), 1u);
  EXPECT_EQ(form_value(at.requests[0], "amount"), std::to_string(minimum));
}

INSTANTIATE_TEST_SUITE_P(Table, StripeMinimumCharge,
                         ::testing::Values(minimum_case{"USD", 50}, minimum_case{"EUR", 50},
                                           minimum_case{"CHF", 50}, minimum_case{"AUD", 50},
                                           minimum_case{"CAD", 50}, minimum_case{"NZD", 50},
                                           minimum_case{"SGD", 50}, minimum_case{"GBP", 30},
                                           minimum_case{"JPY", 50}, minimum_case{"HKD", 400},
                                           minimum_case{"HUF", 17500}, minimum_case{"MXN", 1000},
                                           minimum_case{"CZK", 1500}));

TEST(StripeCurrencies, SupportsCurrencyOverride) {
  stripe_connector c;
  EXPECT_TRUE(c.supports_currency("USD"));
  EXPECT_TRUE(c.supports_currency("JPY"));
  EXPECT_TRUE(c.supports_currency("KWD"));
  EXPECT_FALSE(c.supports_currency("ISK"));  // Stripe's two-decimal ISK is not converted
  EXPECT_FALSE(c.supports_currency("XAU"));
  EXPECT_FALSE(c.supports_currency("usd"));
}

TEST(StripeCurrencies, UnsupportedCurrencyIsRejectedNamingTheCurrency) {
  auto r = authorize_token_automatic();
  r.amount = money{5000, "ISK"};
  auto run = drive(&stripe_connector::authorize, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.currency");
  r.amount = money{5000, "XYZ"};
  EXPECT_EQ(drive(&stripe_connector::authorize, r, {}).err().field, "amount.currency");
}

TEST(StripeCurrencies, CurrencyWithoutPublishedMinimumPassesAnyPositiveAmount) {
  EXPECT_FALSE(stripe::minimum_charge("KES"));
  auto r = authorize_token_automatic();
  r.amount = money{1, "KES"};
  auto run = drive(&stripe_connector::authorize, r, {});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(form_value(run.requests[0], "currency"), "kes");
}

TEST(StripeCurrencies, ThreeDecimalAmountsMustEndInZero) {
  auto r = authorize_token_automatic();
  r.amount = money{1005, "KWD"};
  EXPECT_EQ(drive(&stripe_connector::authorize, r, {}).err().field, "amount.minor_amount");
  r.amount = money{1010, "KWD"};
  EXPECT_EQ(drive(&stripe_connector::authorize, r, {}).requests.size(), 1u);
}

TEST(StripeCurrencies, ZeroAndNegativeAmountsAreRejected) {
  auto r = authorize_token_automatic();
  r.amount = money{0, "USD"};
  EXPECT_EQ(drive(&stripe_connector::authorize, r, {}).err().field, "amount.minor_amount");
  r.amount = money{-100, "USD"};
  EXPECT_EQ(drive(&stripe_connector::authorize, r, {}).err().field, "amount.minor_amount");
}

TEST(StripeCurrencies, RecurringChargeChecksTheMinimumToo) {
  recurring_charge_request r;
  r.idempotency_key = "k";
  r.mandate_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";
  r.customer_id = "cus_OhGd2Ya6sS7X8z";
  r.amount = money{29, "GBP"};
  auto run = drive(&stripe_connector::recurring_charge, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
}

}  // namespace
}  // namespace stripe_test
