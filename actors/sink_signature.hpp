#pragma once
// The signature header on what the webhook receiver relays to the merchant's sink, so the sink
// can check the body came from this service. (The body itself is the API's WebhookRelay as proto3
// JSON: api/relay_body.hpp.)

#include <string>
#include <string_view>

namespace cs::actors {

// "t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>" — the Stripe scheme, so sinks can
// reuse well-known verification code.
std::string sink_signature(std::string_view key, std::string_view body, long long unix_seconds);

}  // namespace cs::actors
