#include "connectors/stripe/signature.hpp"

#include <fmt/format.h>

#include <charconv>

#include "connectors/common/crypto.hpp"

namespace cs::connectors::stripe {
namespace {

domain::error bad_signature(std::string message) {
  return domain::make_error(domain::error_code::unauthenticated, domain::reason::bad_signature,
                            std::move(message));
}

}  // namespace

std::optional<signature_header> parse_signature_header(std::string_view header) {
  signature_header out;
  bool has_t = false;
  while (!header.empty()) {
    auto comma = header.find(',');
    // Not trimmed, as Stripe's SDKs split it: " v1=…" after ", " is not a v1 entry, so
    // "t=…, v1=…" carries no signature and is refused as they refuse it.
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    auto k = item.substr(0, eq), v = item.substr(eq + 1);
    if (k == "t") {
      std::int64_t t = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), t);
      if (ec != std::errc() || end != v.data() + v.size() || t <= 0) return std::nullopt;
      out.timestamp = t;
      has_t = true;
    } else if (k == "v1" && !v.empty()) {
      out.v1.emplace_back(v);
    }
  }
  if (!has_t || out.v1.empty()) return std::nullopt;
  return out;
}

std::string expected_signature(std::string_view secret, std::int64_t timestamp,
                               std::string_view body) {
  std::string signed_payload = std::to_string(timestamp);
  signed_payload += '.';
  signed_payload += body;
  return hex_encode(hmac_sha256(secret, signed_payload));
}

domain::status verify_signature(std::string_view header, std::string_view body,
                                std::string_view secret, std::chrono::system_clock::time_point now,
                                std::chrono::seconds tolerance) {
  if (header.empty())
    return bad_signature(
        "the Stripe webhook has no Stripe-Signature header; forward the header as received");
  auto parsed = parse_signature_header(header);
  if (!parsed)
    return bad_signature("the Stripe-Signature header has no t= timestamp or no v1= signature");
  auto expected = expected_signature(secret, parsed->timestamp, body);
  bool match = false;
  // Every candidate is compared, so timing does not tell which one (or whether any) matched.
  for (const auto& v1 : parsed->v1) match = constant_time_equal(expected, v1) || match;
  if (!match)
    return bad_signature(
        "no v1 signature in Stripe-Signature matches the body; check the endpoint's signing "
        "secret (whsec_…) and that the body is forwarded byte for byte");
  // In whole seconds: a time_point of an absurd t (year 2264 and on) would overflow nanoseconds.
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  auto age = now_s - std::chrono::seconds(parsed->timestamp);
  if (age > tolerance || -age > tolerance)
    return bad_signature(fmt::format(
        "the Stripe-Signature timestamp is outside the tolerance: signed {} s from when it "
        "arrived, {} s allowed (a replay, or a clock out of sync)",
        age.count(), tolerance.count()));
  return domain::ok_status();
}

}  // namespace cs::connectors::stripe
