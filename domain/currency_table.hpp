#pragma once
// How one processor counts each currency it takes: the digits after the point in its amount
// fields and any step its amounts must keep. Each connector holds one table, copied from the
// processor's documentation (cited in its README); amounts cross it both ways, exactly or not
// at all.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::domain {

struct currency_rule {
  std::string_view code;
  int exponent;           // the processor's digits after the point (ISO's, unless it differs)
  std::int64_t step = 1;  // the processor's amount must be a multiple of this, in its own units
};

class currency_table {
 public:
  // `rules` sorted by code (checked by the connector's tests), alive as long as the table.
  constexpr currency_table(std::string_view processor, std::span<const currency_rule> rules)
      : processor_(processor), rules_(rules) {}

  std::string_view processor() const noexcept { return processor_; }
  std::span<const currency_rule> rules() const noexcept { return rules_; }
  bool sorted() const noexcept;
  // nullptr when the processor does not take the currency.
  const currency_rule* find(std::string_view code) const noexcept;

  // ISO minor units → the processor's amount. INVALID_ARGUMENT naming `<field>.currency` when
  // the currency is unknown or not taken, `<field>.minor_amount` when the amount is not
  // positive (zero when allowed) or has no exact value in the processor's units.
  result<std::int64_t> to_wire(const money& m, std::string_view field,
                               bool allow_zero = false) const;
  // The same checks without the conversion's value.
  status check(const money& m, std::string_view field, bool allow_zero = false) const;
  // The processor's amount → ISO minor units (`currency` as the processor wrote it, any case).
  // BAD_PROCESSOR_REPLY when it has no exact ISO value; a currency missing from the table is
  // taken at its ISO exponent.
  result<money> from_wire(std::int64_t value, std::string_view currency) const;

 private:
  std::string_view processor_;
  std::span<const currency_rule> rules_;
};

}  // namespace cs::domain
