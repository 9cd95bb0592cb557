#pragma once
// The [webhooks] table: where the HTTP receiver relays verified events (sink_url, signed with
// sink_signing_key), or mode = "log_only" to acknowledge after logging them. Without either the
// receiver stays off (it answers 502, so processors keep and redeliver every event).

#include <toml++/toml.h>

#include "actors/webhook.hpp"
#include "domain/result.hpp"
#include "service/config_schema_tables.hpp"

namespace cs::service {

domain::result<actors::relay_config> webhooks_section(const toml::table& t, const tls_options& tls);

}  // namespace cs::service
