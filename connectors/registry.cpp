#include "connectors/registry.hpp"

#include <array>
#include <vector>

#include "connectors/builtin_list.hpp"

namespace cs::connectors {

domain::connector_set builtin() noexcept {
  static const auto list = std::to_array<const domain::connector*>({CS_BUILTIN_CONNECTORS});
  return domain::connector_set(list);
}

std::span<const domain::charge_marker* const> charge_markers() noexcept {
  // A vector: the list may be empty in a build without such connectors.
  static const std::vector<const domain::charge_marker*> list{CS_CHARGE_MARKERS};
  return list;
}

}  // namespace cs::connectors
