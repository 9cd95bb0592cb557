#include "service/config.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "connectors/registry.hpp"
#include "service/config_resilience.hpp"
#include "service/config_security.hpp"
#include "service/config_values.hpp"
#include "service/config_webhooks.hpp"
#include "transport/http/url.hpp"

namespace cs::service {
namespace {

using domain::invalid_argument;
using domain::result;
using domain::status;

result<actors::connector_settings> connector_section(const toml::table& t, std::string_view path,
                                                     const domain::connector& conn,
                                                     const std::string& ca_file,
                                                     bool allow_plain_http) {
  if (auto s =
          only_keys(t, path,
                    {"pool_size", "connect_timeout_ms", "request_timeout_ms",
                     "max_idle_connections", "webhook_tolerance_s", "base_urls", "max_in_flight",
                     "max_connections", "retry", "rate_limit", "circuit_breaker"});
      !s)
    return std::move(s).err();
  actors::connector_settings out;
  out.pool.connector = std::string(conn.name);
  CS_GET(pool, get_int(t, path, "pool_size", 2, 1, 256));
  CS_GET(connect, get_int(t, path, "connect_timeout_ms", 2000, 1, 600000));
  CS_GET(request, get_int(t, path, "request_timeout_ms", 10000, 1, 600000));
  CS_GET(idle, get_int(t, path, "max_idle_connections", 64, 0, 10000));
  CS_GET(tolerance, get_int(t, path, "webhook_tolerance_s", 300, 1, 86400));
  CS_GET(max_in_flight, get_int(t, path, "max_in_flight", 2048, 1, 1000000));
  CS_GET(max_connections, get_int(t, path, "max_connections", 64, 1, 100000));
  out.pool.client.max_connections = static_cast<std::size_t>(max_connections);
  CS_GET(retry, retry_section(t, path));
  CS_GET(rate_limit, rate_limit_section(t, path));
  CS_GET(breaker, breaker_section(t, path));
  out.pool.max_in_flight = static_cast<std::size_t>(max_in_flight);
  out.pool.retry = retry;
  out.pool.rate_limit = rate_limit;
  out.pool.breaker = breaker;
  if (request < connect)
    return invalid_argument(join(path, "request_timeout_ms"),
                            "must not be below connect_timeout_ms");
  out.pool.workers = static_cast<std::size_t>(pool);
  out.pool.client.connect_timeout = std::chrono::milliseconds(connect);
  out.pool.client.max_idle_per_host = static_cast<std::size_t>(idle);
  out.pool.client.ca_file = ca_file;
  out.pool.client.name = std::string(conn.name);
  out.request_timeout = std::chrono::milliseconds(request);
  out.webhook_tolerance = std::chrono::seconds(tolerance);
  const toml::table empty;
  auto* urls = t.get_as<toml::table>("base_urls");
  if (t.get("base_urls") && !urls)
    return invalid_argument(join(path, "base_urls"), "must be a table");
  auto url_path = join(path, "base_urls");
  std::set<std::string, std::less<>> names;
  for (auto& b : conn.base_urls) names.insert(std::string(b.name));
  if (auto s = only_keys(urls ? *urls : empty, url_path, names); !s) return std::move(s).err();
  for (auto& b : conn.base_urls) {
    CS_GET(url, get_string(urls ? *urls : empty, url_path, b.name, std::string(b.test_default)));
    auto ep = transport::parse_endpoint(url, join(url_path, b.name));
    if (!ep) return std::move(ep).err();
    if (!ep->tls && !allow_plain_http)
      return invalid_argument(join(url_path, b.name),
                              "must be https:// (card data and credentials travel on it); "
                              "http:// only with tls.allow_plain_http_for_tests = true");
    out.pool.base_urls.emplace(std::string(b.name), std::move(ep.value()));
  }
  return out;
}

result<actors::merchant_account> account_section(const toml::table& t, std::string_view path) {
  CS_GET(name, get_string(t, path, "connector", ""));
  if (name.empty()) return domain::missing_field(join(path, "connector"));
  auto* conn = connectors::builtin().find(name);
  if (!conn)
    return invalid_argument(join(path, "connector"), fmt::format("unknown connector '{}'", name));
  std::set<std::string, std::less<>> allowed{"connector", "webhook_secret", "rate_limit"};
  for (auto k : conn->credential_keys) allowed.insert(std::string(k));
  if (auto s = only_keys(t, path, allowed); !s) return std::move(s).err();
  actors::merchant_account out;
  out.connector = name;
  for (auto k : conn->credential_keys) {
    CS_GET(v, get_string(t, path, k, ""));
    if (v.empty()) return domain::missing_field(join(path, k));
    if (auto s = domain::check_secret(*conn, join(path, k), v); !s) return std::move(s).err();
    out.creds.set(std::string(k), std::move(v));
  }
  CS_GET(secret, get_string(t, path, "webhook_secret", ""));
  if (!secret.empty())
    if (auto s = domain::check_secret(*conn, join(path, "webhook_secret"), secret); !s)
      return std::move(s).err();
  out.webhook_secret = domain::secret<std::string>(std::move(secret));
  CS_GET(rate_limit, rate_limit_section(t, path));
  out.rate_limit = rate_limit;
  return out;
}

// Writes CS_A__B__C=value into the tree as a string at a.b.c.
status apply_env(toml::table& root, char** env) {
  for (char** e = env; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("CS_")) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(kv.substr(3, eq - 3));
    std::string value(kv.substr(eq + 1));
    std::vector<std::string> parts;
    for (size_t pos = 0;;) {
      auto next = name.find("__", pos);
      parts.push_back(name.substr(pos, next - pos));
      if (next == std::string::npos) break;
      pos = next + 2;
    }
    if (parts.size() < 2) continue;  // CS_FOO is not a config key (e.g. a build variable)
    toml::table* t = &root;
    std::string path;
    for (size_t i = 0; i < parts.size(); ++i) {
      auto& p = parts[i];
      for (auto& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (p.empty())
        return invalid_argument(std::string(kv.substr(0, eq)), "has an empty path segment");
      path = join(path, p);
      if (i + 1 == parts.size()) {
        t->insert_or_assign(p, value);
      } else {
        auto* sub = t->get_as<toml::table>(p);
        if (!sub) {
          if (t->get(p))
            return invalid_argument(
                path, fmt::format("{} overrides a value with a table", kv.substr(0, eq)));
          sub = t->insert(p, toml::table{}).first->second.as_table();
        }
        t = sub;
      }
    }
  }
  return domain::ok_status();
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
  if (auto s = only_keys(
          root, "",
          {"server", "log", "tls", "connectors", "merchant_accounts", "webhooks", "clients"});
      !s)
    return std::move(s).err();
  config out;
  const toml::table empty;
  auto section = [&](std::string_view name) -> result<const toml::table*> {
    auto* node = root.get(name);
    if (!node) return &empty;
    if (auto* t = node->as_table()) return t;
    return invalid_argument(std::string(name), "must be a table");
  };
  CS_GET(server, section("server"));
  if (auto s =
          only_keys(*server, "server",
                    {"grpc_address", "http_address", "http_max_connections", "actor_threads",
                     "io_threads", "default_deadline_ms", "shutdown_grace_ms", "grpc_tls_cert_file",
                     "grpc_tls_key_file", "grpc_tls_client_ca_file", "allow_insecure"});
      !s)
    return std::move(s).err();
  CS_GET(grpc, get_string(*server, "server", "grpc_address", out.grpc_address));
  CS_GET(http, get_string(*server, "server", "http_address", out.http_address));
  CS_GET(http_max, get_int(*server, "server", "http_max_connections", 1024, 1, 1000000));
  CS_GET(actor_threads, get_int(*server, "server", "actor_threads", 2, 1, 64));
  CS_GET(io_threads, get_int(*server, "server", "io_threads", 1, 1, 64));
  CS_GET(deadline, get_int(*server, "server", "default_deadline_ms", 30000, 1, 3600000));
  CS_GET(grace, get_int(*server, "server", "shutdown_grace_ms", 5000, 0, 3600000));
  out.grpc_address = grpc;
  out.http_address = http;
  out.http_max_connections = static_cast<std::size_t>(http_max);
  out.runtime.actor_threads = static_cast<size_t>(actor_threads);
  out.runtime.io_threads = static_cast<size_t>(io_threads);
  out.runtime.default_deadline = std::chrono::milliseconds(deadline);
  out.shutdown_grace = std::chrono::milliseconds(grace);

  CS_GET(log, section("log"));
  if (auto s = only_keys(*log, "log", {"level", "format", "components"}); !s)
    return std::move(s).err();
  if (auto* node = log->get("components")) {
    auto* t = node->as_table();
    if (!t) return invalid_argument("log.components", "must be a table of component = level");
    for (auto& [k, v] : *t) {
      auto value = v.value<std::string>();
      if (!value)
        return invalid_argument("log.components." + std::string(k.str()), "must be a string");
      out.log_components[std::string(k.str())] = *value;
    }
  }
  CS_GET(format, get_string(*log, "log", "format", "text"));
  if (format != "text" && format != "json")
    return invalid_argument("log.format", "must be text or json");
  out.log_format = format;
  CS_GET(level, get_string(*log, "log", "level", "info"));
  static const std::set<std::string, std::less<>> levels{"trace", "debug", "info", "warn", "error"};
  if (!levels.contains(level))
    return invalid_argument("log.level", "must be one of trace, debug, info, warn, error");
  out.log_level = level;

  CS_GET(tls, section("tls"));
  if (auto s = only_keys(*tls, "tls", {"ca_file", "allow_plain_http_for_tests"}); !s)
    return std::move(s).err();
  CS_GET(ca_file, get_string(*tls, "tls", "ca_file", ""));
  CS_GET(plain_http, get_bool(*tls, "tls", "allow_plain_http_for_tests", false));
  if (!ca_file.empty() && !std::ifstream(ca_file))
    return invalid_argument("tls.ca_file", fmt::format("cannot read '{}'", ca_file));

  out.runtime.known = connectors::builtin();
  CS_GET(conns, section("connectors"));
  for (auto& [name, node] : *conns) {
    auto path = join("connectors", name.str());
    auto* conn = connectors::builtin().find(name.str());
    if (!conn) return invalid_argument(path, "unknown connector");
    auto* t = node.as_table();
    if (!t) return invalid_argument(path, "must be a table");
    CS_GET(settings, connector_section(*t, path, *conn, ca_file, plain_http));
    out.runtime.connectors.emplace(std::string(name.str()), std::move(settings));
  }
  if (out.runtime.connectors.empty())
    return invalid_argument("connectors", "enable at least one connector ([connectors.adyen])");
  for (auto& [name, c] : out.runtime.connectors)
    if (out.runtime.default_deadline < c.pool.client.connect_timeout)
      return invalid_argument(
          "server.default_deadline_ms",
          fmt::format("must not be below connectors.{}.connect_timeout_ms ({} ms): no call "
                      "could ever connect",
                      name, c.pool.client.connect_timeout.count()));

  CS_GET(hooks, section("webhooks"));
  CS_GET(relay, webhooks_section(*hooks, ca_file, plain_http));
  out.runtime.webhooks = std::move(relay);

  CS_GET(accounts, section("merchant_accounts"));
  for (auto& [name, node] : *accounts) {
    auto path = join("merchant_accounts", name.str());
    auto* t = node.as_table();
    if (!t) return invalid_argument(path, "must be a table");
    CS_GET(acct, account_section(*t, path));
    if (!out.runtime.connectors.contains(acct.connector))
      return invalid_argument(
          join(path, "connector"),
          fmt::format("connector '{}' is not enabled under [connectors]", acct.connector));
    if (acct.rate_limit.per_second > 0)
      out.runtime.connectors.at(acct.connector)
          .pool.account_rate_limits.emplace(std::string(name.str()), acct.rate_limit);
    out.runtime.accounts.emplace(std::string(name.str()), std::move(acct));
  }
  std::set<std::string, std::less<>> account_names;
  for (auto& [name, a] : out.runtime.accounts) account_names.insert(name);
  CS_GET(clients, section("clients"));
  CS_GET(security, security_section(*server, *clients, out.grpc_address, account_names));
  out.security = std::move(security);
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
