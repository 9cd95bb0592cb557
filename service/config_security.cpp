#include "service/config_security.hpp"

#include <fmt/format.h>

#include <fstream>

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

domain::result<transport::api_client> client_section(
    const toml::table& t, std::string_view name,
    const std::set<std::string, std::less<>>& accounts) {
  auto path = join("clients", name);
  if (auto s = only_keys(t, path, {"key_sha256", "merchant_accounts", "allow_call_credentials"});
      !s)
    return std::move(s).err();
  transport::api_client c;
  c.name = std::string(name);
  CS_GET(digest, get_string(t, path, "key_sha256", ""));
  if (digest.size() != 64)
    return invalid_argument(join(path, "key_sha256"),
                            "must be the SHA-256 of the client's key, 64 hex characters "
                            "(printf %s \"$KEY\" | sha256sum)");
  for (std::size_t i = 0; i < 32; ++i) {
    int hi = hex_value(digest[2 * i]), lo = hex_value(digest[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return invalid_argument(join(path, "key_sha256"), "must be 64 hex characters");
    c.key_sha256[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  auto* list = t.get("merchant_accounts");
  if (list && !list->as_array())
    return invalid_argument(join(path, "merchant_accounts"), "must be a list of account names");
  if (list)
    for (auto& v : *list->as_array()) {
      auto s = v.value<std::string>();
      if (!s) return invalid_argument(join(path, "merchant_accounts"), "must hold strings");
      if (*s != "*" && !accounts.contains(*s))
        return invalid_argument(
            join(path, "merchant_accounts"),
            fmt::format("names '{}', which is no [merchant_accounts] entry", s->substr(0, 64)));
      c.merchant_accounts.insert(*s);
    }
  CS_GET(call_creds, get_bool(t, path, "allow_call_credentials", false));
  c.allow_call_credentials = call_creds;
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

domain::result<security_settings> security_section(
    const toml::table& server, const toml::table& clients, std::string_view grpc_address,
    const std::set<std::string, std::less<>>& accounts) {
  security_settings out;
  auto& g = out.grpc;
  CS_GET(cert, get_string(server, "server", "grpc_tls_cert_file", ""));
  CS_GET(key, get_string(server, "server", "grpc_tls_key_file", ""));
  CS_GET(client_ca, get_string(server, "server", "grpc_tls_client_ca_file", ""));
  CS_GET(insecure, get_bool(server, "server", "allow_insecure", false));
  if (cert.empty() != key.empty())
    return invalid_argument(cert.empty() ? "server.grpc_tls_cert_file" : "server.grpc_tls_key_file",
                            "TLS on the gRPC port needs both grpc_tls_cert_file and "
                            "grpc_tls_key_file");
  if (!client_ca.empty() && cert.empty())
    return invalid_argument("server.grpc_tls_client_ca_file",
                            "mutual TLS needs TLS: set grpc_tls_cert_file and grpc_tls_key_file");
  for (auto [file, field] :
       {std::pair{&cert, "server.grpc_tls_cert_file"}, std::pair{&key, "server.grpc_tls_key_file"},
        std::pair{&client_ca, "server.grpc_tls_client_ca_file"}})
    if (auto s = readable(*file, field); !s) return std::move(s).err();
  g.tls_cert_file = cert;
  g.tls_key_file = key;
  g.tls_client_ca_file = client_ca;
  for (auto& [name, node] : clients) {
    auto* t = node.as_table();
    if (!t) return invalid_argument(join("clients", name.str()), "must be a table");
    CS_GET(c, client_section(*t, name.str(), accounts));
    g.clients.push_back(std::move(c));
  }
  out.allow_insecure = insecure;
  out.loopback = loopback_address(grpc_address);
  const bool authenticated = !g.clients.empty() || !client_ca.empty();
  if (!out.loopback && !(g.tls() && authenticated) && !insecure)
    return invalid_argument(
        "server.grpc_address",
        fmt::format("'{}' is reachable beyond this machine, but the port has {}: anyone who "
                    "reaches it could charge through every merchant account. Set "
                    "server.grpc_tls_cert_file/grpc_tls_key_file and [clients.<name>] API keys "
                    "(or grpc_tls_client_ca_file), or server.allow_insecure = true",
                    grpc_address, g.tls() ? "no client authentication" : "no TLS"));
  return out;
}

}  // namespace cs::service
