// The shared token bucket's Lua script (actors/shared_state.cpp) run by a real redis-server: the
// same arithmetic as token_bucket.hpp — burst, then one interval per call, refills with time,
// reservations only within max_wait, all buckets or none.

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "actors/shared_state.hpp"
#include "tests/support/redis_server.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

class SharedBucket : public ::testing::Test {
 protected:
  void SetUp() override {
    net::redis_options o;
    o.port = server_.port();
    o.command_timeout = 2s;
    redis_ = net::redis_client::create(io_, o);
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    redis_.reset();
    work_.reset();
    thread_.join();
  }

  actors::bucket_answer take(const std::vector<actors::shared_bucket>& b,
                             std::chrono::microseconds max_wait = 10s) {
    std::promise<net::redis_outcome> p;
    redis_->eval(actors::bucket_script(), actors::bucket_keys(b), actors::bucket_args(b, max_wait),
                 [&p](net::redis_outcome o) { p.set_value(std::move(o)); });
    auto o = p.get_future().get();
    EXPECT_TRUE(o) << o.message;
    auto a = actors::read_bucket_answer(o.reply);
    EXPECT_TRUE(a.has_value());
    return a.value_or(actors::bucket_answer{});
  }

  // Time passes between two commands (the machine may be busy): a wait may only be shorter.
  static void expect_wait(std::chrono::microseconds wait, long long expected_ms) {
    EXPECT_LE(wait.count(), expected_ms * 1000 + 1);
    EXPECT_GT(wait.count(), (expected_ms - 25) * 1000);
  }

  test_support::redis_server server_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      boost::asio::make_work_guard(io_)};
  std::shared_ptr<net::redis_client> redis_;
  std::thread thread_;
};

TEST_F(SharedBucket, BurstIsFreeThenCallsWaitOneIntervalEach) {
  std::vector<actors::shared_bucket> b{{"b1", 10, 3}};  // one token per 100 ms
  for (int i = 0; i < 3; ++i) {
    auto a = take(b);
    EXPECT_TRUE(a.reserved);
    EXPECT_EQ(a.wait.count(), 0);
  }
  auto fourth = take(b);
  EXPECT_TRUE(fourth.reserved);
  expect_wait(fourth.wait, 100);
  auto fifth = take(b);
  expect_wait(fifth.wait, 200);
}

TEST_F(SharedBucket, RefillsWithTimeUpToTheBurst) {
  std::vector<actors::shared_bucket> b{{"b2", 20, 2}};  // one token per 50 ms
  take(b);
  take(b);
  expect_wait(take(b).wait, 50);       // reserved: tokens now at -1
  std::this_thread::sleep_for(400ms);  // 8 tokens' worth, capped at the burst of 2
  EXPECT_EQ(take(b).wait.count(), 0);
  EXPECT_EQ(take(b).wait.count(), 0);
  expect_wait(take(b).wait, 50);
}

TEST_F(SharedBucket, AWaitBeyondMaxWaitReservesNothing) {
  std::vector<actors::shared_bucket> b{{"b3", 10, 1}};
  take(b);
  auto refused = take(b, 50ms);  // would wait ~100 ms
  EXPECT_FALSE(refused.reserved);
  expect_wait(refused.wait, 100);
  // Nothing was taken: the next caller that can wait gets the same token, not the one after.
  auto next = take(b);
  EXPECT_TRUE(next.reserved);
  expect_wait(next.wait, 100);
}

TEST_F(SharedBucket, TheLongestWaitBindsAndEveryBucketGivesItsToken) {
  std::vector<actors::shared_bucket> both{{"{c}conn", 100, 5}, {"{c}acct", 10, 1}};
  auto first = take(both);
  EXPECT_TRUE(first.reserved);
  EXPECT_EQ(first.wait.count(), 0);
  auto second = take(both);
  EXPECT_TRUE(second.reserved);
  EXPECT_EQ(second.binding, 1u);  // the account's 10/s
  expect_wait(second.wait, 100);
  // The connector bucket gave a token to each: 3 of its 5 are left.
  std::vector<actors::shared_bucket> conn{{"{c}conn", 100, 5}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(take(conn).wait.count(), 0) << i;
  EXPECT_GT(take(conn).wait.count(), 0);
  // A refused call takes from neither.
  auto refused = take(both, 1ms);
  EXPECT_FALSE(refused.reserved);
  EXPECT_EQ(refused.binding, 1u);
}

TEST_F(SharedBucket, AnIdleBucketExpiresOnceItWouldBeFull) {
  std::vector<actors::shared_bucket> b{{"b5", 10, 2}};
  take(b);
  auto ttl = std::stoll(server_.run("PTTL b5"));
  // (2 - 1 tokens) / 10 per s = 100 ms to be full again, plus a second's margin.
  EXPECT_GT(ttl, 1000);
  EXPECT_LE(ttl, 1100);
}

TEST(SharedBucketKeys, ShareOneHashTagPerConnectorAndCarryThePrefix) {
  actors::shared_state s{nullptr, "cs:"};
  EXPECT_EQ(actors::connector_bucket_key(s, "stripe"), "cs:rate:{stripe}");
  EXPECT_EQ(actors::account_bucket_key(s, "stripe", "acme_eu"), "cs:rate:{stripe}:account:acme_eu");
}

TEST(SharedBucketKeys, AnUnexpectedReplyIsNoAnswer) {
  net::redis_reply r;
  r.type = net::redis_reply::kind::array;
  r.elements.resize(2);
  EXPECT_FALSE(actors::read_bucket_answer(r).has_value());
  r.type = net::redis_reply::kind::string;
  EXPECT_FALSE(actors::read_bucket_answer(r).has_value());
}

}  // namespace
