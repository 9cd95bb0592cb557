#pragma once
// Credentials for one call, from gRPC metadata or a configured merchant account. Keys are the
// connector's own names ("api_key", "merchant_account", "webhook_hmac_key", …).

#include <map>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/secret.hpp"

namespace cs::domain {

class credentials {
 public:
  void set(std::string key, std::string value) {
    values_.insert_or_assign(std::move(key), secret<std::string>(std::move(value)));
  }
  const secret<std::string>* find(std::string_view key) const noexcept {
    auto i = values_.find(key);
    return i == values_.end() || i->second.empty() ? nullptr : &i->second;
  }
  // The credential, or an unauthenticated error that names the key (never a value).
  result<std::string_view> require(std::string_view connector, std::string_view key) const;
  bool empty() const noexcept { return values_.empty(); }

 private:
  std::map<std::string, secret<std::string>, std::less<>> values_;
};

}  // namespace cs::domain
