#pragma once
// [connectors.<connector>] (pool, timeouts, resilience tables, base URLs) and
// [merchant_accounts.<account>] (credentials, webhook secret, rate limit): the schema's keys,
// plus the names each connector brings (base URLs, credential keys) and its secret checks.

#include <toml++/toml.h>

#include <string_view>

#include "actors/runtime.hpp"
#include "domain/result.hpp"
#include "service/config_schema_tables.hpp"
#include "service/connector_keys.hpp"

namespace cs::service {

domain::result<actors::connector_settings> connector_section(const toml::table& t,
                                                             std::string_view path,
                                                             const connector_keys& conn,
                                                             const tls_options& tls);

// Fails on an unknown connector, a missing credential or a secret of the wrong shape (the error
// names the key, never the value).
domain::result<actors::merchant_account> account_section(const toml::table& t,
                                                         std::string_view path);

}  // namespace cs::service
