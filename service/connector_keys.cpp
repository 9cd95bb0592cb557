#include "service/connector_keys.hpp"

#include "connectors/registry.hpp"
#include "domain/connector.hpp"

namespace cs::service {
namespace {

connector_keys keys_of(const domain::connector& c) {
  connector_keys out;
  out.name = std::string(c.name);
  for (auto& b : c.base_urls)
    out.base_urls.push_back({std::string(b.name), std::string(b.test_default)});
  for (auto k : c.credential_keys) out.credential_keys.emplace_back(k);
  for (auto k : c.optional_credential_keys) out.optional_credential_keys.emplace_back(k);
  out.impl = &c;
  return out;
}

}  // namespace

domain::connector_set builtin_connectors() {
  return connectors::builtin();
}

std::vector<const domain::charge_marker*> builtin_charge_markers() {
  auto all = connectors::charge_markers();
  return {all.begin(), all.end()};
}

std::vector<connector_keys> all_connector_keys() {
  std::vector<connector_keys> out;
  for (auto* c : connectors::builtin().all()) out.push_back(keys_of(*c));
  return out;
}

std::optional<connector_keys> find_connector_keys(std::string_view name) {
  auto* c = connectors::builtin().find(name);
  if (!c) return std::nullopt;
  return keys_of(*c);
}

domain::status check_secret(const connector_keys& c, std::string_view path,
                            std::string_view value) {
  return domain::check_secret(*c.impl, path, value);
}

}  // namespace cs::service
