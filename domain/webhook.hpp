#pragma once
// A webhook as received (raw bytes and headers) and the unified events it carries.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/http.hpp"
#include "domain/money.hpp"
#include "domain/payment_method.hpp"
#include "domain/secret.hpp"
#include "domain/status.hpp"

namespace cs::domain {

struct webhook_request {
  std::vector<http_header> headers;
  std::string body;  // byte for byte as received: signatures cover the raw bytes
  secret<std::string> secret_key;
  // For signatures with a timestamp (Stripe): when the webhook arrived, and how far the signed
  // time may be from it. Set by the transport from the clock and the connector's config.
  std::chrono::system_clock::time_point received_at = std::chrono::system_clock::now();
  std::chrono::seconds tolerance{300};
  // The document the connector's check needs from the processor (PayPal's signing certificate),
  // fetched and cached by the webhook actor from the URL the connector named; else empty.
  std::string document;
  // The host of the connector's configured API base URL: trusted for such documents as well as
  // the processor's own hosts (the simulator stands in for the processor in tests).
  std::string api_host;

  std::string_view header(std::string_view name) const noexcept;
};

struct webhook_event {
  event_type type = event_type::unspecified;
  std::string event_id;
  std::string processor_event_code;
  std::string connector_payment_id;
  std::string connector_refund_id;
  std::string connector_operation_id;
  std::string dispute_id;
  std::string merchant_reference;
  std::optional<money> amount;
  payment_status payment = payment_status::unspecified;
  refund_status refund = refund_status::unspecified;
  dispute_status dispute = dispute_status::unspecified;
  std::optional<processor_error> error;
  std::string mandate_id;
};

struct webhook_result {
  std::vector<webhook_event> events;
  std::string acknowledgement;  // body to answer the processor with, e.g. "[accepted]"
};

}  // namespace cs::domain
