#pragma once
// Idempotency keys and the client strings that reach a processor's headers or URL paths: each is
// checked here, before any connector sees it (INVALID_ARGUMENT naming the field), so no client
// string can split a header or step out of a path segment.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.hpp"
#include "domain/result.hpp"

namespace cs::api {

inline constexpr std::size_t max_key_length = 255;
inline constexpr std::size_t max_id_length = 255;
inline constexpr std::size_t max_reference_length = 255;
inline constexpr std::size_t max_reason_length = 500;

// A client's idempotency key travels in a header: visible ASCII only (0x21–0x7E), ≤ 255.
domain::status check_idempotency_key(std::string_view key);
// A processor id (payment, refund, dispute, mandate, customer) goes into URL paths: letters,
// digits and "-_.~=+" only, ≤ 255. Empty passes (the caller decides whether it is required).
domain::status check_id(std::string_view value, std::string_view field);
// Free text that reaches bodies and derived keys (references, reasons): no control characters
// (C0, DEL), at most `max` bytes.
domain::status check_text(std::string_view value, std::string_view field, std::size_t max);
// Metadata: ≤ 50 entries; keys 1–40 visible ASCII characters without brackets (Stripe nests
// `metadata[key]`); values ≤ 500 bytes without control characters.
domain::status check_metadata(const std::map<std::string, std::string>& metadata);

// The key of a call that came without one: `flow:part:part…`, or `flow:` and the SHA-256 (hex)
// of the parts when a part is not visible ASCII, a part but the last holds ':', or the key would
// pass 255 characters (so two different part lists never give one key). It depends
// only on the request, so every replica derives the same key for the same call.
std::string derive_key(std::string_view flow, const std::vector<std::string_view>& parts);
// "500EUR" for an amount, "all" for none (a capture or refund of whatever is left).
std::string amount_part(const std::optional<domain::money>& m);
// Lower-case hex SHA-256, for parts too large or too free to put in a key as they are.
std::string sha256_hex(std::string_view data);

}  // namespace cs::api
