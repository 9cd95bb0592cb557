// Currencies Stripe takes and its minimum charge per currency, checked before any call.
#include <fmt/format.h>

#include "connectors/stripe/currencies.hpp"
#include "connectors/stripe/wire.hpp"
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
  auto below = drive(&cs::domain::flow_table::authorize, r, {});
  EXPECT_TRUE(below.requests.empty());
  EXPECT_EQ(below.err().field, "amount.minor_amount");
  EXPECT_NE(below.err().message.find("minimum"), std::string::npos) << below.err().message;
  r.amount.minor_amount = minimum;
  auto at = drive(&cs::domain::flow_table::authorize, r, {});
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
  const auto& c = cs::connectors::stripe::descriptor();
  EXPECT_TRUE(supports_currency(c, "USD"));
  EXPECT_TRUE(supports_currency(c, "JPY"));
  EXPECT_TRUE(supports_currency(c, "KWD"));
  EXPECT_TRUE(supports_currency(c, "ISK"));  // sent as a two-decimal value
  EXPECT_FALSE(supports_currency(c, "XAU"));
  EXPECT_FALSE(supports_currency(c, "usd"));
}

TEST(StripeCurrencies, UnsupportedCurrencyIsRejectedNamingTheCurrency) {
  auto r = authorize_token_automatic();
  r.amount = money{5000, "IRR"};  // ISO 4217, not a Stripe presentment currency
  auto run = drive(&cs::domain::flow_table::authorize, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.currency_code");
  r.amount = money{5000, "XYZ"};
  EXPECT_EQ(drive(&cs::domain::flow_table::authorize, r, {}).err().field, "amount.currency_code");
}

TEST(StripeCurrencies, CurrencyWithoutPublishedMinimumPassesAnyPositiveAmount) {
  EXPECT_FALSE(stripe::minimum_charge("KES"));
  auto r = authorize_token_automatic();
  r.amount = money{1, "KES"};
  auto run = drive(&cs::domain::flow_table::authorize, r, {});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(form_value(run.requests[0], "currency"), "kes");
}

TEST(StripeCurrencies, ThreeDecimalAmountsMustEndInZero) {
  auto r = authorize_token_automatic();
  r.amount = money{1005, "KWD"};
  EXPECT_EQ(drive(&cs::domain::flow_table::authorize, r, {}).err().field, "amount.minor_amount");
  r.amount = money{1010, "KWD"};
  EXPECT_EQ(drive(&cs::domain::flow_table::authorize, r, {}).requests.size(), 1u);
}

TEST(StripeCurrencies, ZeroAndNegativeAmountsAreRejected) {
  auto r = authorize_token_automatic();
  r.amount = money{0, "USD"};
  EXPECT_EQ(drive(&cs::domain::flow_table::authorize, r, {}).err().field, "amount.minor_amount");
  r.amount = money{-100, "USD"};
  EXPECT_EQ(drive(&cs::domain::flow_table::authorize, r, {}).err().field, "amount.minor_amount");
}

TEST(StripeCurrencies, RecurringChargeChecksTheMinimumToo) {
  recurring_charge_request r;
  r.idempotency_key = "k";
  r.mandate_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";
  r.customer_id = "cus_OhGd2Ya6sS7X8z";
  r.amount = money{29, "GBP"};
  auto run = drive(&cs::domain::flow_table::recurring_charge, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
}

struct wire_case {
  const char* currency;
  std::int64_t iso_minor;
  std::int64_t stripe;
};

// docs.stripe.com/currencies: ISK and UGX are sent as two-decimal values (ISO 0), MGA is
// zero-decimal (ISO 2); JPY, USD and KWD as ISO.
const wire_case wire_cases[] = {{"ISK", 5, 500},   {"UGX", 1200, 120000}, {"MGA", 100000, 1000},
                                {"JPY", 500, 500}, {"USD", 1234, 1234},   {"KWD", 1010, 1010}};

class StripeWireAmount : public ::testing::TestWithParam<wire_case> {};

TEST_P(StripeWireAmount, ChargeCaptureAndRefundSendStripeUnitsAndReadThemBack) {
  auto [currency, iso, units] = GetParam();
  auto r = authorize_token_automatic();
  r.amount = money{iso, currency};
  // Above every published minimum, in the currency's own terms.
  auto run = drive(&cs::domain::flow_table::authorize, r, {});
  ASSERT_EQ(run.requests.size(), 1u) << (run.requests.empty() ? run.err().message : "");
  EXPECT_EQ(form_value(run.requests[0], "amount"), std::to_string(units));

  capture_request cap;
  cap.idempotency_key = "k-cap";
  cap.connector_payment_id = "pi_3MtwBwLkdIwHu7ix28a3tqPa";
  cap.amount_to_capture = money{iso, currency};
  cap.payment_amount = money{iso * 2, currency};
  auto c = drive(&cs::domain::flow_table::capture, cap, {});
  ASSERT_EQ(c.requests.size(), 1u);
  EXPECT_EQ(form_value(c.requests[0], "amount_to_capture"), std::to_string(units));

  refund_request ref;
  ref.idempotency_key = "k-ref";
  ref.connector_payment_id = "pi_3MtwBwLkdIwHu7ix28a3tqPa";
  ref.amount = money{iso, currency};
  auto f = drive(&cs::domain::flow_table::refund, ref, {});
  ASSERT_EQ(f.requests.size(), 1u);
  EXPECT_EQ(form_value(f.requests[0], "amount"), std::to_string(units));

  // A PaymentIntent in Stripe's units comes back in ISO minor units, the captured part too.
  auto body =
      fmt::format(R"({{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":{},)"
                  R"("amount_received":{},"currency":"{}","status":"succeeded","metadata":{{}}}})",
                  units * 2, units, cs::connectors::stripe::wire::lower(currency));
  auto paid = drive(&cs::domain::flow_table::authorize, r, {json_reply(200, body)});
  const auto& p = paid.value();
  ASSERT_TRUE(p.amount && p.captured_amount);
  EXPECT_EQ(*p.amount, (money{iso * 2, currency}));
  EXPECT_EQ(*p.captured_amount, (money{iso, currency}));
  EXPECT_EQ(p.status, payment_status::partially_charged);
}

INSTANTIATE_TEST_SUITE_P(Table, StripeWireAmount, ::testing::ValuesIn(wire_cases),
                         [](const auto& info) { return std::string(info.param.currency); });

TEST(StripeCurrencies, MgaFractionIsRefusedNeverRounded) {
  auto r = authorize_token_automatic();
  r.amount = money{100050, "MGA"};  // 1000.50 MGA: Stripe takes whole ariary
  auto run = drive(&cs::domain::flow_table::authorize, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
  EXPECT_NE(run.err().message.find("multiple of 100"), std::string::npos) << run.err().message;
}

TEST(StripeCurrencies, TableHoldsTheDocumentedDifferences) {
  const auto& t = cs::connectors::stripe::currencies();
  EXPECT_TRUE(t.sorted());
  EXPECT_EQ(t.find("ISK")->exponent, 2);
  EXPECT_EQ(t.find("UGX")->exponent, 2);
  EXPECT_EQ(t.find("MGA")->exponent, 0);
  EXPECT_EQ(t.find("KWD")->step, 10);
  int differing = 0;
  for (const auto& rule : t.rules())
    if (find_currency(rule.code)->exponent != rule.exponent) ++differing;
  EXPECT_EQ(differing, 3);
}

}  // namespace
}  // namespace stripe_test
