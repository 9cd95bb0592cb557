#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "connectorservice/v1/event.pb.h"
#include "cs/sdk/result.hpp"

namespace cs::sdk {

// The relay the service's HTTP webhook receiver POSTs to webhooks.sink_url: the proto3 JSON of
// WebhookRelay, with X-Connector-Signature: t=<unix>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>.
inline constexpr const char* signature_header_name = "X-Connector-Signature";
inline constexpr std::chrono::seconds default_tolerance{300};

// The X-Connector-Signature value the service would send for `body` (for tests and fakes).
std::string sign_relay(std::string_view body, std::string_view signing_key,
                       std::optional<std::int64_t> unix_time = std::nullopt);

// Checks the signature over the raw body (constant-time against every v1 value, several during a
// key rotation) and that its timestamp is within `tolerance` of now both ways (zero: no bound),
// so a captured relay cannot be replayed later. Returns the timestamp, or UNAUTHENTICATED /
// BAD_SIGNATURE: answer 401 and do not act on the body.
result<std::int64_t> verify_relay_signature(std::string_view body,
                                            std::string_view signature_header,
                                            std::string_view signing_key,
                                            std::chrono::seconds tolerance = default_tolerance,
                                            std::optional<std::int64_t> now = std::nullopt);

// Verifies, then parses the body (unknown JSON fields from a newer service are ignored); its
// events are the Event messages handle_webhook returns. A verified body that is not a relay is
// INVALID_ARGUMENT / INVALID_FIELD (field "body").
result<connectorservice::v1::WebhookRelay> parse_relay(
    std::string_view body, std::string_view signature_header, std::string_view signing_key,
    std::chrono::seconds tolerance = default_tolerance,
    std::optional<std::int64_t> now = std::nullopt);

}  // namespace cs::sdk
