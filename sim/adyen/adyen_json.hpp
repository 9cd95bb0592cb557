#pragma once
// Small readers for Adyen request bodies and writers for Adyen's error format.

#include "../sim_http.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace processor_sim::adyen {

struct amount {
  std::string currency;
  std::int64_t value = 0;
};

boost::json::object amount_json(const amount& a);

// Reads {"currency":"EUR","value":1000}; nullopt when missing or malformed.
std::optional<amount> read_amount(const boost::json::object& body, std::string_view key = "amount");

// String member (or "" when absent / not a string).
std::string str(const boost::json::object& obj, std::string_view key);
const boost::json::object* obj(const boost::json::object& parent, std::string_view key);
// additionalData values are strings in Adyen's API, but accept JSON booleans too.
bool flag(const boost::json::object* obj, std::string_view key);

// {"status","errorCode","message","errorType"} with the given HTTP status.
sim_response error(int status, std::string error_code, std::string message,
                   std::string error_type = "validation");
sim_response unauthorized();

}  // namespace processor_sim::adyen
