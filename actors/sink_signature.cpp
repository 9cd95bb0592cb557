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

domain::http_request sink_request(std::string_view connector, std::string body,
                                  std::string_view key, bool at_root, long long unix_seconds) {
  domain::http_request req;
  req.base = "sink";
  req.target = at_root ? "/" : "";
  req.body = std::move(body);
  req.headers.push_back(
      {"X-Connector-Signature", sink_signature(key, req.body, unix_seconds), true});
  req.headers.push_back({"X-Connector-Name", std::string(connector), false});
  return req;
}

}  // namespace cs::actors
