#include "braintree_errors.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>

#include <cctype>

namespace processor_sim::braintree {
namespace {

boost::json::array locations(const gql::location& at) {
  return {boost::json::object{{"line", at.line}, {"column", at.column}}};
}

sim_response error_reply(int status, const std::string& request_id, const std::string& message,
                         const std::string& error_class) {
  return json_response(
      status,
      boost::json::object{
          {"errors",
           {boost::json::object{
               {"message", message},
               {"extensions", {{"errorClass", error_class}, {"errorType", "developer_error"}}}}}},
          {"extensions", {{"requestId", request_id}}}});
}

}  // namespace

std::string basic_credentials(const std::string& authorization) {
  static constexpr std::string_view scheme = "basic ";
  if (authorization.size() <= scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return {};
  }
  const std::string b64 = authorization.substr(scheme.size());
  if (b64.size() % 4 != 0 || b64.size() > 1024) return {};
  std::string raw(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(raw.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return {};
  std::size_t len = static_cast<std::size_t>(n);
  if (b64.ends_with("=="))
    len -= 2;
  else if (b64.ends_with("="))
    len -= 1;
  raw.resize(len);
  return raw;
}

sim_response unauthorized(const std::string& request_id) {
  return error_reply(401, request_id, "Authentication failed: check your API keys",
                     "AUTHENTICATION");
}

boost::json::object developer_body(const gql::error& e) {
  boost::json::object entry{{"message", e.what()}};
  if (e.where.line > 0) entry["locations"] = locations(e.where);
  entry["extensions"] = {{"errorClass", e.error_class}, {"errorType", "developer_error"}};
  return {{"errors", {std::move(entry)}}};
}

boost::json::object user_error(const api_error& e, const gql::selection& field) {
  boost::json::object ext{{"errorClass", e.error_class}, {"errorType", "user_error"}};
  if (!e.legacy_code.empty()) ext["legacyCode"] = e.legacy_code;
  if (!e.input_path.empty()) {
    boost::json::array path;
    for (const auto& p : e.input_path) path.emplace_back(p);
    ext["inputPath"] = std::move(path);
  }
  return {{"message", e.what()},
          {"locations", locations(field.at)},
          {"path", {field.key()}},
          {"extensions", std::move(ext)}};
}

sim_response fault_reply(int status, const std::string& request_id) {
  switch (status) {
    case 401:
      return unauthorized(request_id);
    case 403:
      return error_reply(403, request_id, "Authorization failed", "AUTHORIZATION");
    case 404:
      return error_reply(404, request_id, "Resource not found", "NOT_FOUND");
    case 426:
      return error_reply(426, request_id,
                         "Upgrade required: the Braintree-Version is no longer supported",
                         "UNSUPPORTED_CLIENT");
    case 429:
      return error_reply(429, request_id, "Too many requests", "RESOURCE_LIMIT");
    case 503:
      return error_reply(503, request_id, "Service unavailable", "SERVICE_AVAILABILITY");
    default:
      if (status >= 500) {
        return error_reply(status, request_id, "An internal error occurred", "INTERNAL");
      }
      return error_reply(status, request_id, "Request failed", "VALIDATION");
  }
}

}  // namespace processor_sim::braintree
