#include "actors/sink_signature.hpp"

#include <fmt/format.h>
#include <openssl/hmac.h>

namespace cs::actors {

std::string sink_signature(std::string_view key, std::string_view body, long long unix_seconds) {
  auto signed_payload = fmt::format("{}.{}", unix_seconds, body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_payload.data()), signed_payload.size(), mac,
       &len);
  std::string hex;
  for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", mac[i]);
  return fmt::format("t={},v1={}", unix_seconds, hex);
}

}  // namespace cs::actors
