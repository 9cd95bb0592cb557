#pragma once
// State the replicas share through Redis, when [redis] is configured: the rate limits' token
// buckets (one Lua script, atomic, on Redis's clock) and the webhook de-duplication marks. Each
// use falls back to the replica's own state when Redis fails or is slow — counted
// (connector_service_redis_fallbacks_total) and logged at most once per 10 s per use — so a
// Redis outage never loses or doubles a call; it only makes the limits per replica again.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/redis_client.hpp"

namespace cs::actors {

struct shared_state {
  std::shared_ptr<net::redis_client> redis;  // nullptr: every replica keeps its own state
  std::string prefix = "cs:";                // of every key, so several services share a Redis
  explicit operator bool() const noexcept { return redis != nullptr; }
};

// --- rate limits ---------------------------------------------------------------------------

// One bucket the script takes a token from: its key, rate and burst.
struct shared_bucket {
  std::string key;
  double per_second = 0;
  double burst = 1;
};

std::string connector_bucket_key(const shared_state& s, std::string_view connector);
std::string account_bucket_key(const shared_state& s, std::string_view connector,
                               std::string_view account);

// The token-bucket script: refills each bucket by the time elapsed on Redis's clock (TIME, not
// the replica's), then reserves one token in every bucket when the longest wait is at most
// `max_wait`, or in none. Answers {reserved 0|1, wait µs, 1-based index of the binding bucket}.
const net::redis_script& bucket_script();
std::vector<std::string> bucket_keys(const std::vector<shared_bucket>& buckets);
std::vector<std::string> bucket_args(const std::vector<shared_bucket>& buckets,
                                     std::chrono::microseconds max_wait);

// Gives back one token to each bucket (capped at its burst): a reservation the caller will not
// use (this replica's wait queue filled while Redis answered). Args as bucket_args' tail.
const net::redis_script& bucket_cancel_script();
std::vector<std::string> bucket_cancel_args(const std::vector<shared_bucket>& buckets);

struct bucket_answer {
  bool reserved = false;
  std::chrono::microseconds wait{0};
  std::size_t binding = 0;  // index into the buckets asked
};
std::optional<bucket_answer> read_bucket_answer(const net::redis_reply& r);

// --- fallbacks ------------------------------------------------------------------------------

// Counts a fallback to local state for `use` ("rate_limit", "webhook_dedupe", "charge_marker")
// because of `why`
// (a net::redis_failure's name, or "bad_reply") and logs one
// warning line per use at most every 10 s (with how many fallbacks it stands for).
void note_fallback(std::string_view use, std::string_view why, std::string_view message);

}  // namespace cs::actors
