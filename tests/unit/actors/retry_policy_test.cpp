// Which failures are retried: only those where a second attempt cannot charge twice.

#include "actors/retry_policy.hpp"

#include <gtest/gtest.h>

using namespace cs;
using namespace std::chrono_literals;

namespace {

domain::http_request post(std::string key = {}) {
  domain::http_request r;
  r.method = domain::http_method::post;
  r.idempotency_key = std::move(key);
  return r;
}

domain::result<domain::http_response> status(int code,
                                             std::vector<domain::http_header> headers = {}) {
  domain::http_response r;
  r.status = code;
  r.headers = std::move(headers);
  return r;
}

domain::result<domain::http_response> failure(const char* reason, bool retryable = true) {
  auto e = domain::make_error(domain::error_code::unavailable, reason, "x");
  e.retryable = retryable;
  return e;
}

}  // namespace

TEST(RetryPolicy, ConnectFailureIsRetriedEvenWithoutAKeyBecauseNothingWasSent) {
  auto v = actors::classify(post(), failure(domain::reason::processor_unreachable));
  EXPECT_TRUE(v.retry);
  EXPECT_EQ(v.reason, "connect_failed");
}

TEST(RetryPolicy, TlsFailureIsNotRetried) {
  EXPECT_FALSE(
      actors::classify(post("k"), failure(domain::reason::processor_unreachable, false)).retry);
}

TEST(RetryPolicy, LostResponseIsRetriedOnlyWithAnIdempotencyKey) {
  EXPECT_FALSE(actors::classify(post(), failure(domain::reason::outcome_unknown)).retry);
  EXPECT_EQ(actors::classify(post(), failure(domain::reason::outcome_unknown)).reason,
            "not_idempotent");
  EXPECT_TRUE(actors::classify(post("key-1"), failure(domain::reason::outcome_unknown)).retry);
  auto get = post();
  get.method = domain::http_method::get;
  EXPECT_TRUE(actors::classify(get, failure(domain::reason::outcome_unknown)).retry);
}

TEST(RetryPolicy, ServerErrorsNeedAKey) {
  for (int code : {500, 502, 503, 504}) {
    EXPECT_FALSE(actors::classify(post(), status(code)).retry) << code;
    auto v = actors::classify(post("k"), status(code));
    EXPECT_TRUE(v.retry) << code;
    EXPECT_EQ(v.reason, "status_5xx");
  }
}

TEST(RetryPolicy, RateLimitIsRetriedWithoutAKeyAndHonoursRetryAfter) {
  auto v = actors::classify(post(), status(429, {{"Retry-After", "2"}}));
  EXPECT_TRUE(v.retry);
  EXPECT_EQ(v.reason, "rate_limited");
  ASSERT_TRUE(v.server_delay.has_value());
  EXPECT_EQ(*v.server_delay, 2000ms);
}

TEST(RetryPolicy, DeclinesAndValidationErrorsAreNeverRetried) {
  for (int code : {200, 201, 400, 401, 402, 403, 404, 422}) {
    EXPECT_FALSE(actors::classify(post("k"), status(code)).retry) << code;
  }
}

TEST(RetryPolicy, ConflictIsRetriedOnlyWhenTheProcessorSaysItIsTransient) {
  EXPECT_FALSE(actors::classify(post("k"), status(409)).retry);
  EXPECT_TRUE(actors::classify(post("k"), status(409, {{"Transient-Error", "true"}})).retry);
  EXPECT_TRUE(actors::classify(post("k"), status(409, {{"stripe-should-retry", "true"}})).retry);
  EXPECT_FALSE(actors::classify(post(), status(409, {{"Transient-Error", "true"}})).retry);
  // Adyen's 422 704 for a key still in progress carries the hint too.
  auto v = actors::classify(post("k"), status(422, {{"Transient-Error", "true"}}));
  EXPECT_TRUE(v.retry);
  EXPECT_EQ(v.reason, "processor_hint");
}

TEST(RetryPolicy, ProcessorSayingNoWins) {
  auto v = actors::classify(post("k"), status(503, {{"Stripe-Should-Retry", "false"}}));
  EXPECT_FALSE(v.retry);
  EXPECT_EQ(v.reason, "processor_says_no");
  EXPECT_FALSE(actors::classify(post(), status(429, {{"Stripe-Should-Retry", "false"}})).retry);
}

TEST(RetryPolicy, RetryAfterParsesSecondsOnly) {
  EXPECT_EQ(actors::parse_retry_after("0"), 0ms);
  EXPECT_EQ(actors::parse_retry_after(" 3 "), 3000ms);
  EXPECT_FALSE(actors::parse_retry_after("").has_value());
  EXPECT_FALSE(actors::parse_retry_after("-1").has_value());
  EXPECT_FALSE(actors::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
}

TEST(RetryPolicy, BackoffGrowsExponentiallyUnderItsCapWithJitter) {
  actors::retry_config cfg;
  cfg.backoff = 100ms;
  cfg.backoff_max = 1000ms;
  std::mt19937_64 rng(7);
  std::chrono::milliseconds max_seen[5]{};
  for (int i = 0; i < 2000; ++i)
    for (int n = 1; n <= 5; ++n) {
      auto d = actors::backoff_delay(cfg, n, rng);
      EXPECT_GE(d.count(), 0);
      max_seen[n - 1] = std::max(max_seen[n - 1], d);
    }
  // Full jitter: the ceilings are 100, 200, 400, 800, then the 1000 cap.
  EXPECT_LE(max_seen[0], 100ms);
  EXPECT_GT(max_seen[0], 80ms);
  EXPECT_LE(max_seen[1], 200ms);
  EXPECT_GT(max_seen[1], 160ms);
  EXPECT_LE(max_seen[4], 1000ms);
  EXPECT_GT(max_seen[4], 800ms);
}

TEST(RetryPolicy, BudgetLimitsRetriesToAShareOfFirstAttempts) {
  actors::retry_config cfg;
  cfg.budget_percent = 10;
  cfg.budget_min_per_s = 0;
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  actors::retry_budget b(cfg, t0);
  // The starting balance (cap) is 10 tokens: 100 first attempts' worth.
  int spent = 0;
  while (b.try_spend(t0)) ++spent;
  EXPECT_EQ(spent, 10);
  for (int i = 0; i < 100; ++i) b.on_first_attempt(t0);
  spent = 0;
  while (b.try_spend(t0)) ++spent;
  EXPECT_EQ(spent, 10);  // 100 calls × 10 %
}

TEST(RetryPolicy, BudgetRefillsWithTheClockAtItsMinimumRate) {
  actors::retry_config cfg;
  cfg.budget_percent = 0;
  cfg.budget_min_per_s = 2;
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  actors::retry_budget b(cfg, t0);
  while (b.try_spend(t0)) {
  }
  EXPECT_FALSE(b.try_spend(t0 + 400ms));
  EXPECT_TRUE(b.try_spend(t0 + 600ms));
  EXPECT_FALSE(b.try_spend(t0 + 700ms));
}
