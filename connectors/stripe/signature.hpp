#pragma once
// Stripe-Signature: "t=<unix seconds>,v1=<hex>[,v1=<hex>…]" (other schemes such as v0 are
// ignored). The signed bytes are "<t>.<raw body>"; the MAC is HMAC-SHA256 keyed with the endpoint
// secret as UTF-8 bytes, whsec_ prefix included, in lower-case hex.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace cs::connectors::stripe {

struct signature_header {
  std::int64_t timestamp = 0;
  std::vector<std::string> v1;
};

// nullopt when there is no usable t= or no v1=.
std::optional<signature_header> parse_signature_header(std::string_view header);

// hex(HMAC-SHA256(secret, "<t>.<body>")).
std::string expected_signature(std::string_view secret, std::int64_t timestamp,
                               std::string_view body);

// Accepts when any v1 matches (each compared in constant time) and t is within `tolerance` of
// `now`; otherwise UNAUTHENTICATED / BAD_SIGNATURE saying which.
domain::status verify_signature(std::string_view header, std::string_view body,
                                std::string_view secret, std::chrono::system_clock::time_point now,
                                std::chrono::seconds tolerance);

}  // namespace cs::connectors::stripe
