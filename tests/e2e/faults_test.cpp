// The fault matrix (issue #5): for each fault the simulator injects into Adyen authorizations,
// the unified outcome when the fault is transient (one attempt hit: the service retries it away
// with the same idempotency key) and when it persists through every attempt (retry.max_attempts
// = 3 in the e2e config). Every row also checks that the simulator saw no double charge.

#include "harness.hpp"
#include "razorpay.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

constexpr int max_attempts = 3;  // the service's default retry.max_attempts

struct outcome {
  grpc::Status status;
  v1::PaymentResponse res;
  int attempts = -1;  // x-processor-attempts
  std::chrono::milliseconds took{};
};

outcome authorize(const std::string& reference, std::chrono::milliseconds deadline = 10s) {
  outcome o;
  auto c = ctx("demo", deadline);
  auto t0 = std::chrono::steady_clock::now();
  o.status = env().svc.payments->Authorize(
      c.get(), authorize_request(reference, "APPROVED", 1000, false), &o.res);
  o.took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  auto& md = c->GetServerTrailingMetadata();
  if (auto it = md.find("x-processor-attempts"); it != md.end())
    o.attempts = std::stoi(std::string(it->second.data(), it->second.size()));
  return o;
}

int double_charges() {
  return static_cast<int>(env().stats().at("double_charges").as_int64());
}

struct row {
  std::string fault;
  // Persistent: the final answer.
  grpc::StatusCode code;
  std::string reason;
  int attempts;  // made while the fault persists (1 = not retried)
  std::chrono::milliseconds min_took{0};
};

// What each fault means for the caller once retries cannot help.
const std::vector<row> matrix = {
    {"status:500", grpc::StatusCode::UNAVAILABLE, "PROCESSOR_ERROR", max_attempts},
    {"status:503", grpc::StatusCode::UNAVAILABLE, "PROCESSOR_ERROR", max_attempts},
    {"status:429", grpc::StatusCode::RESOURCE_EXHAUSTED, "PROCESSOR_RATE_LIMITED", max_attempts},
    {"status:429:retry-after=1", grpc::StatusCode::RESOURCE_EXHAUSTED, "PROCESSOR_RATE_LIMITED",
     max_attempts, 2000ms},
    {"reset", grpc::StatusCode::UNAVAILABLE, "OUTCOME_UNKNOWN", max_attempts},
    {"reset-after-apply", grpc::StatusCode::UNAVAILABLE, "OUTCOME_UNKNOWN", max_attempts},
    {"truncate", grpc::StatusCode::UNAVAILABLE, "OUTCOME_UNKNOWN", max_attempts},
    {"latency:2500", grpc::StatusCode::DEADLINE_EXCEEDED, "OUTCOME_UNKNOWN", max_attempts, 4500ms},
    {"slow-loris:200", grpc::StatusCode::DEADLINE_EXCEEDED, "OUTCOME_UNKNOWN", max_attempts,
     4500ms},
    // A 200 whose body is not JSON: the processor answered (maybe after charging), so it is not
    // sent again; the caller reads the state or retries with the same key.
    {"garble", grpc::StatusCode::UNAVAILABLE, "BAD_PROCESSOR_REPLY", 1},
};

class Faults : public ::testing::TestWithParam<row> {
 protected:
  void TearDown() override { env().sim_client->request("DELETE", "/_sim/faults"); }
};

std::string name_of(const ::testing::TestParamInfo<row>& info) {
  std::string n;
  for (char c : info.param.fault) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}

}  // namespace

TEST_P(Faults, TransientFaultIsRetriedAwayWithTheSameKey) {
  auto& r = GetParam();
  auto ref = "e2e-matrix-once-" + name_of({r, 0});
  auto before = double_charges();
  env().queue_fault(r.fault, "/adyen/v71/payments", 1);
  auto o = authorize(ref);
  if (r.attempts == 1) {  // not retried: the persistent answer already
    EXPECT_EQ(o.status.error_code(), r.code) << describe(o.status);
    EXPECT_EQ(error_info(o.status).reason(), r.reason);
    EXPECT_EQ(o.attempts, 1);
    return;
  }
  ASSERT_TRUE(o.status.ok()) << r.fault << ": " << describe(o.status);
  EXPECT_EQ(o.res.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(o.attempts, 2) << r.fault;
  auto state = env().payment_state(o.res.connector_payment_id());
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1) << r.fault;
  EXPECT_EQ(double_charges(), before);
}

TEST_P(Faults, PersistentFaultEndsWithTheUnifiedOutcome) {
  auto& r = GetParam();
  auto ref = "e2e-matrix-all-" + name_of({r, 0});
  auto before = double_charges();
  env().queue_fault(r.fault, "/adyen/v71/payments", max_attempts);
  auto o = authorize(ref);
  EXPECT_EQ(o.status.error_code(), r.code) << r.fault << ": " << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), r.reason) << r.fault;
  EXPECT_EQ(meta(o.status, "retryable"), "true") << r.fault;
  EXPECT_EQ(o.attempts, r.attempts) << r.fault;
  EXPECT_GE(o.took, r.min_took) << r.fault;
  EXPECT_LT(o.took, 9s) << r.fault;
  if (r.attempts > 1)
    EXPECT_NE(o.status.error_message().find("after 3 attempts"), std::string::npos)
        << o.status.error_message();
  // Whatever happened, the caller's own retry with the same request charges at most once.
  env().sim_client->request("DELETE", "/_sim/faults");
  auto again = authorize(ref);
  ASSERT_TRUE(again.status.ok()) << describe(again.status);
  auto state = env().payment_state(again.res.connector_payment_id());
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1) << r.fault;
  EXPECT_EQ(double_charges(), before);
}

INSTANTIATE_TEST_SUITE_P(Matrix, Faults, ::testing::ValuesIn(matrix), name_of);

TEST(FaultRules, ClientDeadlineBoundsTheWholeCallAndNamesTheStep) {
  env().queue_fault("latency:2000", "/adyen/v71/payments", 1);
  auto o = authorize("e2e-fault-client-deadline", 300ms);
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << describe(o.status);
  EXPECT_LT(o.took, 1500ms);
  env().sim_client->request("DELETE", "/_sim/faults");
}

TEST(FaultRules, RetryAfterLongerThanTheDeadlineIsNotWaitedFor) {
  env().queue_fault("status:503:retry-after=30", "/adyen/v71/payments", 1);
  auto o = authorize("e2e-fault-retry-after-long", 3s);
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(o.status);
  EXPECT_EQ(o.attempts, 1);
  EXPECT_LT(o.took, 2s);
  env().sim_client->request("DELETE", "/_sim/faults");
}

TEST(FaultRules, WithoutAnIdempotencyKeyA5xxIsNotRetried) {
  // Razorpay's order create carries no idempotency key: a retry could create a second order.
  env().queue_fault("status:500", "/razorpay/v1/orders", 1);
  v1::PaymentResponse res;
  auto c = razorpay_ctx();
  auto s = env().svc.payments->Authorize(
      c.get(), rzp::card_authorize("e2e-rzp-nokey-500", 25000, true), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_ERROR");
  auto& md = c->GetServerTrailingMetadata();
  auto it = md.find("x-processor-attempts");
  ASSERT_NE(it, md.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "1");
  env().sim_client->request("DELETE", "/_sim/faults");
}

// A second service that keeps no idle connections, so that every call opens a new TLS
// connection: a failed handshake is not retried, and later handshakes resume the TLS session.
class FreshConnections : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = new service;
    std::string why;
    started_ =
        svc_->start(env().dir, "service-fresh-connections", env().ca_file, env().adyen_base(),
                    env().disputes_base(), env().stripe_base(), env().hmac_key, free_port(), why,
                    "", "", {"CS_CONNECTORS__ADYEN__MAX_IDLE_CONNECTIONS=0"});
    if (!started_) std::fprintf(stderr, "second service: %s\n", why.c_str());
    env().extra_logs.push_back(svc_->log_path);
  }
  static void TearDownTestSuite() {
    svc_->disconnect();
    EXPECT_EQ(svc_->proc.stop(), 0);
    delete svc_;
  }
  static inline service* svc_ = nullptr;
  static inline bool started_ = false;

  outcome call(const std::string& reference) {
    outcome o;
    auto c = ctx();
    o.status = svc_->payments->Authorize(
        c.get(), authorize_request(reference, "APPROVED", 1000, false), &o.res);
    auto& md = c->GetServerTrailingMetadata();
    if (auto it = md.find("x-processor-attempts"); it != md.end())
      o.attempts = std::stoi(std::string(it->second.data(), it->second.size()));
    return o;
  }
  static double metric(const std::string& series) {
    auto text = http_request(svc_->http_port, "GET", "/metrics").body;
    auto at = text.find(series + " ");
    return at == std::string::npos ? 0 : std::stod(text.substr(at + series.size() + 1));
  }
};

TEST_F(FreshConnections, NewConnectionsResumeTheTlsSession) {
  ASSERT_TRUE(started_);
  for (int i = 0; i < 3; ++i) {
    auto o = call("e2e-fresh-" + std::to_string(i));
    ASSERT_TRUE(o.status.ok()) << describe(o.status);
  }
  EXPECT_GE(
      metric(R"(connector_service_outbound_connections_total{client="adyen",event="opened"})"), 3);
  EXPECT_GE(metric(R"(connector_service_tls_handshakes_total{client="adyen",resumed="true"})"), 2);
}

TEST_F(FreshConnections, FailedTlsHandshakeIsUnreachableAndNotRetried) {
  ASSERT_TRUE(started_);
  env().queue_fault("tls-fail", "", 1);
  auto o = call("e2e-fresh-tls-fail");
  env().sim_client->request("DELETE", "/_sim/faults");
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), "PROCESSOR_UNREACHABLE");
  EXPECT_NE(o.status.error_message().find("TLS handshake"), std::string::npos)
      << o.status.error_message();
  EXPECT_EQ(o.attempts, 1);
  EXPECT_TRUE(call("e2e-fresh-after-tls-fail").status.ok());
}

// A second service whose Adyen base URL is a closed loopback port.
class Unreachable : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto closed = "https://127.0.0.1:" + std::to_string(free_port());
    svc_ = new service;
    std::string why;
    started_ =
        svc_->start(env().dir, "service-unreachable", env().ca_file, closed + "/adyen/v71",
                    closed + "/disputes", closed + "/stripe", env().hmac_key, free_port(), why);
    if (!started_) std::fprintf(stderr, "second service: %s\n", why.c_str());
    env().extra_logs.push_back(svc_->log_path);
  }
  static void TearDownTestSuite() {
    svc_->disconnect();
    EXPECT_EQ(svc_->proc.stop(), 0) << "second connector-service exit status";
    delete svc_;
    svc_ = nullptr;
  }
  static inline service* svc_ = nullptr;
  static inline bool started_ = false;
};

// Nothing was sent, so every attempt is retried; all of them fail fast.
TEST_F(Unreachable, ClosedPortIsProcessorUnreachable) {
  ASSERT_TRUE(started_);
  v1::PaymentResponse res;
  auto start = std::chrono::steady_clock::now();
  auto c = ctx();
  auto s = svc_->payments->Authorize(
      c.get(), authorize_request("e2e-unreachable", "APPROVED", 1000, false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_UNREACHABLE");
  EXPECT_EQ(meta(s, "retryable"), "true");
  EXPECT_NE(s.error_message().find("after 3 attempts"), std::string::npos) << s.error_message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

}  // namespace e2e
