// net::parse_endpoint, which splits the processor base URLs of the config. Input: the URL.
// An accepted URL must give a host, a port and a base path without a trailing slash.
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "net/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view url(reinterpret_cast<const char*>(data), size);
  auto ep = cs::net::parse_endpoint(url, "connectors.fuzz.base_urls.default");
  if (!ep) return 0;
  if (ep->host.empty() || ep->port.empty() ||
      (!ep->base_path.empty() && ep->base_path.back() == '/')) {
    std::fprintf(stderr, "fuzz: parse_endpoint accepted a URL it could not split\n");
    std::abort();
  }
  (void)ep->key();
  return 0;
}
