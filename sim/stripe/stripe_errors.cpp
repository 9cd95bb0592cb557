#include "stripe_errors.hpp"

namespace processor_sim::stripe {

sim_response error_reply(const api_error& e) {
  boost::json::object err;
  if (!e.code.empty()) err["code"] = e.code;
  if (!e.decline_code.empty()) err["decline_code"] = e.decline_code;
  if (!e.code.empty()) err["doc_url"] = "https://stripe.com/docs/error-codes/" + e.code;
  err["message"] = e.message;
  if (!e.param.empty()) err["param"] = e.param;
  for (const auto& [k, v] : e.extra) err[k] = v;
  err["type"] = e.type;
  return json_response(e.status, boost::json::object{{"error", std::move(err)}});
}

sim_response invalid_request(std::string message, std::string param, std::string code) {
  api_error e;
  e.message = std::move(message);
  e.param = std::move(param);
  e.code = std::move(code);
  return error_reply(e);
}

sim_response parameter_missing(const std::string& param) {
  return invalid_request("Missing required param: " + param + ".", param, "parameter_missing");
}

sim_response invalid_integer(const std::string& param, const std::string& value) {
  return invalid_request("Invalid integer: " + value, param, "parameter_invalid_integer");
}

sim_response resource_missing(const std::string& resource, const std::string& id,
                              const std::string& param) {
  api_error e;
  e.status = 404;
  e.code = "resource_missing";
  e.param = param;
  e.message = "No such " + resource + ": '" + id + "'";
  return error_reply(e);
}

sim_response unrecognized_url(const std::string& method, const std::string& path) {
  api_error e;
  e.status = 404;
  e.message = "Unrecognized request URL (" + method + ": " + path +
              "). Please see https://stripe.com/docs or we can help at "
              "https://support.stripe.com/.";
  return error_reply(e);
}

std::string mask_api_key(const std::string& key) {
  // Stripe keeps the sk_test_/sk_live_ prefix and the last 4 characters.
  std::size_t keep_front = 0;
  for (const char* prefix : {"sk_test_", "sk_live_", "rk_test_", "rk_live_"}) {
    if (key.rfind(prefix, 0) == 0) keep_front = 8;
  }
  if (key.size() <= keep_front + 4) return std::string(key.substr(0, keep_front)) + "****";
  return key.substr(0, keep_front) + std::string(key.size() - keep_front - 4, '*') +
         key.substr(key.size() - 4);
}

sim_response invalid_api_key(const std::string& presented) {
  api_error e;
  e.status = 401;
  e.message = presented.empty()
                  ? "You did not provide an API key. You need to provide your API key in the "
                    "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                    "YOUR_SECRET_KEY')."
                  : "Invalid API Key provided: " + mask_api_key(presented);
  auto r = error_reply(e);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"Stripe\"");
  return r;
}

}  // namespace processor_sim::stripe
