#pragma once
// Checkout.com's error replies: `{"request_id","error_type","error_codes":[…]}` (nas_spec
// ValidationError), 401 with an empty body, and the bodies status faults answer with.

#include "../sim_http.hpp"

#include <string>
#include <vector>

namespace processor_sim::checkout_com {

sim_response error_reply(int status, const std::string& request_id, const std::string& error_type,
                         const std::vector<std::string>& codes);
// 422 request_invalid: what failed validation (several codes at once, like Checkout.com).
sim_response validation_error(const std::string& request_id, const std::vector<std::string>& codes);
// 403 processing_error: the payment or dispute is not in a state for this action.
sim_response not_allowed(const std::string& request_id, const std::string& code);
// 404 resource_not_found.
sim_response not_found(const std::string& request_id, const std::string& code);
// 401: Checkout.com answers a missing or wrong key with no body at all.
sim_response unauthorized();
// 204 without a body (dispute accept / evidence).
sim_response no_content();
// A status fault's reply in Checkout.com's format (error_type and code chosen by status).
sim_response fault_reply(int status, const std::string& request_id);

}  // namespace processor_sim::checkout_com
