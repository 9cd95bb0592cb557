// Rate limits shared through Redis ([redis]): two runtimes — two replicas — with one Redis keep
// one limit between them; when Redis goes away or stops answering, each falls back to its own
// buckets, counts it, and loses and doubles no call. A real redis-server on a loopback port.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>

#include <caf/all.hpp>

#include "actors/messages.hpp"
#include "actors/metrics.hpp"
#include "actors/runtime.hpp"
#include "connectors/registry.hpp"
#include "net/http_server.hpp"
#include "tests/support/redis_server.hpp"

using namespace cs;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

class SharedLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = net::http_server::start(
        io_, "127.0.0.1:0", "p", [this](net::server_request r, net::responder done) {
          {
            std::lock_guard lock(mu_);
            arrivals_.push_back(clock_type::now());
            keys_.push_back(std::string(r.header("Idempotency-Key")));
          }
          done({200, "application/json", "{}", {}});
        });
    ASSERT_TRUE(server.ok());
    server_ = std::move(server.value());
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    for (auto& rt : replicas_) rt->shutdown();
    server_->stop();
    io_.stop();
    thread_.join();
  }

  // One replica: stripe at `per_second` (burst 1), sharing redis_ unless told otherwise.
  actors::runtime& replica(double per_second, bool shared = true,
                           std::chrono::milliseconds command_timeout = 200ms,
                           std::size_t queue = 10000) {
    actors::runtime_config rc;
    rc.known = connectors::builtin();
    actors::connector_settings s;
    s.pool.connector = "stripe";
    s.pool.workers = 2;
    s.pool.base_urls.emplace(
        "default", *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", server_->port()), "b"));
    s.pool.rate_limit = {per_second, 1, queue};
    rc.connectors.emplace("stripe", s);
    if (shared) {
      net::redis_options o;
      o.port = redis_.port();
      o.command_timeout = command_timeout;
      o.connect_timeout = 200ms;
      o.reconnect_max = 200ms;
      rc.redis = o;
      rc.redis_key_prefix = prefix_;
    }
    auto rt = actors::runtime::start(std::move(rc));
    EXPECT_TRUE(rt.ok());
    replicas_.push_back(std::move(rt.value()));
    return *replicas_.back();
  }

  std::future<actors::pool_reply> send(actors::runtime& rt, std::string key) {
    auto p = std::make_shared<std::promise<actors::pool_reply>>();
    auto f = p->get_future();
    actors::outbound o;
    o.request.target = "/v1/payment_intents";
    o.request.idempotency_key = key;
    o.request.headers.push_back({"Idempotency-Key", key, false});
    o.timeout = 5s;
    o.deadline = clock_type::now() + 20s;
    o.flow = "authorize";
    o.request_id = key;
    auto pool = rt.connector("stripe")->pool;
    rt.system().spawn([pool, o = std::move(o), p](caf::event_based_actor* self) mutable {
      self->request(pool, caf::infinite, actors::send_atom::value, std::move(o))
          .then([p](actors::pool_reply& r) { p->set_value(std::move(r)); },
                [p](caf::error&) {
                  p->set_value({domain::make_error(domain::error_code::internal, "", "lost"), 0});
                });
    });
    return f;
  }

  // Sends n calls to each replica at once; every one must come back 200.
  void burst(const std::vector<actors::runtime*>& rts, int n, std::string tag,
             std::chrono::milliseconds pace = 0ms) {
    std::vector<std::future<actors::pool_reply>> fs;
    for (int i = 0; i < n; ++i) {
      for (std::size_t r = 0; r < rts.size(); ++r)
        fs.push_back(send(*rts[r], fmt::format("{}-{}-{}", tag, r, i)));
      if (pace > 0ms) std::this_thread::sleep_for(pace);
    }
    for (auto& f : fs) {
      ASSERT_EQ(f.wait_for(30s), std::future_status::ready);
      auto r = f.get();
      ASSERT_TRUE(r.outcome.ok()) << r.outcome.err().message;
      EXPECT_EQ(r.outcome->status, 200);
    }
  }

  // Calls per second the processor saw between the first and the last arrival from `from` on.
  double observed_rate(std::size_t from = 0) {
    std::lock_guard lock(mu_);
    auto n = arrivals_.size() - from;
    auto span = std::chrono::duration<double>(arrivals_.back() - arrivals_[from]).count();
    return (static_cast<double>(n) - 1) / span;
  }

  std::size_t arrivals() {
    std::lock_guard lock(mu_);
    return arrivals_.size();
  }

  void expect_each_call_once(std::size_t expected) {
    std::lock_guard lock(mu_);
    auto keys = keys_;
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys.size(), expected);
    EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end()) << "a call sent twice";
  }

  double fallbacks(std::string_view reason) {
    return actors::metrics().redis_fallbacks.value({"rate_limit", reason});
  }

  test_support::redis_server redis_;
  std::string prefix_ = fmt::format("t{}:", ::getpid());
  boost::asio::io_context io_;
  std::unique_ptr<net::http_server> server_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<clock_type::time_point> arrivals_;
  std::vector<std::string> keys_;
  std::vector<std::unique_ptr<actors::runtime>> replicas_;
};

}  // namespace

// 40/s between two replicas that each get 40 calls at once: about 2 s, not 1 s.
TEST_F(SharedLimits, TwoReplicasSharingRedisKeepOneLimit) {
  auto& a = replica(40);
  auto& b = replica(40);
  auto before = fallbacks("unreachable") + fallbacks("timeout");
  burst({&a, &b}, 40, "shared");
  auto rate = observed_rate();
  std::printf("two replicas, one shared limit of 40/s: %.1f calls/s\n", rate);
  EXPECT_GT(rate, 40 * 0.8);
  EXPECT_LT(rate, 40 * 1.2) << "two replicas let through more than one limit";
  EXPECT_EQ(fallbacks("unreachable") + fallbacks("timeout"), before);
  expect_each_call_once(80);
  // The bucket lives in Redis, under the configured prefix.
  EXPECT_EQ(redis_.run("EXISTS " + prefix_ + "rate:{stripe}"), "1");
}

// The same two replicas without Redis: each keeps its own 40/s, 80/s together (what [redis]
// fixes) — the check above is not passing by accident.
TEST_F(SharedLimits, WithoutRedisEachReplicaKeepsItsOwnLimit) {
  auto& a = replica(40, false);
  auto& b = replica(40, false);
  burst({&a, &b}, 40, "local");
  auto rate = observed_rate();
  std::printf("two replicas, each its own limit of 40/s: %.1f calls/s\n", rate);
  EXPECT_GT(rate, 80 * 0.8);
}

// Redis killed mid-run (calls arriving every 10 ms, Redis gone after 200 ms): the calls after it
// fall back to the local bucket (still 40/s for this replica), the fallback is counted, and every
// call is answered once.
TEST_F(SharedLimits, RedisGoingAwayFallsBackToLocalLimits) {
  auto& a = replica(40);
  auto before = fallbacks("unreachable");
  std::thread killer([this] {
    std::this_thread::sleep_for(200ms);
    redis_.stop();
  });
  burst({&a}, 60, "outage", 10ms);
  killer.join();
  EXPECT_GT(fallbacks("unreachable"), before);
  expect_each_call_once(60);
  auto from = arrivals();
  burst({&a}, 20, "after");
  EXPECT_LT(observed_rate(from), 40 * 1.25) << "the local limit still holds";
  expect_each_call_once(80);
}

// A Redis that accepts but does not answer: each call waits at most the command timeout, then
// goes by the local bucket.
TEST_F(SharedLimits, RedisThatStopsAnsweringTimesOutToLocalLimits) {
  auto& a = replica(100, true, 100ms);
  burst({&a}, 2, "warm");
  redis_.pause();
  auto before = fallbacks("timeout") + fallbacks("unreachable");
  auto t0 = clock_type::now();
  burst({&a}, 10, "hung");
  auto took = clock_type::now() - t0;
  redis_.resume();
  EXPECT_GT(fallbacks("timeout") + fallbacks("unreachable"), before);
  EXPECT_LT(took, 1500ms);
  expect_each_call_once(12);
}

// The wait queue bound is this replica's, as without Redis: 6 calls at once at 10/s with room for
// 2 to wait → 1 goes at once, 2 wait, 3 are refused with RESOURCE_EXHAUSTED — and the refused
// ones' reservations are given back, so the next call waits behind 2, not 5.
TEST_F(SharedLimits, TheWaitQueueBoundStaysPerReplica) {
  auto& a = replica(10, true, 200ms, 2);
  std::vector<std::future<actors::pool_reply>> fs;
  for (int i = 0; i < 6; ++i) fs.push_back(send(a, fmt::format("q-{}", i)));
  int ok = 0, refused = 0;
  for (auto& f : fs) {
    auto r = f.get();
    if (r.outcome.ok()) ++ok;
    if (!r.outcome.ok() && r.outcome.err().code == domain::error_code::resource_exhausted)
      ++refused;
  }
  EXPECT_EQ(ok, 3);
  EXPECT_EQ(refused, 3);
  // All six were reserved at once (1 - 6 = -5 tokens), the three refused given back: about -2
  // (plus what refilled in the few ms between the reservations).
  auto tokens = std::stod(redis_.run("HGET " + prefix_ + "rate:{stripe} tokens"));
  EXPECT_GT(tokens, -2.5);
  EXPECT_LT(tokens, -1.0);
  expect_each_call_once(3);
}
