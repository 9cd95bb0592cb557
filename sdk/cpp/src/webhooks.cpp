#include "cs/sdk/webhooks.hpp"

#include <google/protobuf/util/json_util.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <charconv>
#include <ctime>
#include <vector>

namespace cs::sdk {

namespace {

std::string hmac_hex(std::string_view key, std::int64_t t, std::string_view body) {
  std::string signed_payload = std::to_string(t) + ".";
  signed_payload.append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_payload.data()), signed_payload.size(), mac,
       &len);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += digits[mac[i] >> 4];
    out += digits[mac[i] & 0xf];
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

error bad_signature(std::string message) {
  return error::client(grpc::StatusCode::UNAUTHENTICATED, "BAD_SIGNATURE", std::move(message));
}

}  // namespace

std::string sign_relay(std::string_view body, std::string_view signing_key,
                       std::optional<std::int64_t> unix_time) {
  std::int64_t t = unix_time.value_or(static_cast<std::int64_t>(std::time(nullptr)));
  return "t=" + std::to_string(t) + ",v1=" + hmac_hex(signing_key, t, body);
}

result<std::int64_t> verify_relay_signature(std::string_view body,
                                            std::string_view signature_header,
                                            std::string_view signing_key,
                                            std::chrono::seconds tolerance,
                                            std::optional<std::int64_t> now) {
  if (trim(signature_header).empty())
    return bad_signature(std::string("missing ") + signature_header_name + " header");
  if (signing_key.empty()) return bad_signature("no signing key configured");
  std::optional<std::int64_t> timestamp;
  std::vector<std::string> candidates;
  while (!signature_header.empty()) {
    auto comma = signature_header.find(',');
    auto part = trim(signature_header.substr(0, comma));
    signature_header.remove_prefix(comma == std::string_view::npos ? signature_header.size()
                                                                   : comma + 1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    auto name = part.substr(0, eq);
    auto value = trim(part.substr(eq + 1));
    if (name == "t") {
      std::int64_t t = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
      if (ec != std::errc{} || end != value.data() + value.size() || value.empty())
        return bad_signature("malformed timestamp in signature header");
      timestamp = t;
    } else if (name == "v1") {
      std::string v(value);
      for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      candidates.push_back(std::move(v));
    }
  }
  if (!timestamp || candidates.empty())
    return bad_signature("malformed signature header (want t=<unix>,v1=<hex>)");
  std::string expected = hmac_hex(signing_key, *timestamp, body);
  // Every candidate is compared, in constant time, so timing tells nothing about which matched.
  bool matched = false;
  for (const auto& c : candidates)
    matched |= c.size() == expected.size() &&
               CRYPTO_memcmp(c.data(), expected.data(), expected.size()) == 0;
  if (!matched) return bad_signature("signature mismatch");
  if (tolerance.count() > 0) {
    std::int64_t current = now.value_or(static_cast<std::int64_t>(std::time(nullptr)));
    auto age = current - *timestamp;
    if (age > tolerance.count() || -age > tolerance.count())
      return bad_signature("signature timestamp outside the tolerance of " +
                           std::to_string(tolerance.count()) + " s");
  }
  return *timestamp;
}

result<connectorservice::v1::WebhookRelay> parse_relay(std::string_view body,
                                                       std::string_view signature_header,
                                                       std::string_view signing_key,
                                                       std::chrono::seconds tolerance,
                                                       std::optional<std::int64_t> now) {
  auto verified = verify_relay_signature(body, signature_header, signing_key, tolerance, now);
  if (!verified) return verified.error();
  connectorservice::v1::WebhookRelay relay;
  google::protobuf::util::JsonParseOptions opts;
  opts.ignore_unknown_fields = true;  // fields a newer service added
  auto st = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), &relay, opts);
  if (!st.ok())
    return error::client(grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD",
                         "the relay body is not a WebhookRelay: " + st.ToString(), "body");
  return relay;
}

}  // namespace cs::sdk
