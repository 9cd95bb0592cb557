#pragma once
// Signature building blocks shared by connectors (OpenSSL underneath).

#include <optional>
#include <string>
#include <string_view>

namespace cs::connectors {

// Raw 32-byte HMAC-SHA256 of `data` under `key` (both taken as bytes).
std::string hmac_sha256(std::string_view key, std::string_view data);
// Raw 20-byte HMAC-SHA1 / SHA-1 digest (Braintree-style signatures).
std::string hmac_sha1(std::string_view key, std::string_view data);

std::string hex_encode(std::string_view bytes);  // lower case
std::optional<std::string> hex_decode(std::string_view hex);
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view b64);

// Compares in time independent of where the inputs differ (lengths may leak, contents not).
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace cs::connectors
