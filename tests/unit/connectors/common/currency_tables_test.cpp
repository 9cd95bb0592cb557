// Property: for every currency in every connector's table, ISO minor units → the processor's
// units → ISO minor units gives back the same amount, or the amount is refused up front (never
// rounded). Plus the conversion rules themselves.
#include <gtest/gtest.h>

#include <vector>

#include "connectors/registry.hpp"
#include "domain/currency_table.hpp"

namespace {

using cs::domain::currency_table;
using cs::domain::money;

// Every built-in connector's table: a new connector is covered without editing this file.
std::vector<const currency_table*> all_tables() {
  std::vector<const currency_table*> out;
  for (const auto* c : cs::connectors::builtin().all())
    if (c->currencies) out.push_back(c->currencies);
  return out;
}
const std::vector<const currency_table*> tables = all_tables();

TEST(CurrencyTables, SortedAndEveryCodeKnownToIso) {
  for (auto* t : tables) {
    EXPECT_TRUE(t->sorted()) << t->processor();
    // A truncated copy would lose whole regions: every processor here takes at least PayPal's
    // 24 currencies (the others well over 100), among them USD and EUR.
    EXPECT_GE(t->rules().size(), 24u) << t->processor();
    EXPECT_TRUE(t->find("USD") && t->find("EUR")) << t->processor();
    for (const auto& r : t->rules()) {
      EXPECT_TRUE(cs::domain::find_currency(r.code)) << t->processor() << " " << r.code;
      EXPECT_GE(r.exponent, 0);
      EXPECT_LE(r.exponent, 4);
      EXPECT_GE(r.step, 1);
    }
  }
}

TEST(CurrencyTables, EveryCurrencyRoundTripsExactlyOrIsRefused) {
  const std::int64_t samples[] = {
      1, 5, 7, 10, 99, 100, 101, 1000, 1050, 12345, 500000, 987654321, 4611686018427387};
  std::size_t round_trips = 0;
  for (auto* t : tables) {
    for (const auto& r : t->rules()) {
      int iso = cs::domain::find_currency(r.code)->exponent;
      bool some_sent = false;
      for (auto minor : samples) {
        money m{minor, std::string(r.code)};
        auto wire = t->to_wire(m, "amount");
        if (!wire) {
          // Refused only for a reason: the processor cannot hold the amount exactly.
          EXPECT_EQ(wire.err().field, "amount.minor_amount") << t->processor() << " " << r.code;
          continue;
        }
        some_sent = true;
        EXPECT_EQ(*wire % r.step, 0) << t->processor() << " " << r.code << " " << minor;
        auto back = t->from_wire(*wire, r.code);
        ASSERT_TRUE(back.ok()) << back.err().message;
        EXPECT_EQ(*back, m) << t->processor() << " " << r.code << " " << minor;
        // Case of the processor's reply does not matter (Stripe writes "usd").
        std::string lower(r.code);
        for (auto& c : lower) c = static_cast<char>(c - 'A' + 'a');
        EXPECT_EQ(t->from_wire(*wire, lower)->minor_amount, minor);
        ++round_trips;
        // The wire value scales by exactly the exponent difference.
        if (r.exponent >= iso) {
          std::int64_t f = 1;
          for (int i = iso; i < r.exponent; ++i) f *= 10;
          EXPECT_EQ(*wire, minor * f);
        }
      }
      EXPECT_TRUE(some_sent) << t->processor() << " " << r.code << " takes none of the samples";
    }
  }
  EXPECT_GT(round_trips, 1000u);
}

TEST(CurrencyTables, NeitherDirectionRoundsOrOverflows) {
  const cs::domain::currency_rule rules[] = {{"CLP", 2}, {"CVE", 0}, {"KWD", 3, 10}};
  currency_table t{"Test", rules};
  EXPECT_EQ(*t.to_wire(money{7, "CLP"}, "amount"), 700);
  EXPECT_EQ(*t.to_wire(money{700, "CVE"}, "amount"), 7);
  auto frac = t.to_wire(money{750, "CVE"}, "refund");
  ASSERT_FALSE(frac.ok());
  EXPECT_EQ(frac.err().field, "refund.minor_amount");
  auto step = t.to_wire(money{1005, "KWD"}, "amount");
  ASSERT_FALSE(step.ok());
  EXPECT_NE(step.err().message.find("e.g. 1000"), std::string::npos) << step.err().message;
  auto big = t.to_wire(money{INT64_MAX / 10, "CLP"}, "amount");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.err().field, "amount.minor_amount");
  EXPECT_EQ(t.to_wire(money{100, "USD"}, "amount").err().field, "amount.currency_code");
  EXPECT_EQ(t.to_wire(money{0, "CLP"}, "amount").err().field, "amount.minor_amount");
  EXPECT_EQ(*t.to_wire(money{0, "CLP"}, "amount", true), 0);
  // Replies: CLP with a fraction of a peso has no ISO value; it is an error, not a rounding.
  auto reply = t.from_wire(150, "CLP");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.err().reason, cs::domain::reason::bad_processor_reply);
  EXPECT_EQ(t.from_wire(7, "cve")->minor_amount, 700);
  EXPECT_FALSE(t.from_wire(INT64_MAX, "CVE").ok());
}

}  // namespace
