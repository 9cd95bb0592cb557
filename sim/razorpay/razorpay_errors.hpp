#pragma once
// Razorpay's error bodies:
// {"error":{"code","description","source","step","reason","metadata":{},"field"?}}.

#include "../sim_http.hpp"

#include <string>

namespace processor_sim::razorpay {

struct api_error {
  int status = 400;
  std::string code = "BAD_REQUEST_ERROR";
  std::string description;
  std::string field;  // omitted when empty
  std::string source = "NA", step = "NA", reason = "NA";
};

sim_response error_reply(const api_error& e);

// 400 BAD_REQUEST_ERROR with source/step/reason "NA" (input validation, like Razorpay).
sim_response bad_request(std::string description, std::string field = {});
// "The amount field is required."
sim_response field_required(const std::string& field);
// Unknown ids: 400 "The id provided does not exist".
sim_response id_not_found(const std::string& field = {});
sim_response url_not_found();
// 401: missing or wrong key id / secret.
sim_response unauthorized(bool credentials_given);

}  // namespace processor_sim::razorpay
