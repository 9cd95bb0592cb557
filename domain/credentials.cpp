#include "domain/credentials.hpp"

#include <fmt/format.h>

namespace cs::domain {

result<std::string_view> credentials::require(std::string_view connector,
                                              std::string_view key) const {
  if (auto* s = find(key)) return std::string_view(s->reveal());
  error e;
  e.code = error_code::unauthenticated;
  e.reason = reason::missing_credentials;
  std::string meta(key);
  for (auto& c : meta)
    if (c == '_') c = '-';
  e.message = fmt::format(
      "connector '{}' needs credential '{}': send gRPC metadata 'x-auth-{}' or name a configured "
      "merchant account in 'x-merchant-account'",
      connector, key, meta);
  return e;
}

}  // namespace cs::domain
