// connectors::scrub, the filter between processor text and our errors and logs. Input:
// <mode byte><secret>\n<text>; mode bit 0 adds Stripe's token prefixes. Beyond not crashing,
// the promises of scrub.hpp are checked: no 12-digit run (spaces and dashes allowed between
// digits), no token prefix, and no secret left (when the secret has no bracket and is not
// inside "redacted", the replacement itself).
#include <cstdio>
#include <cstdlib>

#include "connectors/common/scrub.hpp"
#include "fuzz_support.hpp"

namespace {

void fail(const char* what) {
  std::fprintf(stderr, "fuzz: scrub left %s\n", what);
  std::abort();
}

bool has_card_like_run(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++digits >= 12) return true;
    } else if (c != ' ' && c != '-') {
      digits = 0;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cs_fuzz::input in(data, size);
  bool prefixes = in.byte() & 1;
  auto secret = in.until("\n");
  std::string text(in.rest());
  auto out = prefixes ? cs::connectors::scrub(text, secret, {"sk_", "rk_", "whsec_"})
                      : cs::connectors::scrub(text, secret);
  if (has_card_like_run(out)) fail("a run of 12 or more digits");
  if (prefixes)
    for (std::string_view p : {"sk_", "rk_", "whsec_"})
      if (out.find(p) != std::string::npos) fail("a token prefix");
  bool checkable = !secret.empty() && secret.find_first_of("[]") == std::string_view::npos &&
                   std::string_view("redacted").find(secret) == std::string_view::npos;
  if (checkable && out.find(secret) != std::string::npos) fail("the secret");
  return 0;
}
