// Reservations: waits are exact and served in order; a rejected caller gives its token back.

#include "actors/token_bucket.hpp"

#include <gtest/gtest.h>

using namespace cs;
using namespace std::chrono_literals;

namespace {
const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
long long ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}
}  // namespace

TEST(TokenBucket, BurstIsFreeThenCallsWaitOneIntervalEach) {
  actors::token_bucket b(10, 3, t0);  // 10/s: one token per 100 ms
  EXPECT_EQ(ms(b.reserve(t0)), 0);
  EXPECT_EQ(ms(b.reserve(t0)), 0);
  EXPECT_EQ(ms(b.reserve(t0)), 0);
  EXPECT_EQ(ms(b.reserve(t0)), 100);
  EXPECT_EQ(ms(b.reserve(t0)), 200);
  EXPECT_EQ(ms(b.wait_for_next(t0)), 300);
}

TEST(TokenBucket, RefillsWithTimeUpToTheBurst) {
  actors::token_bucket b(10, 2, t0);
  b.reserve(t0);
  b.reserve(t0);
  EXPECT_EQ(ms(b.wait_for_next(t0 + 50ms)), 50);
  EXPECT_EQ(ms(b.wait_for_next(t0 + 100ms)), 0);
  // A long idle period does not bank more than the burst.
  EXPECT_EQ(ms(b.reserve(t0 + 10s)), 0);
  EXPECT_EQ(ms(b.reserve(t0 + 10s)), 0);
  EXPECT_EQ(ms(b.reserve(t0 + 10s)), 100);
}

TEST(TokenBucket, CancelledReservationShortensTheNextWait) {
  actors::token_bucket b(10, 1, t0);
  b.reserve(t0);
  EXPECT_EQ(ms(b.reserve(t0)), 100);
  b.cancel();
  EXPECT_EQ(ms(b.wait_for_next(t0)), 100);
}
