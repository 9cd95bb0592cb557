#pragma once
// Who may call the gRPC API: TLS on the port (optionally mutual), API keys per client sent as
// `authorization: Bearer <key>` and checked in constant time against their SHA-256, and what
// each client may use (merchant accounts by name, credentials sent with the call).

#include <array>
#include <set>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace grpc {
class CallbackServerContext;
}

namespace cs::api {

struct api_client {
  std::string name;
  std::array<unsigned char, 32> key_sha256{};  // SHA-256 of the key: the key is never stored
  std::set<std::string, std::less<>> merchant_accounts;  // "*" = every configured account
  bool allow_call_credentials = false;                   // may send x-auth-* credentials
};

struct grpc_security {
  std::string tls_cert_file;        // PEM chain; empty: plaintext
  std::string tls_key_file;         // PEM private key
  std::string tls_client_ca_file;   // set: clients must present a certificate it signed (mTLS)
  std::vector<api_client> clients;  // empty: no API keys are asked for
  bool tls() const noexcept { return !tls_cert_file.empty(); }
};

// UNAUTHENTICATED without a known key (when clients are configured), PERMISSION_DENIED for a
// merchant account or x-auth-* credentials the client may not use. Messages never hold the key.
domain::status authorize_call(const grpc_security& sec, const grpc::CallbackServerContext* ctx);

// SHA-256 of `key` (for tests and tools that write key_sha256).
std::array<unsigned char, 32> api_key_digest(std::string_view key);

}  // namespace cs::api
