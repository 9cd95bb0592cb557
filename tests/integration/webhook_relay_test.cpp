// The HTTP webhook receiver end to end inside one process: a verified Adyen notification is
// relayed, signed, to the sink and only then acknowledged; a sink failure makes the receiver
// answer 502 (the processor redelivers); a bad signature is 401 and nothing is relayed.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <future>
#include <mutex>
#include <thread>

#include <google/protobuf/util/json_util.h>
#include "actors/metrics.hpp"
#include "actors/runtime.hpp"
#include "actors/sink_signature.hpp"
#include "api/http_routes.hpp"
#include "api/relay_body.hpp"
#include "connectors/registry.hpp"
#include "connectorservice/v1/event.pb.h"
#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "webhook_intake_support.hpp"

using namespace cs;

namespace {

constexpr const char* hmac_key = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
constexpr const char* sink_key = "sink-signing-key-for-tests";

std::string notification(const char* event_code, std::int64_t value, const char* key) {
  return integration_test::adyen_notification(event_code, "PSP0000000000000", value, key);
}

struct sink_record {
  std::string body;
  std::string signature;
};

class WebhookRelay : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sink = net::http_server::start(
        io_, "127.0.0.1:0", "sink", [this](net::server_request r, net::responder done) {
          {
            std::lock_guard lock(mu_);
            received_.push_back({r.body, std::string(r.header("X-Connector-Signature"))});
          }
          done({sink_status_.load(), "text/plain", "ok"});
        });
    ASSERT_TRUE(sink.ok());
    sink_ = std::move(sink.value());

    auto cfg = integration_test::adyen_webhook_runtime(hmac_key, sink_->port(), sink_key);
    configure(cfg.webhooks);
    auto rt = actors::runtime::start(std::move(cfg));
    ASSERT_TRUE(rt.ok()) << rt.err().message;
    rt_ = std::move(rt.value());
    auto receiver = net::http_server::start(io_, "127.0.0.1:0", "receiver",
                                            api::make_http_routes(*rt_, serving_));
    ASSERT_TRUE(receiver.ok());
    receiver_ = std::move(receiver.value());
    auto client = net::http_client::create(io_, {});
    ASSERT_TRUE(client.ok());
    client_ = std::move(client.value());
    thread_ = std::thread([this] { io_.run(); });
  }

  virtual void configure(actors::relay_config&) {}

  void TearDown() override {
    if (receiver_) receiver_->stop();
    if (sink_) sink_->stop();
    io_.stop();
    if (thread_.joinable()) thread_.join();
    if (rt_) rt_->shutdown();
  }

  domain::http_response post(std::string target, std::string body) {
    std::promise<net::http_client::outcome> p;
    domain::http_request req;
    req.target = std::move(target);
    req.body = std::move(body);
    auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", receiver_->port()), "r");
    client_->send(ep, std::move(req), std::chrono::seconds(5),
                  [&p](net::http_client::outcome o) { p.set_value(std::move(o)); });
    auto out = p.get_future().get();
    EXPECT_TRUE(out.ok());
    return out.ok() ? out.value() : domain::http_response{};
  }

  std::vector<sink_record> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

  boost::asio::io_context io_;
  std::atomic<bool> serving_{true};
  std::atomic<int> sink_status_{200};
  std::mutex mu_;
  std::vector<sink_record> received_;
  std::unique_ptr<net::http_server> sink_, receiver_;
  std::unique_ptr<actors::runtime> rt_;
  std::unique_ptr<net::http_client> client_;
  std::thread thread_;
};

}  // namespace

TEST_F(WebhookRelay, VerifiedEventsAreRelayedSignedThenAcknowledged) {
  auto res = post("/webhooks/adyen/demo", notification("CAPTURE", 1500, hmac_key));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "[accepted]");
  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  // The body is the API's WebhookRelay as proto3 JSON: what an SDK parses it with.
  connectorservice::v1::WebhookRelay relay;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(got[0].body, &relay).ok()) << got[0].body;
  EXPECT_EQ(relay.connector(), "adyen");
  EXPECT_EQ(relay.merchant_account(), "demo");
  ASSERT_EQ(relay.events_size(), 1) << got[0].body;
  const auto& ev = relay.events(0);
  EXPECT_EQ(ev.type(), connectorservice::v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(ev.processor_event_code(), "CAPTURE");
  EXPECT_EQ(ev.payment_status(), connectorservice::v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(ev.connector_payment_id(), "PSP0000000000000");
  EXPECT_EQ(ev.amount().minor_amount(), 1500);
  EXPECT_EQ(ev.amount().currency_code(), "EUR");
  // Canonical proto3 JSON: lowerCamelCase names and enum names, as the SDKs' parsers expect.
  auto json = boost::json::parse(got[0].body).as_object();
  auto& raw = json["events"].as_array().at(0).as_object();
  EXPECT_EQ(raw["paymentStatus"].as_string(), "PAYMENT_STATUS_CHARGED");
  EXPECT_EQ(raw["connectorPaymentId"].as_string(), "PSP0000000000000");
  // The sink can check the body: recompute the signature with the t= it carries.
  auto& sig = got[0].signature;
  ASSERT_EQ(sig.rfind("t=", 0), 0u);
  auto t = std::stoll(sig.substr(2, sig.find(',') - 2));
  EXPECT_EQ(sig, actors::sink_signature(sink_key, got[0].body, t));
}

TEST_F(WebhookRelay, AccountIsOptionalWhenOnlyOneHasASecret) {
  EXPECT_EQ(post("/webhooks/adyen", notification("CAPTURE", 1500, hmac_key)).status, 200);
  EXPECT_EQ(received().size(), 1u);
}

// A processor redelivers what it thinks was not received: an event id already relayed within
// 24 h (per connector and account) is acknowledged without being relayed again.
TEST_F(WebhookRelay, RedeliveredEventIsAcknowledgedButNotRelayedTwice) {
  auto& hooks = actors::metrics().webhooks;
  auto dup_before = hooks.value({"adyen", "duplicate"});
  auto body = notification("CAPTURE", 1500, hmac_key);
  EXPECT_EQ(post("/webhooks/adyen/demo", body).status, 200);
  auto again = post("/webhooks/adyen/demo", body);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, "[accepted]");
  EXPECT_EQ(received().size(), 1u);
  EXPECT_EQ(hooks.value({"adyen", "duplicate"}) - dup_before, 1);
  // Another event (another code for the same payment) is news.
  EXPECT_EQ(post("/webhooks/adyen/demo", notification("REFUND", 1500, hmac_key)).status, 200);
  EXPECT_EQ(received().size(), 2u);
}

// Only a relayed event counts as seen: after a failed relay the redelivery goes to the sink.
TEST_F(WebhookRelay, EventWhoseRelayFailedIsRelayedOnRedelivery) {
  auto body = notification("CAPTURE", 1500, hmac_key);
  sink_status_ = 500;
  EXPECT_EQ(post("/webhooks/adyen/demo", body).status, 502);
  sink_status_ = 200;
  EXPECT_EQ(post("/webhooks/adyen/demo", body).status, 200);
  EXPECT_EQ(received().size(), 2u);  // the failed attempt reached the sink too, with a 500
}

TEST_F(WebhookRelay, SinkFailureIsNotAcknowledged) {
  sink_status_ = 500;
  auto res = post("/webhooks/adyen/demo", notification("REFUND", 1500, hmac_key));
  EXPECT_EQ(res.status, 502);
  EXPECT_NE(res.body.find("not relayed"), std::string::npos);
}

TEST_F(WebhookRelay, BadSignatureIsRejectedAndNotRelayed) {
  auto forged = notification("CAPTURE", 1500,
                             "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");
  EXPECT_EQ(post("/webhooks/adyen/demo", forged).status, 401);
  EXPECT_TRUE(received().empty());
}

TEST_F(WebhookRelay, UnknownConnectorOrAccountIs404) {
  EXPECT_EQ(post("/webhooks/nope", "{}").status, 404);
  EXPECT_EQ(post("/webhooks/adyen/other", notification("CAPTURE", 1500, hmac_key)).status, 404);
  EXPECT_TRUE(received().empty());
}

TEST_F(WebhookRelay, MetricsCountWebhookResults) {
  auto& hooks = actors::metrics().webhooks;
  auto relayed = hooks.value({"adyen", "relayed"});
  auto rejected = hooks.value({"adyen", "rejected"});
  EXPECT_EQ(post("/webhooks/adyen/demo", notification("CAPTURE", 1500, hmac_key)).status, 200);
  EXPECT_EQ(post("/webhooks/adyen/demo", notification("CAPTURE", 1500, sink_key)).status, 401);
  EXPECT_EQ(hooks.value({"adyen", "relayed"}), relayed + 1);
  EXPECT_EQ(hooks.value({"adyen", "rejected"}), rejected + 1);

  std::promise<net::http_client::outcome> p;
  domain::http_request req;
  req.method = domain::http_method::get;
  req.target = "/metrics";
  auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", receiver_->port()), "r");
  client_->send(ep, req, std::chrono::seconds(5),
                [&p](net::http_client::outcome o) { p.set_value(std::move(o)); });
  auto out = p.get_future().get();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->header("Content-Type").find("version=0.0.4"), std::string_view::npos);
  EXPECT_NE(
      out->body.find("connector_service_webhooks_total{connector=\"adyen\",result=\"relayed\"}"),
      std::string::npos);
  EXPECT_NE(out->body.find("connector_service_pool_workers{connector=\"adyen\"} 1"),
            std::string::npos);
}

TEST_F(WebhookRelay, HealthzFollowsServingFlag) {
  std::promise<net::http_client::outcome> p;
  domain::http_request req;
  req.method = domain::http_method::get;
  req.target = "/healthz";
  auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", receiver_->port()), "r");
  serving_ = false;
  client_->send(ep, req, std::chrono::seconds(5),
                [&p](net::http_client::outcome o) { p.set_value(std::move(o)); });
  auto out = p.get_future().get();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->status, 503);
}

// No sink and no explicit log_only: the receiver is off. It answers 5xx so the processor keeps
// the event and redelivers it later; nothing is acknowledged and lost.
class WebhookReceiverOff : public WebhookRelay {
 protected:
  void configure(actors::relay_config& w) override { w.sink.reset(); }
};

TEST_F(WebhookReceiverOff, WithoutSinkOrLogOnlyNothingIsAcknowledged) {
  auto res = post("/webhooks/adyen/demo", notification("CAPTURE", 1500, hmac_key));
  EXPECT_EQ(res.status, 502);
  EXPECT_NE(res.body.find("webhooks.sink_url"), std::string::npos) << res.body;
  EXPECT_TRUE(received().empty());
}

class WebhookLogOnly : public WebhookRelay {
 protected:
  void configure(actors::relay_config& w) override {
    w.sink.reset();
    w.log_only = true;
  }
};

TEST_F(WebhookLogOnly, ExplicitLogOnlyAcknowledgesVerifiedEventsAndRelaysNone) {
  EXPECT_EQ(post("/webhooks/adyen/demo", notification("CAPTURE", 1500, hmac_key)).status, 200);
  EXPECT_EQ(post("/webhooks/adyen/demo", notification("CAPTURE", 1500, sink_key)).status, 401);
  EXPECT_TRUE(received().empty());
}
