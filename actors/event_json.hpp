#pragma once
// The service's own webhook format, relayed to the merchant's sink: unified events as JSON, and
// the signature header that lets the sink check the body came from this service.

#include <string>
#include <string_view>
#include <vector>

#include "domain/webhook.hpp"

namespace cs::actors {

// {"connector":"adyen","events":[{"type":"payment","event_id":…,"payment_status":"charged",…}]}
std::string events_to_json(std::string_view connector,
                           const std::vector<domain::webhook_event>& events);

// "t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>" — the Stripe scheme, so sinks can
// reuse well-known verification code.
std::string sink_signature(std::string_view key, std::string_view body, long long unix_seconds);

// The relay's POST to the sink (base "sink"): the events as JSON, signed at `unix_seconds`, and
// the connector's name; `at_root` when the sink URL has no path of its own.
domain::http_request sink_request(std::string_view connector,
                                  const std::vector<domain::webhook_event>& events,
                                  std::string_view key, bool at_root, long long unix_seconds);

}  // namespace cs::actors
