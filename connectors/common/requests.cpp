#include "connectors/common/requests.hpp"

#include <fmt/format.h>

#include <boost/url.hpp>

namespace cs::connectors {

std::string encoded_path(std::initializer_list<std::string_view> segments) {
  boost::urls::url u;
  u.set_path_absolute(true);
  for (auto s : segments)
    if (!s.empty()) u.segments().push_back(s);
  return std::string(u.buffer());
}

domain::status check_within(const std::optional<domain::money>& amount,
                            const std::optional<domain::money>& payment_amount,
                            std::string_view field,
                            domain::status (*check)(const domain::money&, std::string_view)) {
  if (amount)
    if (auto s = check(*amount, field); !s) return s;
  if (payment_amount)
    if (auto s = check(*payment_amount, "payment_amount"); !s) return s;
  if (!amount || !payment_amount) return domain::ok_status();
  if (amount->currency != payment_amount->currency)
    return domain::invalid_argument(fmt::format("{}.currency_code", field),
                                    "differs from the payment's currency");
  if (amount->minor_amount > payment_amount->minor_amount)
    return domain::invalid_argument(
        fmt::format("{}.minor_amount", field),
        fmt::format("{} exceeds the payment amount {}", domain::to_string(*amount),
                    domain::to_string(*payment_amount)));
  return domain::ok_status();
}

}  // namespace cs::connectors
