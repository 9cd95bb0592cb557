#pragma once
// Values fetched from a processor by key — a pool's access tokens, the webhook actor's signing
// certificates: each kept until shortly before it expires, fetched once while everyone who asks
// meanwhile waits for the same answer. Pure state, driven by the actors (connector_pool.cpp,
// webhook.cpp), so the rules are unit-tested without actors or sockets.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cs::actors {

template <class Waiter>
class fetch_cache {
 public:
  using clock = std::chrono::steady_clock;

  // A token still worth using at `now`.
  std::optional<std::string> fresh(const std::string& key, clock::time_point now) const {
    auto it = tokens_.find(key);
    if (it == tokens_.end() || now >= it->second.renew_at) return std::nullopt;
    return it->second.value;
  }

  // Kept until `margin` before its lifetime ends: a minute, or a tenth of a short lifetime, so a
  // call that takes it never arrives with an expired token.
  void store(const std::string& key, std::string value, std::chrono::seconds lifetime,
             clock::time_point now) {
    clock::duration life = lifetime;  // in clock ticks before dividing: 1 s / 10 is not 0
    auto margin = std::min<clock::duration>(std::chrono::seconds(60), life / 10);
    tokens_[key] = entry{std::move(value), now + life - margin};
  }

  // The processor refused `value`: forget it, unless the key already holds a newer token.
  void refuse(const std::string& key, const std::string& value) {
    auto it = tokens_.find(key);
    if (it != tokens_.end() && it->second.value == value) tokens_.erase(it);
  }

  // Adds a waiter; true when it is the first, so the caller starts the one fetch.
  bool wait(const std::string& key, Waiter w) {
    auto& list = waiting_[key];
    list.push_back(std::move(w));
    return list.size() == 1;
  }

  // Everyone waiting for the key's fetch, which has ended.
  std::vector<Waiter> take_waiters(const std::string& key) {
    auto it = waiting_.find(key);
    if (it == waiting_.end()) return {};
    auto out = std::move(it->second);
    waiting_.erase(it);
    return out;
  }

 private:
  struct entry {
    std::string value;
    clock::time_point renew_at;
  };
  std::map<std::string, entry> tokens_;
  std::map<std::string, std::vector<Waiter>> waiting_;
};

}  // namespace cs::actors
