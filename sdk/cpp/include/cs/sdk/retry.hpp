#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>

#include "cs/sdk/ids.hpp"
#include "cs/sdk/result.hpp"

namespace cs::sdk {

// When and how often to retry. Only errors whose ErrorInfo.metadata.retryable is "true" are
// retried; everything else is returned at once. The delay after attempt n is
// initial_backoff * multiplier^(n-1) (± jitter), capped at max_backoff, and never less than the
// server's RetryInfo.retry_delay.
struct retry_policy {
  int max_attempts = 3;
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
  double multiplier = 2.0;
  double jitter = 0.2;  // fraction of the delay, each way

  bool should_retry(const error& e, int attempt) const {
    return e.retryable && attempt < max_attempts;
  }
  std::chrono::milliseconds delay(const error& e, int attempt) const;
};

inline constexpr retry_policy no_retry{.max_attempts = 1};

using sleep_fn = std::function<void(std::chrono::milliseconds)>;
void default_sleep(std::chrono::milliseconds d);

// Runs call(key) until it succeeds, fails with a non-retryable error, or the policy's attempts
// are spent. The key (a new UUIDv4 unless given) is the same on every attempt, so the service
// and the processor see one operation:
//
//   auto p = with_retry([&](const std::string& key) {
//     return client.capture(req, {.idempotency_key = key});
//   });
template <class F>
auto with_retry(F&& call, const retry_policy& policy = {}, std::string idempotency_key = {},
                const sleep_fn& sleep = default_sleep) -> decltype(call(std::string{})) {
  if (idempotency_key.empty()) idempotency_key = new_idempotency_key();
  for (int attempt = 1;; ++attempt) {
    auto r = call(idempotency_key);
    if (r.ok()) return r;
    r.error().attempts = attempt;
    if (!policy.should_retry(r.error(), attempt)) return r;
    sleep(policy.delay(r.error(), attempt));
  }
}

}  // namespace cs::sdk
