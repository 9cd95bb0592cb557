// The receiver's memory of relayed event ids: a window, a capacity, keys per connector and
// account.
#include <gtest/gtest.h>

#include "actors/recent_events.hpp"

using cs::actors::recent_events;
using namespace std::chrono_literals;

TEST(RecentEvents, SeenWithinTheWindowForgottenAfter) {
  recent_events r(100, std::chrono::seconds(86400));
  auto t0 = recent_events::clock::now();
  auto k = recent_events::key("razorpay", "acct", "evt_1");
  EXPECT_FALSE(r.seen(k, t0));
  r.record(k, t0);
  EXPECT_TRUE(r.seen(k, t0 + 23h));
  EXPECT_FALSE(r.seen(k, t0 + 25h));
  EXPECT_EQ(r.size(), 0u);  // expired entries leave memory
}

TEST(RecentEvents, KeysAreScopedByConnectorAndAccount) {
  recent_events r(100, std::chrono::seconds(86400));
  auto now = recent_events::clock::now();
  r.record(recent_events::key("stripe", "a", "evt_1"), now);
  EXPECT_TRUE(r.seen(recent_events::key("stripe", "a", "evt_1"), now));
  EXPECT_FALSE(r.seen(recent_events::key("stripe", "b", "evt_1"), now));
  EXPECT_FALSE(r.seen(recent_events::key("adyen", "a", "evt_1"), now));
  // No separator games: ("a\\nb", "c") is not ("a", "b\\nc") — ids never hold a newline anyway.
  EXPECT_NE(recent_events::key("stripe", "a", "b"), recent_events::key("stripe", "", "a\nb"));
}

TEST(RecentEvents, CapacityBoundsMemoryOldestFirst) {
  recent_events r(3, std::chrono::seconds(86400));
  auto now = recent_events::clock::now();
  for (int i = 0; i < 5; ++i) r.record("k" + std::to_string(i), now + std::chrono::seconds(i));
  EXPECT_EQ(r.size(), 3u);
  EXPECT_FALSE(r.seen("k0", now + 5s));
  EXPECT_FALSE(r.seen("k1", now + 5s));
  EXPECT_TRUE(r.seen("k4", now + 5s));
  // Recording a key again keeps it as young as its latest record.
  r.record("k2", now + 6s);
  r.record("k5", now + 7s);
  r.record("k6", now + 8s);
  EXPECT_TRUE(r.seen("k2", now + 9s));
}
