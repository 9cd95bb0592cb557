#pragma once
// Pieces of requests that every processor needs the same way: URL paths with each segment
// encoded, and the rule that a capture or refund stays within the payment.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::connectors {

// "/<segment>/<segment>…" with every segment percent-encoded by Boost.URL; empty segments are
// left out (an optional trailing action).
std::string encoded_path(std::initializer_list<std::string_view> segments);

// `amount` (capture or refund) and `payment_amount`, each as the processor takes it (`check`),
// and `amount` not above the payment nor in another currency; checked before any call. Errors
// name `<field>.currency`, `<field>.minor_amount` or `payment_amount`.
domain::status check_within(const std::optional<domain::money>& amount,
                            const std::optional<domain::money>& payment_amount,
                            std::string_view field,
                            domain::status (*check)(const domain::money&, std::string_view));

}  // namespace cs::connectors
