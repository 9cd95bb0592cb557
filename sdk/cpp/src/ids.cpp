#include "cs/sdk/ids.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace cs::sdk {

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> random_bytes() {
  std::array<std::uint8_t, N> b{};
  // A key from a weak generator could collide with another merchant call's: never fall back.
  if (RAND_bytes(b.data(), static_cast<int>(N)) != 1)
    throw std::runtime_error("cs::sdk: OpenSSL RAND_bytes failed");
  return b;
}

std::string hex(const std::uint8_t* p, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 0xf];
  }
  return s;
}

}  // namespace

std::string new_idempotency_key() {
  auto b = random_bytes<16>();
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return hex(&b[0], 4) + "-" + hex(&b[4], 2) + "-" + hex(&b[6], 2) + "-" + hex(&b[8], 2) + "-" +
         hex(&b[10], 6);
}

std::string new_request_id() {
  auto b = random_bytes<16>();
  return "cpp-" + hex(b.data(), b.size());
}

bool valid_request_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  return true;
}

}  // namespace cs::sdk
