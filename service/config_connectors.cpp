#include "service/config_connectors.hpp"

#include <fmt/format.h>

#include "net/url.hpp"
#include "service/config_values.hpp"

namespace cs::service {

using domain::invalid_argument;
using domain::result;

namespace {

// Base URLs: one key per name the connector declares, its sandbox by default.
result<std::map<std::string, net::endpoint>> base_urls_section(const toml::table& parent,
                                                               std::string_view parent_path,
                                                               const connector_keys& conn,
                                                               bool allow_plain_http) {
  CS_GET(urls, child_table(parent, parent_path, base_urls_table.spec));
  auto path = join(parent_path, table_key(base_urls_table.spec));
  std::set<std::string, std::less<>> names;
  for (auto& b : conn.base_urls) names.insert(b.name);
  if (auto s = check_keys(view_of(base_urls_table), *urls, path, names); !s)
    return std::move(s).err();
  std::map<std::string, net::endpoint> out;
  for (auto& b : conn.base_urls) {
    CS_GET(url, get_string(*urls, path, b.name, b.test_default));
    auto ep = net::parse_endpoint(url, join(path, b.name));
    if (!ep) return std::move(ep).err();
    if (!ep->tls && !allow_plain_http)
      return invalid_argument(join(path, b.name),
                              "must be https:// (card data and credentials travel on it); "
                              "http:// only with tls.allow_plain_http_for_tests = true");
    out.emplace(b.name, std::move(ep.value()));
  }
  return out;
}

}  // namespace

result<actors::connector_settings> connector_section(const toml::table& t, std::string_view path,
                                                     const connector_keys& conn,
                                                     const tls_options& tls) {
  actors::connector_settings out;
  if (auto s = read_table(connector_table, t, path, out); !s) return std::move(s).err();
  if (auto s = read_child(retry_table, t, path, out.pool.retry); !s) return std::move(s).err();
  if (auto s = read_child(connector_rate_limit_table, t, path, out.pool.rate_limit); !s)
    return std::move(s).err();
  if (auto s = read_child(breaker_table, t, path, out.pool.breaker); !s) return std::move(s).err();
  CS_GET(urls, base_urls_section(t, path, conn, tls.allow_plain_http));
  out.pool.base_urls = std::move(urls);
  out.pool.connector = conn.name;
  out.pool.client.name = conn.name;
  out.pool.client.ca_file = tls.ca_file;
  return out;
}

result<actors::merchant_account> account_section(const toml::table& t, std::string_view path) {
  actors::merchant_account out;
  if (auto s = read_fields(account_table, t, path, out); !s) return std::move(s).err();
  auto conn = find_connector_keys(out.connector);
  if (!conn)
    return invalid_argument(join(path, "connector"),
                            fmt::format("unknown connector '{}'", out.connector));
  std::set<std::string, std::less<>> credentials(conn->credential_keys.begin(),
                                                 conn->credential_keys.end());
  credentials.insert(conn->optional_credential_keys.begin(), conn->optional_credential_keys.end());
  if (auto s = check_keys(view_of(account_table), t, path, credentials); !s)
    return std::move(s).err();
  for (auto& k : conn->credential_keys) {
    CS_GET(v, get_string(t, path, k, ""));
    if (v.empty()) return domain::missing_field(join(path, k));
    if (auto s = check_secret(*conn, join(path, k), v); !s) return std::move(s).err();
    out.creds.set(k, std::move(v));
  }
  for (auto& k : conn->optional_credential_keys) {
    CS_GET(v, get_string(t, path, k, ""));
    if (v.empty()) continue;
    if (auto s = check_secret(*conn, join(path, k), v); !s) return std::move(s).err();
    out.creds.set(k, std::move(v));
  }
  // The schema's own secrets (the webhook secret) go past the connector's shape check too.
  for (auto& f : account_table.fields) {
    auto* node = f.spec.type == value_type::secret ? t.get(f.spec.key) : nullptr;
    auto v = node ? node->value<std::string>() : std::nullopt;
    if (v && !v->empty())
      if (auto s = check_secret(*conn, join(path, f.spec.key), *v); !s) return std::move(s).err();
  }
  // Checked here, not by the schema: whether "api" can be had depends on the connector.
  if (out.webhooks == actors::webhook_verification::api && conn->impl &&
      !conn->impl->webhook_verify)
    return invalid_argument(
        join(path, "webhook_verification"),
        fmt::format("is \"api\", but {} has no webhook verification call: \"local\" is the only "
                    "value for an account of {}",
                    conn->name, conn->name));
  if (auto s = read_child(account_rate_limit_table, t, path, out.rate_limit); !s)
    return std::move(s).err();
  return out;
}

}  // namespace cs::service
