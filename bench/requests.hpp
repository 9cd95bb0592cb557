#pragma once
// What the load sends: gRPC requests per connector, signed webhooks per connector, and the
// Adyen /payments call the bare HTTPS baseline repeats (built by the real Adyen connector, so the
// baseline sends the same bytes the service would).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "connectorservice/v1/event.pb.h"
#include "connectorservice/v1/payment.pb.h"

namespace cs::bench {

namespace v1 = connectorservice::v1;

// Test card data of the simulator (Luhn-valid test numbers, never printed by the harness).
v1::AuthorizeRequest authorize_request(const std::string& connector, const std::string& reference,
                                       bool manual_capture);
v1::CaptureRequest capture_request(const v1::AuthorizeRequest& auth, const std::string& payment_id,
                                   const std::string& reference);
v1::RefundRequest refund_request(const v1::AuthorizeRequest& auth, const std::string& payment_id,
                                 const std::string& reference);

// A webhook as a processor would send it, signed for the bench accounts.
struct signed_webhook {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};
// `n` makes the ids unique; `adyen_hmac_key` is the simulator's / account's hex key.
signed_webhook make_webhook(const std::string& connector, const std::string& adyen_hmac_key,
                            std::uint64_t n);

// One HTTP call as data.
struct http_call {
  std::string method = "POST";
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";
};

// The Adyen authorize the connector builds for `authorize_request("adyen", reference, false)`,
// with the reference replaced per call by `with_reference`.
struct adyen_template {
  http_call call;  // target includes the base path ("/adyen/v71/payments")
  std::string reference;
  http_call with_reference(std::uint64_t n) const;
};
adyen_template adyen_payment_template();

}  // namespace cs::bench
