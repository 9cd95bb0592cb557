#pragma once
// The optional [redis] table: where the replicas keep the state they share. Absent → nullopt,
// and every replica keeps its own state as before.

#include <toml++/toml.h>

#include <optional>

#include "actors/runtime.hpp"
#include "domain/result.hpp"

namespace cs::service {

// Sets out.redis and out.redis_key_prefix when root has a [redis] table.
domain::status redis_section(const toml::table& root, actors::runtime_config& out);

}  // namespace cs::service
