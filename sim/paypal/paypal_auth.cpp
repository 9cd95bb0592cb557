// OAuth2 client credentials: POST /v1/oauth2/token hands out bearer tokens, every other API call
// must present a live one. Counted, so tests can check a client fetches one token per account.
#include "../ids.hpp"
#include "paypal_errors.hpp"
#include "paypal_sim.hpp"

#include <openssl/evp.h>
#include <boost/json.hpp>

#include <cctype>

namespace processor_sim::paypal {
namespace {

bool starts_with_ci(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string base64_decode(const std::string& b64) {
  std::string out(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return {};
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '\0') out.pop_back();  // '=' padding
  return out;
}

}  // namespace

sim_response simulator::issue_token(const sim_request& req) {
  ++token_requests_;
  const std::string auth = req.header("authorization");
  const std::string creds = starts_with_ci(auth, "Basic ") ? base64_decode(auth.substr(6)) : "";
  if (creds != cfg_.client_id + ":" + cfg_.client_secret) {
    return oauth_error(401, "invalid_client", "Client Authentication failed");
  }
  const auto grant = req.body.find("grant_type=");
  if (grant == std::string::npos) {
    return oauth_error(400, "unsupported_grant_type", "Grant Type is NULL");
  }
  const std::string type = req.body.substr(grant + 11, req.body.find('&', grant) - grant - 11);
  if (type != "client_credentials") {
    return oauth_error(400, "unsupported_grant_type", "unsupported grant_type");
  }
  const auto now = clock::now();
  // PayPal answers with the same token (and the time it has left) until it expires.
  auto it = tokens_.find(current_token_);
  if (it == tokens_.end() || it->second.expires <= now) {
    current_token_ = "A21AA" + random_alnum(40);
    it = tokens_.emplace(current_token_, token{now + std::chrono::seconds(cfg_.token_ttl_s)}).first;
    ++tokens_issued_;
  }
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(it->second.expires - now);
  return json_response(
      200, boost::json::object{{"scope",
                                "https://uri.paypal.com/services/payments/refund "
                                "https://uri.paypal.com/services/payments/payment/authcapture "
                                "https://uri.paypal.com/services/vault/payment-tokens/readwrite "
                                "https://uri.paypal.com/services/applications/webhooks"},
                               {"access_token", current_token_},
                               {"token_type", "Bearer"},
                               {"app_id", "APP-80W284485P519543T"},
                               {"expires_in", left.count()},
                               {"nonce", iso_time() + random_alnum(43)}});
}

bool simulator::token_valid(const sim_request& req, sim_response* err) {
  const std::string auth = req.header("authorization");
  if (!starts_with_ci(auth, "Bearer ")) {
    ++invalid_tokens_;
    *err = oauth_error(401, "invalid_token", "No permission for the requested operation");
    return false;
  }
  auto it = tokens_.find(auth.substr(7));
  if (it == tokens_.end() || it->second.expires <= clock::now()) {
    ++invalid_tokens_;
    *err = oauth_error(401, "invalid_token",
                       it == tokens_.end() ? "Token signature verification failed"
                                           : "Access Token not found in cache");
    return false;
  }
  return true;
}

}  // namespace processor_sim::paypal
