#pragma once
// A throw-away test CA and a server certificate signed by it, generated in memory at start so
// clients can keep TLS verification on (they trust DIR/ca.pem only).

#include <string>
#include <vector>

namespace processor_sim {

struct tls_material {
  std::string ca_cert_pem;
  std::string server_cert_pem;
  std::string server_key_pem;  // PKCS#8
};

// EC P-256 keys; the server certificate carries SAN DNS entries and IP entries and expires
// `server_not_after_s` seconds from now (negative: already expired, for TLS tests); with
// `client_auth` it may also authenticate a client (mutual TLS tests).
// Throws std::runtime_error with the OpenSSL error text on failure.
tls_material generate_tls_material(const std::vector<std::string>& dns_names = {"localhost"},
                                   const std::vector<std::string>& ip_addresses = {"127.0.0.1"},
                                   long server_not_after_s = 60L * 60 * 24 * 365,
                                   bool client_auth = false);

}  // namespace processor_sim
