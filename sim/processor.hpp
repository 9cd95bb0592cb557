#pragma once
// What one simulated processor provides. The app routes /<name>/... to handle() and
// /_sim/<name>/... to handle_control(); shared concerns (TLS, faults, webhooks) stay outside.

#include "sim_http.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace processor_sim {

class webhook_sender;

struct sim_context {
  std::string public_base_url;  // "https://127.0.0.1:PORT", for URLs the processor hands out
  webhook_sender* webhooks = nullptr;
};

// Options of a status fault; unset = the processor's own default for that status.
struct retry_hints {
  std::optional<unsigned> retry_after_s;  // Retry-After header
  std::optional<bool> should_retry;       // Stripe-Should-Retry / Adyen Transient-Error
};

class processor {
 public:
  virtual ~processor() = default;
  virtual std::string name() const = 0;
  // path is relative to the processor prefix: "/v71/payments" for "/adyen/v71/payments".
  virtual sim_response handle(const sim_request& req, const std::string& path) = 0;
  // Test-control routes, path relative to "/_sim/<name>".
  virtual sim_response handle_control(const sim_request& req, const std::string& path) = 0;
  // A reply in the processor's own error format, used by status faults.
  virtual sim_response error_response(int status, const retry_hints& hints) const = 0;
  // The idempotency key the processor dedupes this request by ("" = none). While a request with
  // a key is in flight (handled, answer not yet sent: latency faults), a second one with the same
  // key gets in_progress_response instead of being handled, like the real processors.
  virtual std::string idempotency_key(const sim_request&, const std::string& /*path*/) const {
    return {};
  }
  virtual sim_response in_progress_response(const std::string& key) const {
    return json_response(409, boost::json::object{{"error", "request in progress: " + key}});
  }
  // Counters merged into /_sim/stats: at least "charges" and "double_charges".
  virtual boost::json::object stats() const = 0;
};

}  // namespace processor_sim
