#pragma once
// Every connector the service knows, by the name requests use.

#include <span>
#include <string_view>

#include "domain/connector.hpp"

namespace cs::connectors {

// nullptr for an unknown name.
const domain::connector* find(std::string_view name) noexcept;
std::span<const domain::connector* const> all() noexcept;

}  // namespace cs::connectors
