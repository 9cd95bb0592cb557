#pragma once
// What the config needs of each connector: its name, the base URLs it lets the config override
// (with their sandbox defaults), its credential keys, and the shape check of a secret. This is
// the one place that asks the connectors' interface, so a change there is followed here only.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/charge_marker.hpp"
#include "domain/connector.hpp"
#include "domain/result.hpp"

namespace cs::service {

struct connector_keys {
  struct base_url {
    std::string name;  // "default", "disputes"
    std::string test_default;
  };
  std::string name;
  std::vector<base_url> base_urls;
  std::vector<std::string> credential_keys;
  std::vector<std::string> optional_credential_keys;  // taken when given, never required
  const domain::connector* impl = nullptr;
};

// The set the runtime hands to the rooms below (the descriptors themselves).
domain::connector_set builtin_connectors();
// The charge markers those connectors declare (domain/charge_marker.hpp).
std::vector<const domain::charge_marker*> builtin_charge_markers();
// Every connector the service knows, in the registry's order.
std::vector<connector_keys> all_connector_keys();
std::optional<connector_keys> find_connector_keys(std::string_view name);
// The connector's shape check of a credential or webhook secret; the error never holds it.
domain::status check_secret(const connector_keys& c, std::string_view path, std::string_view value);

}  // namespace cs::service
