// Failures to get an answer: processor faults injected by the simulator, deadlines, an
// unreachable processor, and idempotent retries.

#include "harness.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

grpc::Status authorize(const std::string& reference, v1::PaymentResponse* res = nullptr,
                       std::chrono::milliseconds deadline = 10s) {
  v1::PaymentResponse ignored;
  return env().svc.payments->Authorize(ctx("demo", deadline).get(),
                                       authorize_request(reference, "APPROVED", 1000, false),
                                       res ? res : &ignored);
}

class Faults : public ::testing::Test {
 protected:
  void TearDown() override { env().sim_client->request("DELETE", "/_sim/faults"); }
};

TEST_F(Faults, Status500IsProcessorError) {
  env().queue_fault("status:500");
  auto s = authorize("e2e-fault-500");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_ERROR");
  EXPECT_EQ(meta(s, "retryable"), "true");
  EXPECT_EQ(meta(s, "flow"), "authorize");
}

TEST_F(Faults, Status429IsRateLimited) {
  env().queue_fault("status:429");
  auto s = authorize("e2e-fault-429");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_RATE_LIMITED");
}

TEST_F(Faults, ResetIsOutcomeUnknown) {
  env().queue_fault("reset");
  auto s = authorize("e2e-fault-reset");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN");
}

TEST_F(Faults, SlowProcessorHitsTheRequestTimeout) {
  env().queue_fault("latency:3000");
  auto start = std::chrono::steady_clock::now();
  auto s = authorize("e2e-fault-latency");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN");
  EXPECT_LT(took, 3s);
  EXPECT_GE(took, 1400ms);
}

TEST_F(Faults, TruncatedReplyIsOutcomeUnknown) {
  env().queue_fault("truncate");
  auto s = authorize("e2e-fault-truncate");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
}

TEST_F(Faults, GarbledReplyIsBadProcessorReply) {
  env().queue_fault("garble");
  auto s = authorize("e2e-fault-garble");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_PROCESSOR_REPLY");
}

TEST_F(Faults, ClientDeadlineBoundsTheCall) {
  env().queue_fault("latency:2000");
  auto start = std::chrono::steady_clock::now();
  auto s = authorize("e2e-fault-client-deadline", nullptr, 300ms);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << describe(s);
  EXPECT_LT(took, 1500ms);
}

TEST_F(Faults, SameIdempotencyKeyChargesOnce) {
  auto req = authorize_request("e2e-idem", "APPROVED", 1000, false);
  req.set_idempotency_key("e2e-idem-key-1");
  v1::PaymentResponse a, b;
  auto s = env().svc.payments->Authorize(ctx().get(), req, &a);
  ASSERT_TRUE(s.ok()) << describe(s);
  s = env().svc.payments->Authorize(ctx().get(), req, &b);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_FALSE(a.connector_payment_id().empty());
  EXPECT_EQ(a.connector_payment_id(), b.connector_payment_id());
  EXPECT_EQ(a.status(), b.status());
  auto state = env().payment_state(a.connector_payment_id());
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
  auto stats = env().sim_get("/_sim/stats");
  ASSERT_EQ(stats.status, 200);
  EXPECT_EQ(stats.json().at("double_charges"), 0);
}

TEST_F(Faults, RetryAfterOutcomeUnknownDoesNotChargeTwice) {
  env().queue_fault("reset-after-apply");
  auto req = authorize_request("e2e-idem-reset", "APPROVED", 1000, false);
  v1::PaymentResponse res;
  auto s = env().svc.payments->Authorize(ctx().get(), req, &res);
  ASSERT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
  // The caller retries with the same request (the key is derived from merchant_reference).
  s = env().svc.payments->Authorize(ctx().get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED);
  auto state = env().payment_state(res.connector_payment_id());
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
  auto stats = env().sim_get("/_sim/stats");
  EXPECT_EQ(stats.json().at("double_charges"), 0);
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

TEST_F(Unreachable, ClosedPortIsProcessorUnreachable) {
  ASSERT_TRUE(started_);
  v1::PaymentResponse res;
  auto start = std::chrono::steady_clock::now();
  auto s = svc_->payments->Authorize(
      ctx().get(), authorize_request("e2e-unreachable", "APPROVED", 1000, false), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_UNREACHABLE");
  EXPECT_EQ(meta(s, "retryable"), "true");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

}  // namespace
}  // namespace e2e
