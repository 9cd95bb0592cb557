#pragma once
// PayPal's error bodies: {"name","message","debug_id","details":[{"field","value","location",
// "issue","description"}],"links"} with the paypal-debug-id header; and the OAuth2 errors of
// /v1/oauth2/token and of a bad bearer token ({"error","error_description"}).

#include "../sim_http.hpp"

#include <string>
#include <vector>

namespace processor_sim::paypal {

struct issue_detail {
  std::string issue, description, field, value, location = "body";
};

// name and message follow from the status (400 INVALID_REQUEST, 401 AUTHENTICATION_FAILURE,
// 403 NOT_AUTHORIZED, 404 RESOURCE_NOT_FOUND, 409 RESOURCE_CONFLICT, 422 UNPROCESSABLE_ENTITY,
// 429 RATE_LIMIT_REACHED, 500 INTERNAL_SERVER_ERROR, 503 SERVICE_UNAVAILABLE).
sim_response api_error(int status, std::vector<issue_detail> details = {});
sim_response issue_error(int status, const std::string& issue, const std::string& description,
                         const std::string& field = {}, const std::string& location = "body");
sim_response oauth_error(int status, const std::string& error, const std::string& description);
std::string new_debug_id();

}  // namespace processor_sim::paypal
