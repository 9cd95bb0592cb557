#include "connectors/registry.hpp"

#include <array>

#include "connectors/builtin_list.hpp"

namespace cs::connectors {

domain::connector_set builtin() noexcept {
  static const auto list = std::to_array<const domain::connector*>({CS_BUILTIN_CONNECTORS});
  return domain::connector_set(list);
}

}  // namespace cs::connectors
