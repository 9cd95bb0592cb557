#pragma once

#include <grpcpp/security/credentials.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cs/sdk/retry.hpp"

namespace cs::sdk {

struct client_options {
  std::string target = "127.0.0.1:50051";
  // nullptr: plaintext (the service's default on loopback); tls_credentials() for TLS / mTLS.
  std::shared_ptr<grpc::ChannelCredentials> channel_credentials{};
  std::string api_key{};           // sent as `authorization: Bearer <key>` when set
  std::string merchant_account{};  // x-merchant-account: an account from the service's config
  // Call credentials instead of an account: {"api_key", "…"} → x-auth-api-key (`_` → `-`).
  // Not sent when a merchant account is named (the service would ignore them).
  std::map<std::string, std::string> credentials{};
  std::chrono::milliseconds default_deadline{30000};  // per attempt
  // Retries inside each call (retryable errors only, one idempotency key for all attempts).
  retry_policy retry = no_retry;
  // Mutating calls without a key get a UUIDv4, so a retry cannot charge twice.
  bool auto_idempotency = true;
  // Called with one redacted line per attempt (request and metadata, secrets masked).
  std::function<void(std::string_view)> log{};
};

struct call_options {
  std::optional<std::chrono::milliseconds> deadline{};  // overrides default_deadline
  std::string merchant_account{};                       // overrides the client's
  std::string idempotency_key{};  // overrides the request's; mutating calls only
  std::string request_id{};       // x-request-id; generated when empty
  std::string webhook_secret{};   // handle_webhook only: x-webhook-secret
};

// TLS channel credentials: `root_ca_pem` empty uses the system roots; a client certificate and key
// make it mutual TLS.
std::shared_ptr<grpc::ChannelCredentials> tls_credentials(std::string root_ca_pem = {},
                                                          std::string client_cert_pem = {},
                                                          std::string client_key_pem = {});

}  // namespace cs::sdk
