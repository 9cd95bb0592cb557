// The connector pool's resilience against a scripted HTTP peer: retries only where they cannot
// charge twice, Retry-After, the circuit breaker, rate limits and the in-flight bound.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include <caf/all.hpp>

#include "actors/messages.hpp"
#include "actors/runtime.hpp"
#include "connectors/registry.hpp"
#include "net/http_server.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

struct scripted {
  int status = 200;
  std::vector<domain::http_header> headers;
  std::chrono::milliseconds delay{0};
};

class PoolResilience : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = net::http_server::start(
        io_, "127.0.0.1:0", "p", [this](net::server_request r, net::responder done) {
          scripted s;
          {
            std::lock_guard lock(mu_);
            keys_.push_back(std::string(r.header("Idempotency-Key")));
            arrivals_.push_back(std::chrono::steady_clock::now());
            if (!script_.empty()) {
              s = script_.front();
              script_.pop_front();
            } else {
              s = fallback_;
            }
          }
          std::lock_guard lock(mu_);
          responders_.emplace_back([done, s] {
            std::this_thread::sleep_for(s.delay);
            done({s.status, "application/json", "{}", s.headers});
          });
        });
    ASSERT_TRUE(server.ok());
    server_ = std::move(server.value());
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    for (auto& t : responders_) t.join();
    if (rt_) rt_->shutdown();
    server_->stop();
    io_.stop();
    thread_.join();
  }

  actors::pool_config& cfg() { return settings_.pool; }

  void start() {
    actors::runtime_config rc;
    rc.known = connectors::builtin();
    settings_.pool.connector = "stripe";
    settings_.pool.workers = 2;
    settings_.pool.base_urls.emplace(
        "default", *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", server_->port()), "b"));
    settings_.pool.client.connect_timeout = 500ms;
    rc.connectors.emplace("stripe", settings_);
    auto rt = actors::runtime::start(std::move(rc));
    ASSERT_TRUE(rt.ok());
    rt_ = std::move(rt.value());
  }

  std::future<actors::pool_reply> send(std::string key = "idem-1",
                                       std::chrono::milliseconds deadline = 5s,
                                       std::string account = {}) {
    auto p = std::make_shared<std::promise<actors::pool_reply>>();
    auto f = p->get_future();
    actors::outbound o;
    o.request.target = "/v1/payment_intents";
    o.request.body = "amount=100";
    o.request.idempotency_key = key;
    if (!key.empty()) o.request.headers.push_back({"Idempotency-Key", key, false});
    o.timeout = attempt_timeout_;
    o.deadline = std::chrono::steady_clock::now() + deadline;
    o.account = std::move(account);
    o.flow = "authorize";
    o.request_id = "req-1";
    auto pool = rt_->connector("stripe")->pool;
    rt_->system().spawn([pool, o = std::move(o), p](caf::event_based_actor* self) mutable {
      self->request(pool, caf::infinite, actors::send_atom::value, std::move(o))
          .then([p](actors::pool_reply& r) { p->set_value(std::move(r)); },
                [p](caf::error&) {
                  p->set_value({domain::make_error(domain::error_code::internal, "", "lost"), 0});
                });
    });
    return f;
  }

  actors::pool_reply call(std::string key = "idem-1", std::chrono::milliseconds deadline = 5s,
                          std::string account = {}) {
    auto f = send(std::move(key), deadline, std::move(account));
    EXPECT_EQ(f.wait_for(15s), std::future_status::ready);
    return f.get();
  }

  std::size_t requests() {
    std::lock_guard lock(mu_);
    return keys_.size();
  }

  void script(std::initializer_list<scripted> s) {
    std::lock_guard lock(mu_);
    script_.insert(script_.end(), s);
  }

  actors::connector_settings settings_;
  boost::asio::io_context io_;
  std::unique_ptr<net::http_server> server_;
  std::unique_ptr<actors::runtime> rt_;
  std::thread thread_;
  std::mutex mu_;
  std::deque<scripted> script_;
  scripted fallback_;
  std::chrono::milliseconds attempt_timeout_{2000};
  std::vector<std::string> keys_;
  std::vector<std::chrono::steady_clock::time_point> arrivals_;
  std::vector<std::thread> responders_;
};

}  // namespace

TEST_F(PoolResilience, ServerErrorWithAKeyIsRetriedWithTheSameKey) {
  cfg().retry.backoff = 10ms;
  start();
  script({{503}, {500}});
  auto r = call("idem-7");
  ASSERT_TRUE(r.outcome.ok()) << r.outcome.err().message;
  EXPECT_EQ(r.outcome->status, 200);
  EXPECT_EQ(r.attempts, 3);
  std::lock_guard lock(mu_);
  EXPECT_EQ(keys_, (std::vector<std::string>{"idem-7", "idem-7", "idem-7"}));
}

TEST_F(PoolResilience, ServerErrorWithoutAKeyIsNotRetried) {
  start();
  script({{500}});
  auto r = call("");
  ASSERT_TRUE(r.outcome.ok());
  EXPECT_EQ(r.outcome->status, 500);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(requests(), 1u);
}

TEST_F(PoolResilience, AttemptsStopAtMaxAttempts) {
  cfg().retry.backoff = 1ms;
  cfg().retry.max_attempts = 2;
  start();
  fallback_ = {502};
  auto r = call();
  EXPECT_EQ(r.outcome->status, 502);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(requests(), 2u);
}

TEST_F(PoolResilience, DeclineIsNeverRetried) {
  start();
  script({{402}});
  auto r = call();
  EXPECT_EQ(r.outcome->status, 402);
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(PoolResilience, RateLimitedAnswerWaitsForRetryAfter) {
  cfg().retry.backoff = 1ms;
  start();
  script({{429, {{"Retry-After", "1"}}}});
  auto r = call("");  // no key: a 429 means nothing was done
  ASSERT_TRUE(r.outcome.ok());
  EXPECT_EQ(r.outcome->status, 200);
  EXPECT_EQ(r.attempts, 2);
  std::lock_guard lock(mu_);
  ASSERT_EQ(arrivals_.size(), 2u);
  EXPECT_GE(arrivals_[1] - arrivals_[0], 990ms);
}

TEST_F(PoolResilience, RetryThatWouldPassTheDeadlineIsNotMade) {
  start();
  script({{503, {{"Retry-After", "5"}}}});
  auto r = call("k", 1s);
  EXPECT_EQ(r.outcome->status, 503);
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(PoolResilience, TimeoutAfterSendingIsRetriedOnlyWithAKey) {
  cfg().retry.backoff = 1ms;
  start();
  attempt_timeout_ = 200ms;
  script({{200, {}, 600ms}, {200, {}, 600ms}});
  auto without = call("");
  ASSERT_FALSE(without.outcome.ok());
  EXPECT_EQ(without.outcome.err().reason, domain::reason::outcome_unknown);
  EXPECT_EQ(without.attempts, 1);
  auto with = call("k-slow");
  ASSERT_TRUE(with.outcome.ok()) << with.outcome.err().message;
  EXPECT_EQ(with.attempts, 2);
  std::lock_guard lock(mu_);
  EXPECT_EQ(keys_, (std::vector<std::string>{"", "k-slow", "k-slow"}));
}

TEST_F(PoolResilience, CircuitBreakerOpensFailsFastAndRecoversThroughAProbe) {
  cfg().retry.max_attempts = 1;
  cfg().breaker.min_calls = 4;
  cfg().breaker.failure_percent = 50;
  cfg().breaker.open_for = 300ms;
  start();
  fallback_ = {500};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(call("").outcome->status, 500);
  auto t0 = std::chrono::steady_clock::now();
  auto r = call("");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 100ms);
  ASSERT_FALSE(r.outcome.ok());
  EXPECT_EQ(r.outcome.err().code, domain::error_code::unavailable);
  EXPECT_EQ(r.outcome.err().reason, domain::reason::circuit_open);
  EXPECT_GT(r.outcome.err().retry_after.count(), 0);
  EXPECT_EQ(requests(), 4u);  // nothing was sent
  std::this_thread::sleep_for(350ms);
  fallback_ = {200};
  auto probe = call("");
  ASSERT_TRUE(probe.outcome.ok());
  EXPECT_EQ(probe.outcome->status, 200);
  EXPECT_TRUE(call("").outcome.ok());  // closed again
  EXPECT_EQ(requests(), 6u);
}

TEST_F(PoolResilience, RateLimitQueuesUpToItsBoundThenRefusesWithTheWait) {
  cfg().rate_limit = {5, 1, 1};  // 5/s, burst 1, one waiter
  start();
  auto a = send("a"), b = send("b");
  std::this_thread::sleep_for(50ms);
  auto c = send("c");
  auto rc = c.get();
  ASSERT_FALSE(rc.outcome.ok());
  EXPECT_EQ(rc.outcome.err().code, domain::error_code::resource_exhausted);
  EXPECT_EQ(rc.outcome.err().reason, domain::reason::rate_limited);
  EXPECT_GT(rc.outcome.err().retry_after.count(), 0);
  EXPECT_TRUE(a.get().outcome.ok());
  EXPECT_TRUE(b.get().outcome.ok());
  std::lock_guard lock(mu_);
  ASSERT_EQ(arrivals_.size(), 2u);
  EXPECT_GE(arrivals_[1] - arrivals_[0], 150ms);  // b waited for its token (200 ms after a)
}

TEST_F(PoolResilience, RateLimitRefusesAWaitPastTheDeadline) {
  cfg().rate_limit = {1, 1, 10};
  start();
  EXPECT_TRUE(call("a").outcome.ok());
  auto r = call("b", 300ms);
  ASSERT_FALSE(r.outcome.ok());
  EXPECT_EQ(r.outcome.err().reason, domain::reason::rate_limited);
  EXPECT_NE(r.outcome.err().message.find("deadline"), std::string::npos);
}

TEST_F(PoolResilience, MerchantAccountHasItsOwnRateLimit) {
  cfg().account_rate_limits.emplace("small", actors::rate_limit_config{1, 1, 0});
  start();
  EXPECT_TRUE(call("a", 5s, "small").outcome.ok());
  auto r = call("b", 5s, "small");
  ASSERT_FALSE(r.outcome.ok());
  EXPECT_EQ(r.outcome.err().reason, domain::reason::rate_limited);
  EXPECT_NE(r.outcome.err().message.find("merchant account"), std::string::npos);
  EXPECT_TRUE(call("c", 5s, "other").outcome.ok());  // other accounts are not limited
}

TEST_F(PoolResilience, InFlightBoundRefusesBeyondItWithoutSending) {
  cfg().max_in_flight = 2;
  start();
  fallback_ = {200, {}, 300ms};
  auto a = send("a"), b = send("b");
  std::this_thread::sleep_for(100ms);
  auto c = call("c");
  ASSERT_FALSE(c.outcome.ok());
  EXPECT_EQ(c.outcome.err().code, domain::error_code::resource_exhausted);
  EXPECT_EQ(c.outcome.err().reason, domain::reason::overloaded);
  EXPECT_TRUE(a.get().outcome.ok());
  EXPECT_TRUE(b.get().outcome.ok());
  EXPECT_EQ(requests(), 2u);
  EXPECT_TRUE(call("d").outcome.ok());  // room again
}

// The worst outcome across attempts wins: the first attempt was sent and timed out (it may have
// charged); the retries find nobody listening. "Not sent" would invite a second charge.
TEST_F(PoolResilience, OutcomeUnknownStaysUnknownWhenALaterAttemptCannotConnect) {
  cfg().retry.backoff = 20ms;
  cfg().retry.max_attempts = 3;
  attempt_timeout_ = 200ms;
  start();
  script({{200, {}, 1500ms}});  // answered only after the attempt's timeout
  auto f = send("idem-unknown");
  for (int i = 0; i < 400 && requests() == 0; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_EQ(requests(), 1u);
  server_->stop();  // the retries get "connection refused"
  ASSERT_EQ(f.wait_for(15s), std::future_status::ready);
  auto r = f.get();
  ASSERT_FALSE(r.outcome.ok());
  EXPECT_EQ(r.outcome.err().reason, domain::reason::outcome_unknown) << r.outcome.err().message;
  EXPECT_EQ(r.outcome.err().code, domain::error_code::unknown);
  EXPECT_TRUE(r.outcome.err().retryable);
  EXPECT_GE(r.attempts, 2);
  EXPECT_EQ(requests(), 1u);
}
