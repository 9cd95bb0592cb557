// The pool's access-token rules: kept until shortly before they expire, one fetch for everyone
// who asks meanwhile, a refused token forgotten unless already replaced.
#include "actors/fetch_cache.hpp"

#include <gtest/gtest.h>

namespace {

using cs::actors::fetch_cache;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

TEST(FetchCache, FreshUntilAMinuteBeforeItExpires) {
  fetch_cache<int> c;
  auto t0 = clock_type::now();
  EXPECT_FALSE(c.fresh("k", t0));
  c.store("k", "tok-1", 32400s, t0);  // PayPal's nine hours
  EXPECT_EQ(c.fresh("k", t0 + 32339s), "tok-1");
  EXPECT_FALSE(c.fresh("k", t0 + 32340s));
  EXPECT_FALSE(c.fresh("other", t0));
}

TEST(FetchCache, ShortLifetimesKeepATenthInReserve) {
  fetch_cache<int> c;
  auto t0 = clock_type::now();
  c.store("k", "tok-1", 10s, t0);
  EXPECT_EQ(c.fresh("k", t0 + 8999ms), "tok-1");
  EXPECT_FALSE(c.fresh("k", t0 + 9s));
  c.store("k", "tok-2", 1s, t0);  // a tenth of a second, not nothing
  EXPECT_EQ(c.fresh("k", t0 + 899ms), "tok-2");
  EXPECT_FALSE(c.fresh("k", t0 + 900ms));
}

TEST(FetchCache, RefusedTokenIsForgottenUnlessAlreadyReplaced) {
  fetch_cache<int> c;
  auto t0 = clock_type::now();
  c.store("k", "tok-2", 3600s, t0);
  c.refuse("k", "tok-1");  // an older token: another flow already fetched tok-2
  EXPECT_EQ(c.fresh("k", t0), "tok-2");
  c.refuse("k", "tok-2");
  EXPECT_FALSE(c.fresh("k", t0));
}

TEST(FetchCache, OneFetchForEveryoneWhoAsksMeanwhile) {
  fetch_cache<int> c;
  EXPECT_TRUE(c.wait("k", 1));   // the first starts the fetch
  EXPECT_FALSE(c.wait("k", 2));  // the others wait for it
  EXPECT_FALSE(c.wait("k", 3));
  EXPECT_TRUE(c.wait("j", 4));  // another key has its own fetch
  EXPECT_EQ(c.take_waiters("k"), (std::vector<int>{1, 2, 3}));
  EXPECT_TRUE(c.take_waiters("k").empty());
  EXPECT_TRUE(c.wait("k", 5));  // after the answer, the next ask fetches again if needed
}

}  // namespace
