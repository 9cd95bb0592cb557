#pragma once
// Braintree's error bodies: GraphQL `errors` entries (developer errors refuse the whole request,
// user errors null one root field), the 401 of bad API keys and the bodies of status faults.

#include "../sim_http.hpp"
#include "braintree_graphql.hpp"
#include "braintree_sim.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace processor_sim::braintree {

// "public:private" from `Authorization: Basic …` ("" when absent or not Basic).
std::string basic_credentials(const std::string& authorization);

// HTTP 401 with an AUTHENTICATION error entry.
sim_response unauthorized(const std::string& request_id);
// {"errors":[{message, locations, extensions:{errorClass, errorType:"developer_error"}}]}
boost::json::object developer_body(const gql::error& e);
// One `errors` entry for a refused root field: path, locations, errorClass, errorType
// "user_error", legacyCode and inputPath when known.
boost::json::object user_error(const api_error& e, const gql::selection& field);
// A status fault's reply in Braintree's GraphQL error shape (errorClass by status).
sim_response fault_reply(int status, const std::string& request_id);

}  // namespace processor_sim::braintree
