// Capabilities: a method's currency and country limits are refused before any call, and the
// README's table of payment methods by connector is the registry's (a new method or connector
// fails this test until the table says so).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "connectors/registry.hpp"
#include "domain/connector.hpp"

namespace {

using namespace cs::domain;

TEST(Capabilities, CurrencyAndCountryLimitsAreNamed) {
  connector c;
  c.name = "example";
  c.methods = {
      method_kind::card, {method_kind::sepa_debit, {"EUR"}}, {method_kind::ideal, {"EUR"}, {"NL"}}};
  sepa_debit sepa{secret<std::string>("NL91ABNA0417164300"), "A Holder"};
  EXPECT_TRUE(check_method(c, sepa, "EUR", "").ok());
  auto s = check_method(c, sepa, "USD", "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().field, "amount.currency_code");
  EXPECT_EQ(s.err().message,
            "amount.currency_code: sepa_debit through the example connector takes EUR; not USD");
  bank_redirect ideal{bank_redirect_type::ideal, ""};
  EXPECT_TRUE(check_method(c, ideal, "EUR", "").ok());  // no country given: not judged
  EXPECT_TRUE(check_method(c, ideal, "EUR", "NL").ok());
  s = check_method(c, ideal, "EUR", "BE");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().field, "order.billing_address.country");
  EXPECT_EQ(s.err().message,
            "order.billing_address.country: ideal through the example connector is offered in NL; "
            "not BE");
  // A card has no limits but the connector's currencies.
  card k{secret<std::string>("4111111111111111"), 3, 2030, {}, ""};
  EXPECT_TRUE(check_method(c, k, "JPY", "JP").ok());
  s = check_method(c, upi{"a@b"}, "INR", "IN");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().message,
            "payment_method: the example connector does not take payment_method.upi_collect; it "
            "takes card, sepa_debit, ideal");
}

std::string limits(const method_support& m) {
  std::string out;
  if (!m.currencies.empty()) {
    for (auto c : m.currencies) out += (out.empty() ? "" : " ") + std::string(c);
  }
  if (!m.countries.empty()) {
    out += out.empty() ? "" : "; ";
    std::string countries;
    for (auto c : m.countries) countries += (countries.empty() ? "" : " ") + std::string(c);
    out += countries;
  }
  return out;
}

// | method | adyen | … |, one row per kind any connector takes; ✓ or the limits.
std::string rendered_table() {
  auto set = cs::connectors::builtin();
  std::string out = "| payment_method |";
  std::string rule = "|---|";
  for (const auto* c : set.all()) {
    out += fmt::format(" {} |", c->name);
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (auto k : every_method_kind) {
    std::string row = fmt::format("| `{}` |", to_string(k));
    bool any = false;
    for (const auto* c : set.all()) {
      const auto* m = method_entry(*c, k);
      any = any || m;
      row += m ? fmt::format(" ✓{}{} |", limits(*m).empty() ? "" : " ", limits(*m)) : " — |";
    }
    if (any) out += row + "\n";
  }
  return out;
}

TEST(Capabilities, ReadmeTableIsTheRegistrys) {
  std::ifstream in(CS_README);
  ASSERT_TRUE(in) << CS_README;
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::string begin = "<!-- capabilities:begin (tests/unit/connectors/common) -->\n";
  const std::string end = "<!-- capabilities:end -->";
  auto b = readme.find(begin), e = readme.find(end);
  ASSERT_NE(b, std::string::npos) << "README.md lacks the capabilities markers";
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(readme.substr(b + begin.size(), e - b - begin.size()), rendered_table())
      << "README.md's capability table differs from the descriptors; it should read:\n"
      << rendered_table();
}

}  // namespace
