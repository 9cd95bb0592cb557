#pragma once
// Stripe's error bodies: {"error":{"type","code","param","message",...}} with Stripe's statuses.

#include "../sim_http.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace processor_sim::stripe {

struct api_error {
  int status = 400;
  std::string type = "invalid_request_error";
  std::string code, decline_code, param, message;
  boost::json::object extra;  // payment_intent, setup_intent, payment_method, charge
};

sim_response error_reply(const api_error& e);

// 400 invalid_request_error helpers.
sim_response invalid_request(std::string message, std::string param = {}, std::string code = {});
sim_response parameter_missing(const std::string& param);
sim_response invalid_integer(const std::string& param, const std::string& value);
// 404 resource_missing: "No such payment_intent: 'pi_x'".
sim_response resource_missing(const std::string& resource, const std::string& id,
                              const std::string& param = "id");
sim_response unrecognized_url(const std::string& method, const std::string& path);
// 401 with the key masked like Stripe does ("sk_test_****1234").
sim_response invalid_api_key(const std::string& presented);
std::string mask_api_key(const std::string& key);

}  // namespace processor_sim::stripe
