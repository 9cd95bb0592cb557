// net::redis_client against a real redis-server on a loopback port (tests/support).
#include "net/redis_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "tests/support/redis_server.hpp"

namespace cs::net {
namespace {

using namespace std::chrono_literals;

class RedisClient : public ::testing::Test {
 protected:
  void SetUp() override {
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    clients_.clear();
    work_.reset();
    thread_.join();
  }

  std::shared_ptr<redis_client> client(redis_options o = {}) {
    o.host = "127.0.0.1";
    if (o.port == 6379) o.port = server_.port();
    auto c = redis_client::create(io_, o);
    clients_.push_back(c);
    return c;
  }

  static redis_outcome run(redis_client& c, std::vector<std::string> args) {
    std::promise<redis_outcome> p;
    auto f = p.get_future();
    c.command(std::move(args), [&p](redis_outcome o) { p.set_value(std::move(o)); });
    return f.get();
  }

  test_support::redis_server server_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      boost::asio::make_work_guard(io_)};
  std::thread thread_;
  std::vector<std::shared_ptr<redis_client>> clients_;
};

TEST_F(RedisClient, RunsCommandsAndCopiesEveryKindOfReply) {
  auto c = client();
  auto set = run(*c, {"SET", "k", "v\r\nwith bytes"});
  ASSERT_TRUE(set) << set.message;
  EXPECT_EQ(set.reply.type, redis_reply::kind::status);
  EXPECT_EQ(set.reply.text, "OK");
  auto get = run(*c, {"GET", "k"});
  ASSERT_TRUE(get);
  EXPECT_EQ(get.reply.type, redis_reply::kind::string);
  EXPECT_EQ(get.reply.text, "v\r\nwith bytes");
  EXPECT_EQ(run(*c, {"GET", "absent"}).reply.type, redis_reply::kind::nil);
  auto n = run(*c, {"RPUSH", "l", "a", "b"});
  EXPECT_EQ(n.reply.type, redis_reply::kind::integer);
  EXPECT_EQ(n.reply.integer, 2);
  auto l = run(*c, {"LRANGE", "l", "0", "-1"});
  ASSERT_EQ(l.reply.type, redis_reply::kind::array);
  ASSERT_EQ(l.reply.elements.size(), 2u);
  EXPECT_EQ(l.reply.elements[1].text, "b");
  auto err = run(*c, {"INCR", "k"});
  ASSERT_FALSE(err);
  EXPECT_EQ(err.failure, redis_failure::error_reply);
  EXPECT_NE(err.message.find("ERR"), std::string::npos);
  EXPECT_TRUE(run(*c, {"PING"})) << "an error reply leaves the connection usable";
}

TEST_F(RedisClient, PipelinedRepliesComeBackInOrder) {
  auto c = client();
  constexpr int n = 2000;
  std::vector<long long> got(n, -1);
  std::promise<void> all;
  std::atomic<int> left{n};
  for (int i = 0; i < n; ++i)
    c->command({"INCR", "counter"}, [&, i](redis_outcome o) {
      got[i] = o ? o.reply.integer : -2;
      if (--left == 0) all.set_value();
    });
  all.get_future().get();
  for (int i = 0; i < n; ++i) ASSERT_EQ(got[i], i + 1) << "reply " << i;
}

TEST_F(RedisClient, EvalLoadsTheScriptWhenTheServerDoesNotHaveIt) {
  auto c = client();
  auto script = redis_script::make("return {KEYS[1], ARGV[1]}");
  ASSERT_EQ(server_.run("SCRIPT FLUSH"), "OK");
  for (int round = 0; round < 2; ++round) {  // EVAL after NOSCRIPT, then EVALSHA finds it
    std::promise<redis_outcome> p;
    c->eval(script, {"key"}, {"arg"}, [&p](redis_outcome o) { p.set_value(std::move(o)); });
    auto o = p.get_future().get();
    ASSERT_TRUE(o) << o.message;
    ASSERT_EQ(o.reply.elements.size(), 2u);
    EXPECT_EQ(o.reply.elements[0].text, "key");
    EXPECT_EQ(o.reply.elements[1].text, "arg");
  }
  auto exists = run(*c, {"SCRIPT", "EXISTS", script.sha1});
  ASSERT_EQ(exists.reply.elements.size(), 1u);
  EXPECT_EQ(exists.reply.elements[0].integer, 1);
}

TEST_F(RedisClient, NoServerFailsFastAndBacksOff) {
  server_.stop();
  redis_options o;
  o.reconnect_min = 300ms;
  auto c = client(o);
  auto t0 = std::chrono::steady_clock::now();
  auto first = run(*c, {"PING"});
  ASSERT_FALSE(first);
  EXPECT_EQ(first.failure, redis_failure::unreachable);
  // Within the backoff the next command fails without trying to connect.
  auto second = run(*c, {"PING"});
  EXPECT_EQ(second.failure, redis_failure::unreachable);
  EXPECT_NE(second.message.find("next reconnect"), std::string::npos) << second.message;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 250ms);
  server_.start();
  std::this_thread::sleep_for(350ms);
  auto back = run(*c, {"PING"});
  EXPECT_TRUE(back) << back.message;
}

TEST_F(RedisClient, AServerThatStopsAnsweringTimesOutThenRecovers) {
  redis_options o;
  o.command_timeout = 100ms;
  o.connect_timeout = 100ms;
  o.reconnect_min = 50ms;
  auto c = client(o);
  ASSERT_TRUE(run(*c, {"PING"}));
  server_.pause();
  auto t0 = std::chrono::steady_clock::now();
  auto hung = run(*c, {"PING"});
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(hung.failure, redis_failure::timeout) << hung.message;
  EXPECT_GE(took, 90ms);
  EXPECT_LT(took, 1s);
  server_.resume();
  std::this_thread::sleep_for(100ms);
  auto back = run(*c, {"PING"});
  EXPECT_TRUE(back) << back.message;
}

TEST_F(RedisClient, ALostConnectionFailsWhatIsPendingAndReconnects) {
  redis_options o;
  o.reconnect_min = 20ms;
  auto c = client(o);
  ASSERT_TRUE(run(*c, {"SET", "x", "1"}));
  server_.stop();
  auto lost = run(*c, {"GET", "x"});
  EXPECT_EQ(lost.failure, redis_failure::unreachable) << lost.message;
  server_.start();
  std::this_thread::sleep_for(100ms);
  redis_outcome back{{}, redis_failure::unreachable, "not tried"};
  for (int i = 0; i < 20 && !back; ++i) {  // the backoff may have grown during the restart
    back = run(*c, {"PING"});
    if (!back) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(back) << back.message;
}

TEST_F(RedisClient, StopFailsLaterCommandsAtOnce) {
  auto c = client();
  ASSERT_TRUE(run(*c, {"PING"}));
  c->stop();
  auto o = run(*c, {"PING"});
  EXPECT_EQ(o.failure, redis_failure::unreachable);
}

}  // namespace
}  // namespace cs::net

namespace cs::net {
namespace {

// A server with a password: the client sends AUTH first on each connection; a wrong password
// fails the connection (and what waited on it), never a command with NOAUTH.
TEST(RedisClientAuth, AuthenticatesEachConnectionAndRefusesAWrongPassword) {
  test_support::redis_server server({"--requirepass", "s3cret-pw"});
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::thread t([&io] { io.run(); });
  auto run = [](redis_client& c, std::vector<std::string> args) {
    std::promise<redis_outcome> p;
    c.command(std::move(args), [&p](redis_outcome o) { p.set_value(std::move(o)); });
    return p.get_future().get();
  };
  {
    redis_options o;
    o.port = server.port();
    o.password = "s3cret-pw";
    auto good = redis_client::create(io, o);
    auto r = run(*good, {"SET", "a", "1"});
    EXPECT_TRUE(r) << r.message;
    o.password = "wrong";
    auto bad = redis_client::create(io, o);
    auto refused = run(*bad, {"GET", "a"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.failure, redis_failure::unreachable);
    EXPECT_NE(refused.message.find("AUTH refused"), std::string::npos) << refused.message;
    EXPECT_EQ(refused.message.find("wrong"), std::string::npos) << "the password is never shown";
  }
  work.reset();
  t.join();
}

}  // namespace
}  // namespace cs::net
