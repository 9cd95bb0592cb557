#include "service/config_security.hpp"

#include <fmt/format.h>

#include <fstream>

#include "service/config_schema_tables.hpp"
#include "service/config_values.hpp"

namespace cs::service {
namespace {

using domain::invalid_argument;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

domain::result<api::api_client> client_section(const toml::table& t, std::string_view name,
                                               std::string_view path,
                                               const std::set<std::string, std::less<>>& accounts) {
  client_options o;
  if (auto s = read_table(client_table, t, path, o); !s) return std::move(s).err();
  api::api_client c;
  c.name = std::string(name);
  auto digest_key = join(path, "key_sha256");
  if (o.key_sha256.size() != 64)
    return invalid_argument(digest_key,
                            "must be the SHA-256 of the client's key, 64 hex characters "
                            "(printf %s \"$KEY\" | sha256sum)");
  for (std::size_t i = 0; i < 32; ++i) {
    int hi = hex_value(o.key_sha256[2 * i]), lo = hex_value(o.key_sha256[2 * i + 1]);
    if (hi < 0 || lo < 0) return invalid_argument(digest_key, "must be 64 hex characters");
    c.key_sha256[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  for (auto& account : o.merchant_accounts) {
    if (account != "*" && !accounts.contains(account))
      return invalid_argument(
          join(path, "merchant_accounts"),
          fmt::format("names '{}', which is no [merchant_accounts] entry", account.substr(0, 64)));
    c.merchant_accounts.insert(account);
  }
  c.allow_call_credentials = o.allow_call_credentials;
  return c;
}

domain::status readable(const std::string& file, std::string_view field) {
  if (!file.empty() && !std::ifstream(file))
    return invalid_argument(std::string(field), fmt::format("cannot read '{}'", file));
  return domain::ok_status();
}

}  // namespace

bool loopback_address(std::string_view address) {
  auto colon = address.rfind(':');
  auto host = colon == std::string_view::npos ? address : address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

domain::status finish_security(security_settings& out, const toml::table& root,
                               std::string_view grpc_address,
                               const std::set<std::string, std::less<>>& accounts) {
  auto& g = out.grpc;
  if (g.tls_cert_file.empty() != g.tls_key_file.empty())
    return invalid_argument(
        g.tls_cert_file.empty() ? "server.grpc_tls_cert_file" : "server.grpc_tls_key_file",
        "TLS on the gRPC port needs both grpc_tls_cert_file and grpc_tls_key_file");
  if (!g.tls_client_ca_file.empty() && g.tls_cert_file.empty())
    return invalid_argument("server.grpc_tls_client_ca_file",
                            "mutual TLS needs TLS: set grpc_tls_cert_file and grpc_tls_key_file");
  for (auto [file, field] : {std::pair{&g.tls_cert_file, "server.grpc_tls_cert_file"},
                             std::pair{&g.tls_key_file, "server.grpc_tls_key_file"},
                             std::pair{&g.tls_client_ca_file, "server.grpc_tls_client_ca_file"}})
    if (auto s = readable(*file, field); !s) return s;
  auto clients = for_each_named(
      root, client_table.spec,
      [&](std::string_view name, const toml::table& t, std::string_view path) -> domain::status {
        auto c = client_section(t, name, path, accounts);
        if (!c) return std::move(c).err();
        g.clients.push_back(std::move(c.value()));
        return domain::ok_status();
      });
  if (!clients) return clients;
  out.loopback = loopback_address(grpc_address);
  const bool authenticated = !g.clients.empty() || !g.tls_client_ca_file.empty();
  if (!out.loopback && !(g.tls() && authenticated) && !out.allow_insecure)
    return invalid_argument(
        "server.grpc_address",
        fmt::format("'{}' is reachable beyond this machine, but the port has {}: anyone who "
                    "reaches it could charge through every merchant account. Set "
                    "server.grpc_tls_cert_file/grpc_tls_key_file and [clients.<name>] API keys "
                    "(or grpc_tls_client_ca_file), or server.allow_insecure = true",
                    grpc_address, g.tls() ? "no client authentication" : "no TLS"));
  return domain::ok_status();
}

}  // namespace cs::service
