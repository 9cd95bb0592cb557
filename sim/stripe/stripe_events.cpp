#include "stripe_events.hpp"

#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <boost/json.hpp>

#include <stdexcept>

namespace processor_sim::stripe {

std::string event_body(const event& e) {
  boost::json::object out{
      {"id", e.id},
      {"object", "event"},
      {"api_version", api_version},
      {"created", e.created},
      {"data", {{"object", e.object}}},
      {"livemode", false},
      {"pending_webhooks", 1},
      {"request", {{"id", or_null(e.request_id)}, {"idempotency_key", or_null(e.idempotency_key)}}},
      {"type", e.type}};
  return boost::json::serialize(out);
}

std::string signature_v1(const std::string& secret, std::int64_t t, const std::string& body) {
  const std::string payload = std::to_string(t) + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
            reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac,
            &mac_len)) {
    throw std::runtime_error("HMAC failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < mac_len; ++i) {
    out.push_back(hex[mac[i] >> 4]);
    out.push_back(hex[mac[i] & 15]);
  }
  return out;
}

std::string signature_header(const std::string& secret, std::int64_t t, const std::string& body) {
  return "t=" + std::to_string(t) + ",v1=" + signature_v1(secret, t, body);
}

}  // namespace processor_sim::stripe
