#pragma once
// The service's one TOML file, with environment overrides, checked strictly: an unknown key or a
// bad value stops the start with a message naming the key. Keys, defaults and bounds are the
// schema's (service/config_schema_*.cpp); parse_config sets every member from it.

#include <map>
#include <string>

#include "actors/runtime.hpp"
#include "domain/result.hpp"
#include "service/config_security.hpp"

namespace cs::service {

struct config {
  std::string grpc_address;
  std::string http_address;
  std::size_t http_max_connections{};  // webhook receiver, /metrics, /healthz
  std::string log_level;
  std::string log_format;                             // text | json
  std::map<std::string, std::string> log_components;  // component → level
  std::chrono::milliseconds shutdown_grace{};
  actors::runtime_config runtime;
  security_settings security;  // TLS and API clients of the gRPC port
};

// Environment overrides: CS_<SECTION>__<KEY>, e.g. CS_SERVER__GRPC_ADDRESS=0.0.0.0:50051 or
// CS_MERCHANT_ACCOUNTS__DEMO__API_KEY=…; path segments are matched in lower case.
domain::result<config> load_config(const std::string& path, char** environ_vars);
domain::result<config> parse_config(std::string_view toml_text, std::string_view source,
                                    char** environ_vars);

}  // namespace cs::service
