#pragma once
// What one simulated processor provides. The app routes /<name>/... to handle() and
// /_sim/<name>/... to handle_control(); shared concerns (TLS, faults, webhooks) stay outside.

#include "sim_http.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace processor_sim {

class webhook_sender;

struct sim_context {
  std::string public_base_url;  // "https://127.0.0.1:PORT", for URLs the processor hands out
  webhook_sender* webhooks = nullptr;
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
  virtual sim_response error_response(int status) const = 0;
  // Counters merged into /_sim/stats: at least "charges" and "double_charges".
  virtual boost::json::object stats() const = 0;
};

}  // namespace processor_sim
