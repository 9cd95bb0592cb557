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

outcome authorize_on(service& svc, const std::string& reference,
                     std::chrono::milliseconds deadline = 10s) {
  outcome o;
  auto c = ctx("demo", deadline);
  auto t0 = std::chrono::steady_clock::now();
  o.status = svc.payments->Authorize(c.get(), authorize_request(reference, "APPROVED", 1000, false),
                                     &o.res);
  o.took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  auto& md = c->GetServerTrailingMetadata();
  if (auto it = md.find("x-processor-attempts"); it != md.end())
    o.attempts = std::stoi(std::string(it->second.data(), it->second.size()));
  return o;
}

outcome authorize(const std::string& reference, std::chrono::milliseconds deadline = 10s) {
  return authorize_on(env().svc, reference, deadline);
}

int double_charges() {
  return static_cast<int>(env().stats().at("double_charges").as_int64());
}

// What the caller gets: a payment (ok) or an error; attempts = processor calls made (0 = not
// checked); took ≥ min_took.
struct expect {
  bool ok = true;
  grpc::StatusCode code = grpc::StatusCode::OK;  // OK here with ok=false: any error code
  std::string reason;
  int attempts = 0;
  std::chrono::milliseconds min_took{0};
};
expect ok(int attempts, std::chrono::milliseconds min_took = 0ms) {
  return {true, grpc::StatusCode::OK, "", attempts, min_took};
}
expect fail(grpc::StatusCode code, std::string reason, int attempts,
            std::chrono::milliseconds min_took = 0ms) {
  return {false, code, std::move(reason), attempts, min_took};
}

struct row {
  std::string fault;
  expect once;    // the fault hits one attempt
  expect always;  // the fault hits every attempt (queued retry.max_attempts times)
};

using code = grpc::StatusCode;
const std::vector<row> matrix = {
    {"status:500", ok(2), fail(code::UNAVAILABLE, "PROCESSOR_ERROR", max_attempts)},
    {"status:503", ok(2), fail(code::UNAVAILABLE, "PROCESSOR_ERROR", max_attempts)},
    {"status:503:retry-after=1", ok(2, 1000ms),
     fail(code::UNAVAILABLE, "PROCESSOR_ERROR", max_attempts, 2000ms)},
    // The simulator's Adyen 429 carries Retry-After: 1 unless told otherwise.
    {"status:429", ok(2, 1000ms),
     fail(code::RESOURCE_EXHAUSTED, "PROCESSOR_RATE_LIMITED", max_attempts, 2000ms)},
    {"status:429:retry-after=0", ok(2),
     fail(code::RESOURCE_EXHAUSTED, "PROCESSOR_RATE_LIMITED", max_attempts)},
    // Adyen 409 "resource is locked" with Transient-Error: true is retried; with false it is not.
    {"status:409", ok(2), fail(code::UNAVAILABLE, "PROCESSOR_ERROR", max_attempts)},
    {"status:409:should-retry=false", fail(code::UNAVAILABLE, "PROCESSOR_ERROR", 1),
     fail(code::UNAVAILABLE, "PROCESSOR_ERROR", 1)},
    {"status:503:should-retry=false", fail(code::UNAVAILABLE, "PROCESSOR_ERROR", 1),
     fail(code::UNAVAILABLE, "PROCESSOR_ERROR", 1)},
    {"reset", ok(2), fail(code::UNAVAILABLE, "OUTCOME_UNKNOWN", max_attempts)},
    {"reset-after-apply", ok(2), fail(code::UNAVAILABLE, "OUTCOME_UNKNOWN", max_attempts)},
    {"truncate", ok(2), fail(code::UNAVAILABLE, "OUTCOME_UNKNOWN", max_attempts)},
    // A spike below the 1.5 s request timeout only costs time.
    {"latency:800", ok(1, 800ms), ok(1, 800ms)},
    // Beyond it, the first attempt is still running at the processor when the retries arrive:
    // Adyen answers 422 704 "in progress" (Transient-Error: true) until it finishes, so the
    // call ends OUTCOME_UNKNOWN and the caller's later retry gets the one payment.
    {"latency:2500", fail(code::OK, "OUTCOME_UNKNOWN", max_attempts, 1500ms),
     fail(code::OK, "OUTCOME_UNKNOWN", 0, 1500ms)},
    // Headers at once, then the body one byte per 200 ms: the attempt's timeout ends it; the
    // simulator did not apply it.
    {"slow-loris:200", ok(2, 1500ms),
     fail(code::DEADLINE_EXCEEDED, "OUTCOME_UNKNOWN", max_attempts, 4500ms)},
    // A 200 whose body is not JSON: the processor answered (maybe after charging), so it is not
    // sent again; the caller reads the state or retries with the same key.
    {"garble", fail(code::UNAVAILABLE, "BAD_PROCESSOR_REPLY", 1),
     fail(code::UNAVAILABLE, "BAD_PROCESSOR_REPLY", 1)},
};

void PrintTo(const row& r, std::ostream* os) {
  *os << r.fault;
}

std::string name_of(const std::string& fault) {
  std::string n;
  for (char c : fault) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}

// The matrix runs against its own service whose circuit breaker never opens (the rows fail on
// purpose, and the breaker has its own suite below).
class Faults : public ::testing::TestWithParam<row> {
 protected:
  static void SetUpTestSuite() {
    svc_ = new service;
    std::string why;
    started_ = svc_->start(env().dir, "service-fault-matrix", env().ca_file, env().adyen_base(),
                           env().disputes_base(), env().stripe_base(), env().hmac_key, free_port(),
                           why, "", "[connectors.adyen.circuit_breaker]\nmin_calls = 1000000\n");
    if (!started_) std::fprintf(stderr, "matrix service: %s\n", why.c_str());
    env().extra_logs.push_back(svc_->log_path);
  }
  static void TearDownTestSuite() {
    svc_->disconnect();
    EXPECT_EQ(svc_->proc.stop(), 0);
    delete svc_;
  }
  void TearDown() override { env().sim_client->request("DELETE", "/_sim/faults"); }

  static void check(const std::string& fault, const expect& want, const outcome& o) {
    if (want.ok) {
      ASSERT_TRUE(o.status.ok()) << fault << ": " << describe(o.status);
      EXPECT_EQ(o.res.status(), v1::PAYMENT_STATUS_CHARGED) << fault;
    } else {
      ASSERT_FALSE(o.status.ok()) << fault;
      if (want.code != code::OK) EXPECT_EQ(o.status.error_code(), want.code) << describe(o.status);
      EXPECT_EQ(error_info(o.status).reason(), want.reason) << fault << ": " << describe(o.status);
      if (want.attempts > 1) EXPECT_EQ(meta(o.status, "retryable"), "true") << fault;
      if (want.attempts > 1)
        EXPECT_NE(
            o.status.error_message().find("after " + std::to_string(want.attempts) + " attempts"),
            std::string::npos)
            << o.status.error_message();
    }
    if (want.attempts > 0) EXPECT_EQ(o.attempts, want.attempts) << fault;
    EXPECT_GE(o.took, want.min_took) << fault;
    EXPECT_LT(o.took, 9s) << fault;
  }

  // Whatever happened, the caller's own retry with the same request ends with one payment
  // (after the processor finished anything still running), charged once.
  static void caller_retry_charges_once(const std::string& fault, const std::string& ref,
                                        int double_charges_before) {
    env().sim_client->request("DELETE", "/_sim/faults");
    outcome again;
    ASSERT_TRUE(eventually(
        [&] {
          again = authorize_on(*svc_, ref);
          return again.status.ok();
        },
        6s))
        << fault << ": " << describe(again.status);
    auto state = env().payment_state(again.res.connector_payment_id());
    EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1) << fault;
    EXPECT_EQ(double_charges(), double_charges_before) << fault;
  }

  static inline service* svc_ = nullptr;
  static inline bool started_ = false;
};

std::string param_name(const ::testing::TestParamInfo<row>& info) {
  return name_of(info.param.fault);
}

}  // namespace

TEST_P(Faults, FaultOnOneAttempt) {
  ASSERT_TRUE(started_);
  auto& r = GetParam();
  auto ref = "e2e-matrix-once-" + name_of(r.fault);
  auto before = double_charges();
  env().queue_fault(r.fault, "/adyen/v71/payments", 1);
  check(r.fault, r.once, authorize_on(*svc_, ref));
  caller_retry_charges_once(r.fault, ref, before);
}

TEST_P(Faults, FaultOnEveryAttempt) {
  ASSERT_TRUE(started_);
  auto& r = GetParam();
  auto ref = "e2e-matrix-all-" + name_of(r.fault);
  auto before = double_charges();
  env().queue_fault(r.fault, "/adyen/v71/payments", max_attempts);
  check(r.fault, r.always, authorize_on(*svc_, ref));
  caller_retry_charges_once(r.fault, ref, before);
}

INSTANTIATE_TEST_SUITE_P(Matrix, Faults, ::testing::ValuesIn(matrix), param_name);

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
  auto text = http_request(svc_->http_port, "GET", "/metrics").body;
  std::string lines;  // for the failure message
  for (size_t at = 0; (at = text.find("\nconnector_service_tls", at)) != std::string::npos; ++at)
    lines += text.substr(at, text.find('\n', at + 1) - at);
  // Two workers with no idle connections: every call but each worker's first resumes.
  EXPECT_GE(metric(R"(connector_service_tls_handshakes_total{client="adyen",resumed="true"})"), 1)
      << lines;
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

// A service whose breaker opens after 4 calls of which half failed, for one second.
class CircuitBreaker : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = new service;
    std::string why;
    started_ = svc_->start(env().dir, "service-breaker", env().ca_file, env().adyen_base(),
                           env().disputes_base(), env().stripe_base(), env().hmac_key, free_port(),
                           why, "",
                           "[connectors.adyen.retry]\nmax_attempts = 1\n"
                           "[connectors.adyen.circuit_breaker]\nmin_calls = 4\n"
                           "failure_percent = 50\nopen_ms = 1000\n");
    if (!started_) std::fprintf(stderr, "breaker service: %s\n", why.c_str());
    env().extra_logs.push_back(svc_->log_path);
  }
  static void TearDownTestSuite() {
    svc_->disconnect();
    EXPECT_EQ(svc_->proc.stop(), 0);
    delete svc_;
  }
  static double state() {
    auto text = http_request(svc_->http_port, "GET", "/metrics").body;
    std::string series =
        R"(connector_service_circuit_breaker_state{connector="adyen",endpoint="default"} )";
    auto at = text.find(series);
    return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size()));
  }
  static inline service* svc_ = nullptr;
  static inline bool started_ = false;
};

TEST_F(CircuitBreaker, OpensOnFailuresAnswersFastThenRecoversThroughAProbe) {
  ASSERT_TRUE(started_);
  EXPECT_EQ(state(), 0);
  env().queue_fault("status:500", "/adyen/v71/payments", 4);
  for (int i = 0; i < 4; ++i) {
    auto o = authorize_on(*svc_, "e2e-breaker-fail-" + std::to_string(i));
    EXPECT_EQ(error_info(o.status).reason(), "PROCESSOR_ERROR") << describe(o.status);
  }
  EXPECT_EQ(state(), 1);
  auto before = env().stats().at("requests");
  auto o = authorize_on(*svc_, "e2e-breaker-refused");
  EXPECT_EQ(o.status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(o.status);
  EXPECT_EQ(error_info(o.status).reason(), "CIRCUIT_OPEN");
  EXPECT_EQ(o.attempts, 0);
  EXPECT_LT(o.took, 100ms);
  EXPECT_EQ(env().stats().at("requests"), before) << "nothing may reach the processor";
  std::this_thread::sleep_for(1100ms);
  auto probe = authorize_on(*svc_, "e2e-breaker-probe");
  ASSERT_TRUE(probe.status.ok()) << describe(probe.status);
  EXPECT_EQ(state(), 0);
  EXPECT_TRUE(authorize_on(*svc_, "e2e-breaker-closed").status.ok());
}

}  // namespace e2e
