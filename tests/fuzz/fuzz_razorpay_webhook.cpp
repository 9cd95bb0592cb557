// razorpay_connector::handle_webhook on any body and headers. Input:
// <mode byte><header line>\n<body>. Mode bit 0: the body is signed as Razorpay signs it and the
// line is X-Razorpay-Event-Id, so the event reaches the normalization; otherwise the line is
// X-Razorpay-Signature. Bit 1: no secret configured; bit 2: header names in lower case.
#include "connectors/razorpay/descriptor.hpp"
#include "connectors/razorpay/signature.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cs_fuzz;
  constexpr std::string_view secret_key = "fuzz_webhook_secret_0123";
  static const auto& c = cs::connectors::razorpay::descriptor();

  input in(data, size);
  auto mode = in.byte();
  auto line = std::string(in.until("\n"));
  webhook_request req;
  req.body = std::string(in.rest());
  if (!(mode & 2)) req.secret_key = secret<std::string>(std::string(secret_key));
  bool lower = mode & 4;
  auto signature_name = lower ? "x-razorpay-signature" : "X-Razorpay-Signature";
  if (mode & 1) {
    req.headers.push_back(
        {signature_name, cs::connectors::razorpay::webhook_signature(secret_key, req.body)});
    req.headers.push_back({lower ? "x-razorpay-event-id" : "X-Razorpay-Event-Id", line});
  } else {
    req.headers.push_back({signature_name, line});
  }
  auto result = c.handle_webhook(req);
  // A signed body comes from someone holding the secret: only what an unsigned one causes counts.
  if (!(mode & 1)) expect_no_secret(result, secret_key);
  return 0;
}
