#pragma once
// Who may call the gRPC port: [server] grpc_tls_cert_file, grpc_tls_key_file,
// grpc_tls_client_ca_file and allow_insecure, and one [clients.<client>] table per API client.

#include <toml++/toml.h>

#include <set>
#include <string>

#include "api/client_auth.hpp"
#include "domain/result.hpp"

namespace cs::service {

struct security_settings {
  api::grpc_security grpc;
  bool allow_insecure{};  // listening beyond loopback without TLS and client checks
  bool loopback = true;   // server.grpc_address is a loopback address
};

// Finishes `s`, whose [server] keys the schema stored: checks the TLS files, reads the
// [clients.<client>] tables of `root` (a client may only name `accounts`, or "*"), and refuses a
// non-loopback grpc_address without TLS and without client authentication (API keys or a client
// CA) unless server.allow_insecure = true.
domain::status finish_security(security_settings& s, const toml::table& root,
                               std::string_view grpc_address,
                               const std::set<std::string, std::less<>>& accounts);

// True for 127.0.0.0/8, ::1 and localhost ("host:port", IPv6 in brackets).
bool loopback_address(std::string_view address);

}  // namespace cs::service
