#pragma once
// A processor base URL from config, split once at start-up.

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace cs::net {

struct endpoint {
  bool tls = true;
  std::string host;
  std::string port;
  std::string base_path;  // without a trailing slash, e.g. "/v71"

  std::string key() const { return (tls ? "https://" : "http://") + host + ":" + port; }
};

// Accepts http:// and https:// URLs with an optional port and path; `field` names the config key.
domain::result<endpoint> parse_endpoint(std::string_view url, std::string_view field);

}  // namespace cs::net
