#pragma once
// The routes the simulator serves and the top-level form parameters each accepts (taken from
// Stripe's OpenAPI spec 2023-08-16), so an unknown parameter fails like on Stripe:
// 400 "Received unknown parameter: X".

#include <optional>
#include <string>
#include <vector>

namespace processor_sim::stripe {

// "POST /v1/payment_intents/{id}/capture" from the method and the split path (parts[2] is the id).
std::string route_pattern(const std::string& method, const std::vector<std::string>& parts);
bool known_route(const std::string& pattern);
// First parameter name the route does not accept, if any.
std::optional<std::string> unknown_param(const std::string& pattern,
                                         const std::vector<std::string>& names);

}  // namespace processor_sim::stripe
