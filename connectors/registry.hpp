#pragma once
// Every connector this build has (listed once, in connectors/CMakeLists.txt). Only the
// composition root (service/) and tests ask for it; the rooms below receive the set.

#include <span>

#include "domain/charge_marker.hpp"
#include "domain/connector.hpp"

namespace cs::connectors {

domain::connector_set builtin() noexcept;
// The charge markers the connectors of this build declare (those with a charge_marker.cpp).
std::span<const domain::charge_marker* const> charge_markers() noexcept;

}  // namespace cs::connectors
