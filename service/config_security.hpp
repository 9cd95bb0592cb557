#pragma once
// Who may call the gRPC port: [server] grpc_tls_cert_file, grpc_tls_key_file,
// grpc_tls_client_ca_file and allow_insecure, and one [clients.<name>] table per API client
// (key_sha256, merchant_accounts, allow_call_credentials).

#include <toml++/toml.h>

#include <set>
#include <string>

#include "domain/result.hpp"
#include "transport/grpc/client_auth.hpp"

namespace cs::service {

struct security_settings {
  transport::grpc_security grpc;
  bool allow_insecure = false;  // listening beyond loopback without TLS and client checks
  bool loopback = true;         // server.grpc_address is a loopback address
};

// `accounts`: the configured merchant account names (a client may only name those, or "*").
// Refuses a non-loopback grpc_address without TLS and without client authentication (API keys or
// a client CA) unless server.allow_insecure = true.
domain::result<security_settings> security_section(
    const toml::table& server, const toml::table& clients, std::string_view grpc_address,
    const std::set<std::string, std::less<>>& accounts);

// True for 127.0.0.0/8, ::1 and localhost ("host:port", IPv6 in brackets).
bool loopback_address(std::string_view address);

}  // namespace cs::service
