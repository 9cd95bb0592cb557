// Webhook de-duplication across replicas ([redis]): two runtimes, each with its own HTTP
// receiver, relay to one sink and share one redis-server. A redelivery that reaches the other
// replica is acknowledged without a second relay; one whose first relay failed is relayed again;
// one whose relay is still under way elsewhere is answered 502 (redelivered later, never lost);
// Redis gone → each replica's own marks, counted.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "actors/metrics.hpp"
#include "actors/runtime.hpp"
#include "api/http_routes.hpp"
#include "api/relay_body.hpp"
#include "connectors/registry.hpp"
#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "tests/support/redis_server.hpp"
#include "webhook_intake_support.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

constexpr const char* hmac_key = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

std::string notification(const char* event_code, const char* psp) {
  return integration_test::adyen_notification(event_code, psp, 1500, hmac_key);
}

class SharedDedupe : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sink = net::http_server::start(io_, "127.0.0.1:0", "sink",
                                        [this](net::server_request, net::responder done) {
                                          ++sink_posts_;
                                          done({sink_status_.load(), "text/plain", "ok"});
                                        });
    ASSERT_TRUE(sink.ok());
    sink_ = std::move(sink.value());
    for (int i = 0; i < 2; ++i) {
      auto cfg = integration_test::adyen_webhook_runtime(hmac_key, sink_->port(),
                                                         "sink-signing-key-for-tests");
      net::redis_options o;
      o.port = redis_.port();
      o.command_timeout = 300ms;
      o.reconnect_max = 200ms;
      cfg.redis = o;
      cfg.redis_key_prefix = prefix_;
      auto rt = actors::runtime::start(std::move(cfg));
      ASSERT_TRUE(rt.ok()) << rt.err().message;
      replicas_.push_back(std::move(rt.value()));
      auto receiver = net::http_server::start(io_, "127.0.0.1:0", "receiver",
                                              api::make_http_routes(*replicas_.back(), serving_));
      ASSERT_TRUE(receiver.ok());
      receivers_.push_back(std::move(receiver.value()));
    }
    auto client = net::http_client::create(io_, {});
    ASSERT_TRUE(client.ok());
    client_ = std::move(client.value());
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    for (auto& r : receivers_) r->stop();
    if (sink_) sink_->stop();
    io_.stop();
    if (thread_.joinable()) thread_.join();
    for (auto& rt : replicas_) rt->shutdown();
  }

  // POSTs a delivery to replica i's receiver; answers its HTTP status.
  int post(std::size_t i, const std::string& body) {
    std::promise<net::http_client::outcome> p;
    domain::http_request req;
    req.target = "/webhooks/adyen/demo";
    req.body = body;
    auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", receivers_[i]->port()), "r");
    client_->send(ep, std::move(req), 5s,
                  [&p](net::http_client::outcome o) { p.set_value(std::move(o)); });
    auto out = p.get_future().get();
    EXPECT_TRUE(out.ok());
    return out.ok() ? out->status : 0;
  }

  // The Redis key of the one event marked so far.
  std::string only_key() {
    auto keys = redis_.run("KEYS " + prefix_ + "webhook:*");
    EXPECT_FALSE(keys.empty());
    return keys;
  }

  // The replica marks "relayed" right after the sink's 2xx, on its own connection: a redelivery
  // (seconds later in practice) comes after that; here the test waits for it.
  void wait_relayed(const std::string& key) {
    for (int i = 0; i < 200 && redis_.run("GET " + key) != "relayed"; ++i)
      std::this_thread::sleep_for(10ms);
    ASSERT_EQ(redis_.run("GET " + key), "relayed");
  }

  static double webhooks(std::string_view result) {
    return actors::metrics().webhooks.value({"adyen", result});
  }

  test_support::redis_server redis_;
  std::string prefix_ = fmt::format("w{}:", ::getpid());
  boost::asio::io_context io_;
  std::atomic<bool> serving_{true};
  std::atomic<int> sink_status_{200};
  std::atomic<int> sink_posts_{0};
  std::unique_ptr<net::http_server> sink_;
  std::vector<std::unique_ptr<net::http_server>> receivers_;
  std::vector<std::unique_ptr<actors::runtime>> replicas_;
  std::unique_ptr<net::http_client> client_;
  std::thread thread_;
};

}  // namespace

TEST_F(SharedDedupe, ARedeliveryToTheOtherReplicaIsAcknowledgedNotRelayedAgain) {
  auto dup_before = webhooks("duplicate");
  auto body = notification("CAPTURE", "PSP0000000000010");
  EXPECT_EQ(post(0, body), 200);
  // Marked "relayed" for the local window (24 h by default), under the configured prefix.
  auto key = only_key();
  EXPECT_EQ(key.rfind(prefix_ + "webhook:{adyen:demo}:", 0), 0u) << key;
  wait_relayed(key);
  EXPECT_EQ(post(1, body), 200);
  EXPECT_EQ(sink_posts_.load(), 1);
  EXPECT_EQ(webhooks("duplicate") - dup_before, 1);
  EXPECT_GT(std::stoll(redis_.run("PTTL " + key)), 23LL * 3600 * 1000);
  // Another event is news to both.
  EXPECT_EQ(post(1, notification("REFUND", "PSP0000000000010")), 200);
  EXPECT_EQ(sink_posts_.load(), 2);
}

TEST_F(SharedDedupe, AnEventWhoseRelayFailedIsRelayedByTheReplicaThatGetsTheRedelivery) {
  auto body = notification("CAPTURE", "PSP0000000000020");
  sink_status_ = 500;
  EXPECT_EQ(post(0, body), 502);
  sink_status_ = 200;
  // The failed relay drops its claim (right after the sink's answer, on its own connection).
  for (int i = 0; i < 200 && !redis_.run("KEYS " + prefix_ + "webhook:*").empty(); ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(redis_.run("KEYS " + prefix_ + "webhook:*"), "");
  // The other replica relays the redelivery.
  EXPECT_EQ(post(1, body), 200);
  EXPECT_EQ(sink_posts_.load(), 2);
  wait_relayed(only_key());
}

TEST_F(SharedDedupe, AnEventBeingRelayedElsewhereIsAnswered502NotAcknowledged) {
  auto body = notification("CAPTURE", "PSP0000000000030");
  EXPECT_EQ(post(0, body), 200);
  auto key = only_key();
  wait_relayed(key);
  // As if replica 0 had claimed it and were still waiting for the sink.
  ASSERT_EQ(redis_.run("SET " + key + " pending PX 60000"), "OK");
  EXPECT_EQ(post(1, body), 502);
  EXPECT_EQ(sink_posts_.load(), 1);
  // Replica 0 itself still knows it relayed it (its local marks come first).
  EXPECT_EQ(post(0, body), 200);
  EXPECT_EQ(sink_posts_.load(), 1);
}

TEST_F(SharedDedupe, RedisGoneLeavesEachReplicaItsOwnMarks) {
  auto before = actors::metrics().redis_fallbacks.value({"webhook_dedupe", "unreachable"});
  redis_.stop();
  auto body = notification("CAPTURE", "PSP0000000000040");
  EXPECT_EQ(post(0, body), 200);  // relayed: nothing is held up by Redis being gone
  EXPECT_EQ(post(0, body), 200);  // its own mark: acknowledged, not relayed again
  EXPECT_EQ(sink_posts_.load(), 1);
  EXPECT_GT(actors::metrics().redis_fallbacks.value({"webhook_dedupe", "unreachable"}), before);
  // At-least-once across replicas meanwhile: the other replica relays it again.
  EXPECT_EQ(post(1, body), 200);
  EXPECT_EQ(sink_posts_.load(), 2);
}
