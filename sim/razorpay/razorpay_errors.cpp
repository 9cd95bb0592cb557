#include "razorpay_errors.hpp"

#include <boost/json.hpp>

namespace processor_sim::razorpay {

sim_response error_reply(const api_error& e) {
  boost::json::object err{{"code", e.code},     {"description", e.description},
                          {"source", e.source}, {"step", e.step},
                          {"reason", e.reason}, {"metadata", boost::json::object{}}};
  if (!e.field.empty()) err["field"] = e.field;
  return json_response(e.status, boost::json::object{{"error", std::move(err)}});
}

sim_response bad_request(std::string description, std::string field) {
  api_error e;
  e.description = std::move(description);
  e.field = std::move(field);
  if (!e.field.empty()) {
    e.source = "business";
    e.step = "payment_initiation";
    e.reason = "input_validation_failed";
  }
  return error_reply(e);
}

sim_response field_required(const std::string& field) {
  return bad_request("The " + field + " field is required.", field);
}

sim_response id_not_found(const std::string& field) {
  api_error e;
  e.description = "The id provided does not exist";
  e.field = field;
  return error_reply(e);
}

sim_response url_not_found() {
  api_error e;
  e.description = "The requested URL was not found on the server.";
  return error_reply(e);
}

sim_response unauthorized(bool credentials_given) {
  api_error e;
  e.status = 401;
  e.description = credentials_given ? "The api key provided is invalid"
                                    : "Please provide your api key for authentication purposes.";
  auto r = error_reply(e);
  r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Razorpay\"");
  return r;
}

}  // namespace processor_sim::razorpay
