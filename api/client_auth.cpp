#include "api/client_auth.hpp"

#include <fmt/format.h>
#include <grpcpp/grpcpp.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <strings.h>

namespace cs::api {
namespace {

std::string_view metadata(const grpc::CallbackServerContext* ctx, std::string_view key) {
  auto& md = ctx->client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  return it == md.end() ? std::string_view()
                        : std::string_view(it->second.data(), it->second.size());
}

bool sends_call_credentials(const grpc::CallbackServerContext* ctx) {
  for (auto& [k, v] : ctx->client_metadata())
    if (std::string_view(k.data(), k.size()).starts_with("x-auth-")) return true;
  return false;
}

domain::error unauthenticated(std::string message) {
  return domain::make_error(domain::error_code::unauthenticated, domain::reason::invalid_api_key,
                            std::move(message));
}

}  // namespace

std::array<unsigned char, 32> api_key_digest(std::string_view key) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  EVP_Digest(key.data(), key.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

domain::status authorize_call(const grpc_security& sec, const grpc::CallbackServerContext* ctx) {
  if (sec.clients.empty()) return domain::ok_status();
  auto header = metadata(ctx, "authorization");
  constexpr std::string_view scheme = "bearer ";
  if (header.size() <= scheme.size() ||
      strncasecmp(header.data(), scheme.data(), scheme.size()) != 0)
    return unauthenticated(
        "this service requires an API key: send gRPC metadata authorization: Bearer <key>");
  auto digest = api_key_digest(header.substr(scheme.size()));
  // Every client is compared, whether or not one already matched: the time taken does not tell
  // how many clients there are or which one nearly matched.
  const api_client* who = nullptr;
  for (const auto& c : sec.clients)
    if (CRYPTO_memcmp(digest.data(), c.key_sha256.data(), digest.size()) == 0) who = &c;
  if (!who) return unauthenticated("the API key is not one this service knows");
  auto account = metadata(ctx, "x-merchant-account");
  if (!account.empty()) {
    if (who->merchant_accounts.contains("*") || who->merchant_accounts.contains(account))
      return domain::ok_status();
    return domain::make_error(
        domain::error_code::permission_denied, domain::reason::account_not_allowed,
        fmt::format("client '{}' may not use merchant account '{}' (clients.{}.merchant_accounts)",
                    who->name, account.substr(0, 64), who->name));
  }
  if (sends_call_credentials(ctx) && !who->allow_call_credentials)
    return domain::make_error(
        domain::error_code::permission_denied, domain::reason::call_credentials_not_allowed,
        fmt::format("client '{}' may not send x-auth-* credentials with a call "
                    "(clients.{}.allow_call_credentials): name a merchant account with "
                    "x-merchant-account instead",
                    who->name, who->name));
  return domain::ok_status();
}

}  // namespace cs::api
