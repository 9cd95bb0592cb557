// Stripe-Signature ("t=…,v1=…"): parse_signature_header on any text, and verify_signature on the
// header and a body. Input: <header>\n<body>. When the header parses, it is checked again with
// the v1 that matches its timestamp appended, so the tolerance check runs too: that must accept
// exactly the timestamps within 300 s of the arrival time.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "connectors/stripe/signature.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cs::connectors::stripe;
  constexpr std::string_view secret = "whsec_fuzz_secret_0123456789abcdef";
  constexpr std::int64_t now_s = 1700000000, tolerance_s = 300;
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(now_s));
  const auto tolerance = std::chrono::seconds(tolerance_s);

  cs_fuzz::input in(data, size);
  auto header = in.until("\n");
  auto body = in.rest();
  auto parsed = parse_signature_header(header);
  if (parsed && (parsed->timestamp <= 0 || parsed->v1.empty())) {
    std::fprintf(stderr, "fuzz: parse_signature_header accepted a header without t or v1\n");
    std::abort();
  }
  (void)verify_signature(header, body, secret, now, tolerance);
  if (!parsed) return 0;

  std::string with_match(header);
  with_match += ",v1=" + expected_signature(secret, parsed->timestamp, body);
  bool accepted = verify_signature(with_match, body, secret, now, tolerance).ok();
  bool in_window =
      parsed->timestamp >= now_s - tolerance_s && parsed->timestamp <= now_s + tolerance_s;
  if (accepted != in_window) {
    std::fprintf(stderr, "fuzz: t=%lld was %s with a matching v1\n",
                 static_cast<long long>(parsed->timestamp), accepted ? "accepted" : "refused");
    std::abort();
  }
  return 0;
}
