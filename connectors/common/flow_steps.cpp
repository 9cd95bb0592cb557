#include "connectors/common/flow_steps.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include "connectors/common/crypto.hpp"

namespace cs::connectors {

domain::connector with_flows(domain::connector identity, std::initializer_list<flow_group> groups) {
  for (auto add : groups) add(identity.flows);
  return identity;
}

domain::error unexpected_step(std::string_view connector, std::string_view flow,
                              const domain::flow_context& ctx) {
  auto last = ctx.last_step();
  return domain::make_error(
      domain::error_code::internal, domain::reason::processor_error,
      fmt::format("{} {} has no step after '{}' (call {})", connector, flow,
                  last.empty() ? std::string_view("start") : last, ctx.done.size() + 1));
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

}  // namespace cs::connectors
