// Resilience settings end to end, each suite on a side service configured for it: fresh TLS
// connections (session resumption, failed handshakes), an unreachable processor, the circuit
// breaker, and the service's own limits (rate limit, in-flight bound).

#include <future>

#include "harness.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

int attempts_of(const grpc::ClientContext& c) {
  auto& md = c.GetServerTrailingMetadata();
  auto it = md.find("x-processor-attempts");
  return it == md.end() ? -1 : std::stoi(std::string(it->second.data(), it->second.size()));
}

// No idle connections are kept, so every call opens a new TLS connection (HTTP/1.1: an HTTP/2
// connection is shared, not kept idle).
class FreshConnections : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = start_side_service(
        "service-fresh-connections", "",
        {"CS_CONNECTORS__ADYEN__MAX_IDLE_CONNECTIONS=0", "CS_CONNECTORS__ADYEN__HTTP2=false"});
  }
  static void TearDownTestSuite() { stop_side_service(svc_); }
  static inline std::unique_ptr<service> svc_;
};

TEST_F(FreshConnections, NewConnectionsResumeTheTlsSession) {
  ASSERT_TRUE(svc_);
  for (int i = 0; i < 3; ++i) {
    auto o = adyen_authorize(*svc_, "e2e-fresh-" + std::to_string(i));
    ASSERT_TRUE(o.status.ok()) << describe(o.status);
  }
  EXPECT_GE(
      metric_value(
          *svc_, R"(connector_service_outbound_connections_total{client="adyen",event="opened"})"),
      3);
  // Two workers: each one's first handshake is full, the later ones resume.
  EXPECT_GE(metric_value(
                *svc_, R"(connector_service_tls_handshakes_total{client="adyen",resumed="true"})"),
            1);
}

TEST_F(FreshConnections, FailedTlsHandshakeIsUnreachableAndNotRetried) {
  ASSERT_TRUE(svc_);
  env().queue_fault("tls-fail", "", 1);
  auto o = adyen_authorize(*svc_, "e2e-fresh-tls-fail");
  env().sim_client->request("DELETE", "/_sim/faults");
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), "PROCESSOR_UNREACHABLE");
  EXPECT_NE(o.status.error_message().find("TLS handshake"), std::string::npos)
      << o.status.error_message();
  EXPECT_EQ(o.attempts, 1);
  EXPECT_TRUE(adyen_authorize(*svc_, "e2e-fresh-after-tls-fail").status.ok());
}

// The Adyen base URL is a closed loopback port.
class Unreachable : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto closed = "https://127.0.0.1:" + std::to_string(free_port());
    svc_ = start_side_service("service-unreachable", "", {}, closed);
  }
  static void TearDownTestSuite() { stop_side_service(svc_); }
  static inline std::unique_ptr<service> svc_;
};

// Nothing was sent, so every attempt is retried; all of them fail fast.
TEST_F(Unreachable, ClosedPortIsProcessorUnreachable) {
  ASSERT_TRUE(svc_);
  auto o = adyen_authorize(*svc_, "e2e-unreachable");
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), "PROCESSOR_UNREACHABLE");
  EXPECT_EQ(meta(o.status, "retryable"), "true");
  EXPECT_EQ(o.attempts, 3);
  EXPECT_NE(o.status.error_message().find("after 3 attempts"), std::string::npos)
      << o.status.error_message();
  EXPECT_LT(o.took, 3s);
}

// The breaker opens after 4 calls of which half failed, for one second; no retries.
class CircuitBreaker : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = start_side_service("service-breaker",
                              "[connectors.adyen.retry]\nmax_attempts = 1\n"
                              "[connectors.adyen.circuit_breaker]\nmin_calls = 4\n"
                              "failure_percent = 50\nopen_ms = 1000\n");
  }
  static void TearDownTestSuite() { stop_side_service(svc_); }
  static double state() {
    return metric_value(
        *svc_, R"(connector_service_circuit_breaker_state{connector="adyen",endpoint="default"})");
  }
  static inline std::unique_ptr<service> svc_;
};

TEST_F(CircuitBreaker, OpensOnFailuresAnswersFastThenRecoversThroughAProbe) {
  ASSERT_TRUE(svc_);
  EXPECT_EQ(state(), 0);
  env().queue_fault("status:500", "/adyen/v71/payments", 4);
  for (int i = 0; i < 4; ++i) {
    auto o = adyen_authorize(*svc_, "e2e-breaker-fail-" + std::to_string(i));
    EXPECT_EQ(error_info(o.status).reason(), "PROCESSOR_ERROR") << describe(o.status);
  }
  EXPECT_EQ(state(), 1);
  auto before = env().stats().at("requests");
  auto o = adyen_authorize(*svc_, "e2e-breaker-refused");
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), "CIRCUIT_OPEN");
  EXPECT_GT(retry_delay(o.status), 0ms);
  EXPECT_EQ(o.attempts, 0);
  EXPECT_LT(o.took, 100ms);
  EXPECT_EQ(env().stats().at("requests"), before) << "nothing may reach the processor";
  std::this_thread::sleep_for(1100ms);
  auto probe = adyen_authorize(*svc_, "e2e-breaker-probe");
  ASSERT_TRUE(probe.status.ok()) << describe(probe.status);
  EXPECT_EQ(state(), 0);
  EXPECT_TRUE(adyen_authorize(*svc_, "e2e-breaker-closed").status.ok());
}

// One Adyen call per second with nobody waiting, and at most one Stripe call in flight.
class OwnLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = start_side_service("service-limits",
                              "[connectors.adyen.rate_limit]\nper_second = 1\nburst = 1\n"
                              "queue = 0\n",
                              {"CS_CONNECTORS__STRIPE__MAX_IN_FLIGHT=1"});
  }
  static void TearDownTestSuite() { stop_side_service(svc_); }
  static inline std::unique_ptr<service> svc_;
};

TEST_F(OwnLimits, RateLimitRefusesWithTheWaitInRetryInfo) {
  ASSERT_TRUE(svc_);
  ASSERT_TRUE(adyen_authorize(*svc_, "e2e-limit-1").status.ok());
  auto before = env().stats().at("requests");
  auto o = adyen_authorize(*svc_, "e2e-limit-2");
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), "RATE_LIMITED");
  auto wait = retry_delay(o.status);
  EXPECT_GT(wait, 500ms);
  EXPECT_LE(wait, 1000ms);
  EXPECT_EQ(env().stats().at("requests"), before) << "nothing may reach the processor";
  std::this_thread::sleep_for(wait + 50ms);
  EXPECT_TRUE(adyen_authorize(*svc_, "e2e-limit-3").status.ok());
}

TEST_F(OwnLimits, InFlightBoundRefusesBeyondIt) {
  ASSERT_TRUE(svc_);
  env().queue_fault("latency:600", "/stripe/v1/payment_intents", 1);
  grpc::ClientContext slow_ctx;
  slow_ctx.AddMetadata("x-merchant-account", stripe_account);
  auto slow_req = stripe_authorize("e2e-inflight-slow", "pm_card_visa", 1000, false);
  v1::Payment slow_res;
  std::promise<grpc::Status> slow;
  svc_->payments->async()->Authorize(&slow_ctx, &slow_req, &slow_res,
                                     [&slow](grpc::Status s) { slow.set_value(std::move(s)); });
  std::this_thread::sleep_for(200ms);
  v1::Payment res;
  auto c = stripe_ctx();
  auto s = svc_->payments->Authorize(
      c.get(), stripe_authorize("e2e-inflight-refused", "pm_card_visa", 1000, false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OVERLOADED");
  EXPECT_GT(retry_delay(s), 0ms);
  EXPECT_EQ(attempts_of(*c), 0);
  auto first = slow.get_future().get();
  EXPECT_TRUE(first.ok()) << describe(first);
}

}  // namespace
}  // namespace e2e
