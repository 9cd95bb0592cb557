#include "net/url.hpp"

#include <fmt/format.h>
#include <boost/url/parse.hpp>

namespace cs::net {

domain::result<endpoint> parse_endpoint(std::string_view url, std::string_view field) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed)
    return domain::invalid_argument(std::string(field), fmt::format("'{}' is not a URL", url));
  endpoint ep;
  auto scheme = parsed->scheme();
  if (scheme == "https") {
    ep.tls = true;
  } else if (scheme == "http") {
    ep.tls = false;
  } else {
    return domain::invalid_argument(std::string(field),
                                    fmt::format("'{}' must start with https:// or http://", url));
  }
  if (parsed->has_query() || parsed->has_fragment() || parsed->has_userinfo())
    return domain::invalid_argument(std::string(field),
                                    "must not carry a query, fragment or user info");
  ep.host = parsed->host_address();
  if (ep.host.empty()) return domain::invalid_argument(std::string(field), "has no host");
  // The host is percent-decoded and becomes the Host header and the TLS name: nothing but
  // visible ASCII (found by fuzz_endpoint: "https://a%0d%0ab/" gave a host with CR LF).
  for (unsigned char c : ep.host)
    if (c <= 0x20 || c >= 0x7f)
      return domain::invalid_argument(std::string(field),
                                      "has a host with spaces, control or non-ASCII characters");
  // "host:" with nothing after the colon is legal (the default port) but almost always a typo.
  if (parsed->has_port() && parsed->port().empty())
    return domain::invalid_argument(std::string(field), "has an empty port after ':'");
  ep.port = parsed->has_port() ? std::string(parsed->port()) : (ep.tls ? "443" : "80");
  ep.base_path = parsed->encoded_path();
  while (!ep.base_path.empty() && ep.base_path.back() == '/') ep.base_path.pop_back();
  return ep;
}

}  // namespace cs::net
