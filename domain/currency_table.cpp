#include "domain/currency_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cs::domain {

bool currency_table::sorted() const noexcept {
  return std::is_sorted(
      rules_.begin(), rules_.end(),
      [](const currency_rule& a, const currency_rule& b) { return a.code < b.code; });
}

const currency_rule* currency_table::find(std::string_view code) const noexcept {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), code,
                             [](const currency_rule& r, std::string_view k) { return r.code < k; });
  if (it == rules_.end() || it->code != code) return nullptr;
  return &*it;
}

result<std::int64_t> currency_table::to_wire(const money& m, std::string_view field,
                                             bool allow_zero) const {
  if (auto s = domain::validate_money(m, field, allow_zero); !s) return std::move(s).err();
  auto* rule = find(m.currency);
  if (!rule)
    return domain::invalid_argument(
        fmt::format("{}.currency_code", field),
        fmt::format("{} does not charge in {}", processor_, m.currency));
  auto wire = domain::to_wire_units(m, rule->exponent, field);
  if (!wire) return wire;
  if (*wire % rule->step != 0) {
    // The nearest lower amount the processor takes, in the caller's ISO minor units.
    auto lower =
        domain::from_wire_units(*wire / rule->step * rule->step, m.currency, rule->exponent);
    return domain::invalid_argument(
        fmt::format("{}.minor_amount", field),
        fmt::format("{} takes {} amounts only in steps of {} of its units ({} decimal digits): "
                    "{} minor units cannot be sent exactly (e.g. {})",
                    processor_, m.currency, rule->step, rule->exponent, m.minor_amount,
                    lower ? std::to_string(lower->minor_amount) : std::string("a smaller one")));
  }
  return wire;
}

status currency_table::check(const money& m, std::string_view field, bool allow_zero) const {
  auto wire = to_wire(m, field, allow_zero);
  if (!wire) return std::move(wire).err();
  return domain::ok_status();
}

result<money> currency_table::from_wire(std::int64_t value, std::string_view currency) const {
  std::string code(currency);
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto* rule = find(code);
  if (!rule) return money{value, std::move(code)};
  auto out = domain::from_wire_units(value, std::move(code), rule->exponent);
  if (!out) {
    auto e = std::move(out).err();
    e.message = fmt::format("{}: {}", processor_, e.message);
    return e;
  }
  return out;
}

}  // namespace cs::domain
