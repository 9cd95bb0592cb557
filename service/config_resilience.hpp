#pragma once
// The resilience tables of a connector ([connectors.<name>.retry], .rate_limit,
// .circuit_breaker) and of a merchant account (.rate_limit): nonsense values are refused with
// the key named.

#include <toml++/toml.h>

#include <string_view>

#include "actors/connector_pool.hpp"
#include "domain/result.hpp"

namespace cs::service {

domain::result<actors::retry_config> retry_section(const toml::table& parent,
                                                   std::string_view parent_path);
// Absent = no limit (per_second 0).
domain::result<actors::rate_limit_config> rate_limit_section(const toml::table& parent,
                                                             std::string_view parent_path);
domain::result<actors::breaker_config> breaker_section(const toml::table& parent,
                                                       std::string_view parent_path);

}  // namespace cs::service
