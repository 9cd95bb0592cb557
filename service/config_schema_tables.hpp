#pragma once
// The tables of the schema (service/config_schema_*.cpp define them), each with the struct its
// keys are stored in. Sections whose values need more than a store (a URL to parse, a hex
// digest to decode, keys to compare) have a plain options struct the loader finishes from.

#include <chrono>
#include <string>
#include <vector>

#include "actors/runtime.hpp"
#include "service/config.hpp"
#include "service/config_schema.hpp"

namespace cs::service {

struct tls_options {
  std::string ca_file;
  bool allow_plain_http = false;
};

struct webhooks_options {
  std::string mode;
  std::string sink_url;
  std::string sink_signing_key;
  std::chrono::milliseconds sink_timeout{};
};

struct client_options {
  std::string key_sha256;
  std::vector<std::string> merchant_accounts;
  bool allow_call_credentials = false;
};

struct redis_settings {
  std::string address;
  std::string password;
  std::string key_prefix;
  std::chrono::milliseconds connect_timeout{};
  std::chrono::milliseconds command_timeout{};
  std::chrono::milliseconds reconnect_max{};
};

// Tables whose keys are names from elsewhere, documented here and read by code.
struct names_only {};

// config_schema_service.cpp
extern const table<config> server_table;
extern const table<config> log_table;
extern const table<names_only> log_components_table;
extern const table<tls_options> tls_table;
extern const table<client_options> client_table;
extern const table<webhooks_options> webhooks_table;
extern const table<redis_settings> redis_table;

// config_schema_connectors.cpp
extern const table<actors::connector_settings> connector_table;
extern const table<actors::retry_config> retry_table;
extern const table<actors::breaker_config> breaker_table;
extern const table<actors::rate_limit_config> connector_rate_limit_table;
extern const table<names_only> base_urls_table;
extern const table<actors::merchant_account> account_table;
extern const table<actors::rate_limit_config> account_rate_limit_table;

}  // namespace cs::service
