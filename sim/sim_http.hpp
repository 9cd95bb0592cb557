#pragma once
// Transport-neutral request/response types: processor logic never sees Beast, so only the
// listener and the webhook sender pay Beast's compile cost.

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace processor_sim {

struct sim_request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw target, path + query
  std::string path;    // decoded path without query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

// What the listener should do beyond writing the response (fault injection).
// slow_loris: status line and headers at once, then the body one byte every drip_ms.
enum class wire_action { respond, reset, truncate, slow_loris };

struct sim_response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json";
  std::string body;
  wire_action action = wire_action::respond;
  unsigned delay_ms = 0;
  unsigned drip_ms = 0;  // slow_loris only
  // Held while the request counts as in flight (its idempotency key is busy); the listener drops
  // it when it starts sending the answer (or resets), after any delay.
  std::shared_ptr<void> in_flight;
};

sim_response json_response(int status, const boost::json::value& body);
sim_response text_response(int status, std::string body);

// Splits "path?query" and percent-decodes both parts.
sim_request make_request(std::string method, std::string target);

}  // namespace processor_sim
