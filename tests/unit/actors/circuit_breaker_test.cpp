// Opens on the failure rate of the window, fails fast while open, half-opens with probes.

#include "actors/circuit_breaker.hpp"

#include <gtest/gtest.h>

using namespace cs;
using namespace std::chrono_literals;
using state = actors::circuit_breaker::state;

namespace {
const auto t0 = std::chrono::steady_clock::time_point{} + 1h;

actors::breaker_config config() {
  actors::breaker_config c;
  c.failure_percent = 50;
  c.min_calls = 4;
  c.window = 1000ms;
  c.open_for = 500ms;
  c.probes = 2;
  return c;
}
}  // namespace

TEST(CircuitBreaker, StaysClosedBelowTheMinimumNumberOfCalls) {
  actors::circuit_breaker b(config());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(b.allow(t0));
    b.record(false, t0);
  }
  EXPECT_EQ(b.current(t0), state::closed);
}

TEST(CircuitBreaker, OpensAtTheFailureRateAndRefusesUntilTheCoolDownEnds) {
  actors::circuit_breaker b(config());
  b.record(true, t0);
  b.record(true, t0);
  b.record(false, t0);
  EXPECT_EQ(b.current(t0), state::closed);
  b.record(false, t0);  // 2 of 4 = 50 %
  EXPECT_EQ(b.current(t0), state::open);
  EXPECT_FALSE(b.allow(t0 + 100ms));
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.open_remaining(t0 + 100ms)),
            400ms);
}

TEST(CircuitBreaker, OldFailuresLeaveTheWindow) {
  actors::circuit_breaker b(config());
  b.record(false, t0);
  b.record(false, t0);
  b.record(false, t0);
  b.record(true, t0 + 1500ms);
  b.record(false, t0 + 1500ms);  // only 1 of 2 in the window: below min_calls
  EXPECT_EQ(b.current(t0 + 1500ms), state::closed);
}

TEST(CircuitBreaker, HalfOpenLetsProbesThroughAndClosesWhenTheyAllSucceed) {
  actors::circuit_breaker b(config());
  for (int i = 0; i < 4; ++i) b.record(false, t0);
  auto later = t0 + 600ms;
  EXPECT_EQ(b.current(later), state::half_open);
  EXPECT_TRUE(b.allow(later));
  EXPECT_TRUE(b.allow(later));
  EXPECT_FALSE(b.allow(later));  // only two probes
  b.record(true, later);
  EXPECT_EQ(b.current(later), state::half_open);
  b.record(true, later);
  EXPECT_EQ(b.current(later), state::closed);
  EXPECT_TRUE(b.allow(later));
}

TEST(CircuitBreaker, AProbeThatWasNeverSentFreesItsPlace) {
  auto cfg = config();
  cfg.probes = 1;
  actors::circuit_breaker b(cfg);
  for (int i = 0; i < 4; ++i) b.record(false, t0);
  auto later = t0 + 600ms;
  ASSERT_TRUE(b.allow(later));
  EXPECT_FALSE(b.allow(later));
  b.record_not_sent(later);
  EXPECT_EQ(b.current(later), state::half_open);
  EXPECT_TRUE(b.allow(later));  // another probe may go
}

TEST(CircuitBreaker, LocalWaitsAreNoVerdictWhileClosed) {
  actors::circuit_breaker b(config());
  for (int i = 0; i < 10; ++i) b.record_not_sent(t0);
  EXPECT_EQ(b.current(t0), state::closed);
}

TEST(CircuitBreaker, AFailedProbeOpensAgain) {
  actors::circuit_breaker b(config());
  for (int i = 0; i < 4; ++i) b.record(false, t0);
  auto later = t0 + 600ms;
  ASSERT_TRUE(b.allow(later));
  b.record(false, later);
  EXPECT_EQ(b.current(later), state::open);
  EXPECT_FALSE(b.allow(later + 100ms));
  EXPECT_EQ(b.current(later + 500ms), state::half_open);
}
