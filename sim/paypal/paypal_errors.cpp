#include "paypal_errors.hpp"

#include "../ids.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace processor_sim::paypal {
namespace {

struct status_words {
  const char* name;
  const char* message;
};

status_words words_for(int status) {
  switch (status) {
    case 400:
      return {"INVALID_REQUEST",
              "Request is not well-formed, syntactically incorrect, or violates schema."};
    case 401:
      return {"AUTHENTICATION_FAILURE",
              "Authentication failed due to invalid authentication credentials or a missing "
              "Authorization header."};
    case 403:
      return {"NOT_AUTHORIZED", "Authorization failed due to insufficient permissions."};
    case 404:
      return {"RESOURCE_NOT_FOUND", "The specified resource does not exist."};
    case 409:
      return {"RESOURCE_CONFLICT",
              "The server has detected a conflict while processing this request."};
    case 422:
      return {"UNPROCESSABLE_ENTITY",
              "The requested action could not be performed, semantically incorrect, or failed "
              "business validation."};
    case 429:
      return {"RATE_LIMIT_REACHED", "Too many requests. Blocked due to rate limiting."};
    case 503:
      return {"SERVICE_UNAVAILABLE", "Service Unavailable."};
    default:
      if (status >= 500) return {"INTERNAL_SERVER_ERROR", "An internal server error has occurred."};
      return {"INVALID_REQUEST", "The request could not be processed."};
  }
}

}  // namespace

std::string new_debug_id() {
  // PayPal debug ids are 13 lower-case hex-looking characters ("f5d2a2c1a8e3b").
  std::string id = random_alnum(13);
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

sim_response api_error(int status, std::vector<issue_detail> details) {
  const auto w = words_for(status);
  const std::string debug_id = new_debug_id();
  boost::json::object body{{"name", w.name}, {"message", w.message}, {"debug_id", debug_id}};
  std::string anchor = std::string("error-") + w.name;
  if (!details.empty()) {
    boost::json::array out;
    for (const auto& d : details) {
      boost::json::object o{{"issue", d.issue}, {"description", d.description}};
      if (!d.field.empty()) o["field"] = d.field;
      if (!d.value.empty()) o["value"] = d.value;
      if (!d.field.empty() || status == 400) o["location"] = d.location;
      out.push_back(std::move(o));
    }
    body["details"] = std::move(out);
    anchor = "error-" + details.front().issue;
  }
  body["links"] =
      boost::json::array{{{"href", "https://developer.paypal.com/docs/api/orders/v2/#" + anchor},
                          {"rel", "information_link"},
                          {"method", "GET"}}};
  sim_response r = json_response(status, body);
  r.headers.emplace_back("paypal-debug-id", debug_id);
  return r;
}

sim_response issue_error(int status, const std::string& issue, const std::string& description,
                         const std::string& field, const std::string& location) {
  return api_error(status, {{issue, description, field, {}, location}});
}

sim_response oauth_error(int status, const std::string& error, const std::string& description) {
  sim_response r = json_response(
      status, boost::json::object{{"error", error}, {"error_description", description}});
  r.headers.emplace_back("paypal-debug-id", new_debug_id());
  return r;
}

}  // namespace processor_sim::paypal
