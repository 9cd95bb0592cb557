#pragma once
// Every connector this build has (listed once, in connectors/CMakeLists.txt). Only the
// composition root (service/) and tests ask for it; the rooms below receive the set.

#include "domain/connector.hpp"

namespace cs::connectors {

domain::connector_set builtin() noexcept;

}  // namespace cs::connectors
