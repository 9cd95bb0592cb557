#include "api/request_keys.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

namespace cs::api {
namespace {

bool visible_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

bool id_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-_.~=+").find(static_cast<char>(c)) != std::string_view::npos;
}

bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

domain::status check_idempotency_key(std::string_view key) {
  if (key.size() > max_key_length)
    return domain::invalid_argument("idempotency_key",
                                    fmt::format("at most {} characters", max_key_length));
  if (!visible_ascii(key))
    return domain::invalid_argument("idempotency_key",
                                    "must be visible ASCII characters only (no spaces, control "
                                    "characters or non-ASCII): it is sent in an HTTP header");
  return domain::ok_status();
}

domain::status check_id(std::string_view value, std::string_view field) {
  if (value.size() > max_id_length)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("at most {} characters", max_id_length));
  for (unsigned char c : value)
    if (!id_char(c))
      return domain::invalid_argument(std::string(field),
                                      "is not a processor id: letters, digits and -_.~=+ only "
                                      "(it becomes part of a URL path)");
  return domain::ok_status();
}

domain::status check_text(std::string_view value, std::string_view field, std::size_t max) {
  if (value.size() > max)
    return domain::invalid_argument(std::string(field), fmt::format("at most {} bytes", max));
  if (has_control(value))
    return domain::invalid_argument(std::string(field),
                                    "must not contain control characters (CR, LF, NUL, …)");
  return domain::ok_status();
}

domain::status check_metadata(const std::map<std::string, std::string>& metadata) {
  if (metadata.size() > 50) return domain::invalid_argument("metadata", "at most 50 entries");
  for (const auto& [k, v] : metadata) {
    if (k.empty() || k.size() > 40 || !visible_ascii(k) ||
        k.find_first_of("[]") != std::string::npos)
      // The key is not echoed: it is client text that failed the check.
      return domain::invalid_argument("metadata",
                                      "keys must be 1 to 40 visible ASCII characters without "
                                      "square brackets");
    if (auto s = check_text(v, "metadata", max_reason_length); !s) return s;
  }
  return domain::ok_status();
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

std::string amount_part(const std::optional<domain::money>& m) {
  return m ? fmt::format("{}{}", m->minor_amount, m->currency) : std::string("all");
}

std::string derive_key(std::string_view flow, const std::vector<std::string_view>& parts) {
  std::string key(flow);
  bool plain = true;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    key += ':';
    key += parts[i];
    // Only the last part (the free-form reference) may hold ':' and still be read back
    // unambiguously; ids hold none (check_id).
    plain = plain && visible_ascii(parts[i]) &&
            (i + 1 == parts.size() || parts[i].find(':') == std::string_view::npos);
  }
  if (plain && key.size() <= max_key_length) return key;
  // Length-prefixed parts: ("a:b", "c") and ("a", "b:c") must not hash alike.
  std::string joined;
  for (auto p : parts) joined += fmt::format("{}:{};", p.size(), p);
  return fmt::format("{}:{}", flow, sha256_hex(joined));
}

}  // namespace cs::api
