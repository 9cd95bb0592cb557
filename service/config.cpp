#include "service/config.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <fstream>
#include <set>
#include <sstream>

#include "service/config_connectors.hpp"
#include "service/config_env.hpp"
#include "service/config_redis.hpp"
#include "service/config_schema_tables.hpp"
#include "service/config_values.hpp"
#include "service/config_webhooks.hpp"

namespace cs::service {
namespace {

using domain::invalid_argument;
using domain::result;
using domain::status;

// A top-level table such as [server]: empty when absent.
result<const toml::table*> section(const toml::table& root, const table_spec& spec) {
  return sub_table(root, "", spec.path);
}

template <class T>
status read_section(const toml::table& root, const table<T>& spec, T& out) {
  CS_GET(t, section(root, spec.spec));
  return read_table(spec, *t, spec.spec.path, out);
}

// Free-form: any component name, its level checked when logging is configured.
status log_components(const toml::table& root, config& out) {
  CS_GET(log, section(root, log_table.spec));
  auto path = join(log_table.spec.path, table_key(log_components_table.spec));
  CS_GET(t, child_table(*log, log_table.spec.path, log_components_table.spec));
  for (auto& [k, v] : *t) {
    auto level = v.value<std::string>();
    if (!level) return invalid_argument(join(path, k.str()), "must be a string");
    out.log_components[std::string(k.str())] = *level;
  }
  return domain::ok_status();
}

status connectors(const toml::table& root, const tls_options& tls, config& out) {
  out.runtime.known = builtin_connectors();
  out.runtime.charge_markers = builtin_charge_markers();
  auto s = for_each_named(
      root, connector_table.spec,
      [&](std::string_view name, const toml::table& t, std::string_view path) -> status {
        auto conn = find_connector_keys(name);
        if (!conn) return invalid_argument(std::string(path), "unknown connector");
        CS_GET(settings, connector_section(t, path, *conn, tls));
        out.runtime.connectors.emplace(std::string(name), std::move(settings));
        return domain::ok_status();
      });
  if (!s) return s;
  if (out.runtime.connectors.empty())
    return invalid_argument("connectors", "enable at least one connector ([connectors.adyen])");
  for (auto& [name, c] : out.runtime.connectors)
    if (out.runtime.default_deadline < c.pool.client.connect_timeout)
      return invalid_argument(
          "server.default_deadline_ms",
          fmt::format("must not be below connectors.{}.connect_timeout_ms ({} ms): no call "
                      "could ever connect",
                      name, c.pool.client.connect_timeout.count()));
  return domain::ok_status();
}

status accounts(const toml::table& root, config& out) {
  return for_each_named(
      root, account_table.spec,
      [&](std::string_view name, const toml::table& t, std::string_view path) -> status {
        CS_GET(acct, account_section(t, path));
        if (!out.runtime.connectors.contains(acct.connector))
          return invalid_argument(
              join(path, "connector"),
              fmt::format("connector '{}' is not enabled under [connectors]", acct.connector));
        if (acct.rate_limit.per_second > 0)
          out.runtime.connectors.at(acct.connector)
              .pool.account_rate_limits.emplace(std::string(name), acct.rate_limit);
        out.runtime.accounts.emplace(std::string(name), std::move(acct));
        return domain::ok_status();
      });
}

}  // namespace

result<config> parse_config(std::string_view text, std::string_view source, char** env) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& err) {
    auto& b = err.source().begin;
    return invalid_argument(std::string(source), fmt::format("line {}, column {}: {}", b.line,
                                                             b.column, err.description()));
  }
  if (auto s = apply_env(root, env); !s) return std::move(s).err();
  if (auto s = only_keys(root, "", top_level_tables()); !s) return std::move(s).err();
  config out;
  tls_options tls;
  if (auto s = read_section(root, server_table, out); !s) return std::move(s).err();
  if (auto s = read_section(root, log_table, out); !s) return std::move(s).err();
  if (auto s = log_components(root, out); !s) return std::move(s).err();
  if (auto s = read_section(root, tls_table, tls); !s) return std::move(s).err();
  if (!tls.ca_file.empty() && !std::ifstream(tls.ca_file))
    return invalid_argument("tls.ca_file", fmt::format("cannot read '{}'", tls.ca_file));
  if (auto s = connectors(root, tls, out); !s) return std::move(s).err();
  CS_GET(hooks, section(root, webhooks_table.spec));
  CS_GET(relay, webhooks_section(*hooks, tls));
  out.runtime.webhooks = std::move(relay);
  if (auto s = accounts(root, out); !s) return std::move(s).err();
  if (auto s = redis_section(root, out.runtime); !s) return std::move(s).err();
  std::set<std::string, std::less<>> account_names;
  for (auto& [name, a] : out.runtime.accounts) account_names.insert(name);
  if (auto s = finish_security(out.security, root, out.grpc_address, account_names); !s)
    return std::move(s).err();
  return out;
}

result<config> load_config(const std::string& path, char** env) {
  std::ifstream in(path);
  if (!in) return invalid_argument("--config", fmt::format("cannot read '{}'", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path, env);
}

}  // namespace cs::service
