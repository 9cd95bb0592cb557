#pragma once
// When a failed processor call may be sent again without charging twice, how long to wait
// first, and how many retries the connector can afford. Pure: time and randomness come in.

#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::actors {

struct retry_config {
  int max_attempts = 3;  // 1 = never retry
  std::chrono::milliseconds backoff{100};
  std::chrono::milliseconds backoff_max{2000};
  double budget_percent = 20;   // retries earned per 100 first attempts
  double budget_min_per_s = 5;  // retries always allowed per second, even when idle
};

struct retry_verdict {
  bool retry = false;
  // Bounded label for metrics and logs: connect_failed, outcome_unknown, status_5xx,
  // status_409, processor_hint, rate_limited — or why not: success, declined_or_invalid,
  // not_idempotent, processor_says_no, tls_failed, other.
  std::string reason;
  std::optional<std::chrono::milliseconds> server_delay;  // Retry-After
};

// A retry is safe only when it cannot charge twice: nothing was sent (connect failed), the
// processor said it did nothing (429), or the call carries the processor's idempotency key (or
// is a GET/DELETE) so that a replay is answered from the processor's record. Processor hints
// (Stripe-Should-Retry, Adyen Transient-Error) override the status-based judgement; a 409 or
// another 4xx is retried only when a hint says it is transient.
retry_verdict classify(const domain::http_request& req,
                       const domain::result<domain::http_response>& out);

// Retry-After in seconds (an HTTP date is treated as absent).
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

// Full-jitter exponential backoff for the retry that follows `failed_attempts` attempts.
std::chrono::milliseconds backoff_delay(const retry_config& cfg, int failed_attempts,
                                        std::mt19937_64& rng);

// Token budget shared by all calls of one connector, so that retries cannot multiply the load
// on a processor that is already failing: every first attempt earns budget_percent/100 of a
// retry, the clock earns budget_min_per_s, and the balance is capped.
class retry_budget {
 public:
  using clock = std::chrono::steady_clock;
  explicit retry_budget(const retry_config& cfg, clock::time_point now = clock::now());
  void on_first_attempt(clock::time_point now);
  // Spends one retry if the budget has it.
  bool try_spend(clock::time_point now);
  double balance(clock::time_point now);

 private:
  void refill(clock::time_point now);
  double per_attempt_, per_second_, cap_, tokens_;
  clock::time_point last_;
};

}  // namespace cs::actors
