#include "checkout_com_errors.hpp"

#include <boost/json.hpp>

namespace processor_sim::checkout_com {

sim_response error_reply(int status, const std::string& request_id, const std::string& error_type,
                         const std::vector<std::string>& codes) {
  boost::json::array list;
  for (const auto& c : codes) list.emplace_back(c);
  return json_response(status, boost::json::object{{"request_id", request_id},
                                                   {"error_type", error_type},
                                                   {"error_codes", std::move(list)}});
}

sim_response validation_error(const std::string& request_id,
                              const std::vector<std::string>& codes) {
  return error_reply(422, request_id, "request_invalid", codes);
}

sim_response not_allowed(const std::string& request_id, const std::string& code) {
  return error_reply(403, request_id, "processing_error", {code});
}

sim_response not_found(const std::string& request_id, const std::string& code) {
  return error_reply(404, request_id, "resource_not_found", {code});
}

sim_response unauthorized() {
  sim_response r;
  r.status = 401;
  r.content_type.clear();
  return r;
}

sim_response no_content() {
  sim_response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

sim_response fault_reply(int status, const std::string& request_id) {
  if (status == 401) return unauthorized();
  if (status >= 500) {
    const char* code = status == 502   ? "bad_gateway"
                       : status == 503 ? "service_unavailable"
                       : status == 504 ? "gateway_timeout"
                                       : "internal_server_error";
    return error_reply(status, request_id, "processing_error", {code});
  }
  switch (status) {
    case 403:
      return not_allowed(request_id, "operation_not_allowed");
    case 404:
      return not_found(request_id, "resource_not_found");
    case 409:
      return error_reply(409, request_id, "request_invalid", {"conflict"});
    case 429:
      return error_reply(429, request_id, "request_invalid", {"too_many_requests"});
    case 400:
      return error_reply(400, request_id, "request_malformed", {"request_malformed"});
    default:
      return error_reply(status, request_id, "request_invalid", {"request_invalid"});
  }
}

}  // namespace processor_sim::checkout_com
