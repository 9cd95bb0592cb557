// stripe_connector::handle_webhook on any body and Stripe-Signature header. Input:
// <mode byte><header line>\n<body>. Mode bit 0: the body is signed as Stripe signs it (t = the
// arrival time, the right v1) and the line is appended to that header (more schemes, more v1s),
// so the event reaches the normalization; otherwise the line is the whole header. Bit 1: no
// secret configured; bit 2: the header name in lower case.
#include <chrono>

#include "connectors/stripe/descriptor.hpp"
#include "connectors/stripe/signature.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cs_fuzz;
  constexpr std::string_view secret_key = "whsec_fuzz_secret_0123456789abcdef";
  constexpr std::int64_t now = 1700000000;
  static const auto& c = cs::connectors::stripe::descriptor();

  input in(data, size);
  auto mode = in.byte();
  auto line = in.until("\n");
  webhook_request req;
  req.body = std::string(in.rest());
  req.received_at = std::chrono::system_clock::time_point(std::chrono::seconds(now));
  if (!(mode & 2)) req.secret_key = secret<std::string>(std::string(secret_key));
  std::string header(line);
  if (mode & 1) {
    header = "t=" + std::to_string(now) +
             ",v1=" + cs::connectors::stripe::expected_signature(secret_key, now, req.body);
    if (!line.empty()) header += "," + std::string(line);
  }
  req.headers.push_back({mode & 4 ? "stripe-signature" : "Stripe-Signature", header});
  auto result = c.handle_webhook(req);
  // A signed body comes from someone holding the secret: only what an unsigned one causes counts.
  if (!(mode & 1)) expect_no_secret(result, secret_key);
  return 0;
}
