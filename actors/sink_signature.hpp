#pragma once
// What the webhook receiver relays to the merchant's sink, and the signature header that lets the
// sink check the body came from this service. (The body itself is the API's WebhookRelay as
// proto3 JSON: api/relay_body.hpp.)

#include <string>
#include <string_view>

#include "domain/http.hpp"

namespace cs::actors {

// "t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>" — the Stripe scheme, so sinks can
// reuse well-known verification code.
std::string sink_signature(std::string_view key, std::string_view body, long long unix_seconds);

// The relay's POST to the sink (base "sink"): the encoded body, signed at `unix_seconds`, and the
// connector's name; `at_root` when the sink URL has no path of its own.
domain::http_request sink_request(std::string_view connector, std::string body,
                                  std::string_view key, bool at_root, long long unix_seconds);

}  // namespace cs::actors
