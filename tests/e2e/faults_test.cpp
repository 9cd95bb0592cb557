// The fault matrix (issue #5): for each fault the simulator injects into Adyen authorizations,
// the unified outcome when the fault is transient (one attempt hit: the service retries it away
// with the same idempotency key) and when it persists through every attempt (retry.max_attempts
// = 3 in the e2e config). Every row also checks that the simulator saw no double charge.

#include <future>

#include "harness.hpp"
#include "razorpay.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

constexpr int max_attempts = 3;  // the service's default retry.max_attempts

authorize_outcome authorize(const std::string& reference,
                            std::chrono::milliseconds deadline = 10s) {
  return adyen_authorize(env().svc, reference, deadline);
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
    {"reset", ok(2), fail(code::UNKNOWN, "OUTCOME_UNKNOWN", max_attempts)},
    {"reset-after-apply", ok(2), fail(code::UNKNOWN, "OUTCOME_UNKNOWN", max_attempts)},
    {"truncate", ok(2), fail(code::UNKNOWN, "OUTCOME_UNKNOWN", max_attempts)},
    // A spike below the 1.5 s request timeout only costs time.
    {"latency:800", ok(1, 800ms), ok(1, 800ms)},
    // Beyond it, the first attempt is still running at the processor when the retries arrive:
    // Adyen answers 422 704 "in progress" (Transient-Error: true) until it finishes, so the
    // call ends OUTCOME_UNKNOWN and the caller's later retry gets the one payment.
    {"latency:2500", fail(code::OK, "OUTCOME_UNKNOWN", max_attempts, 1500ms),
     fail(code::OK, "OUTCOME_UNKNOWN", 0, 1500ms)},
    // Headers at once, then the body one byte per 200 ms: the attempt's timeout ends it; the
    // simulator did not apply it.
    {"slow-loris:200", ok(2, 1500ms), fail(code::UNKNOWN, "OUTCOME_UNKNOWN", max_attempts, 4500ms)},
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
    svc_ = start_side_service("service-fault-matrix",
                              "[connectors.adyen.circuit_breaker]\nmin_calls = 1000000\n");
  }
  static void TearDownTestSuite() { stop_side_service(svc_); }
  void TearDown() override { env().sim_client->request("DELETE", "/_sim/faults"); }

  static void check(const std::string& fault, const expect& want, const authorize_outcome& o) {
    if (want.ok) {
      ASSERT_TRUE(o.status.ok()) << fault << ": " << describe(o.status);
      EXPECT_EQ(o.res.status(), v1::PAYMENT_STATUS_CHARGED) << fault;
    } else {
      ASSERT_FALSE(o.status.ok()) << fault;
      if (want.code != code::OK) {
        EXPECT_EQ(o.status.error_code(), want.code) << describe(o.status);
      }
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
    authorize_outcome again;
    ASSERT_TRUE(eventually(
        [&] {
          again = adyen_authorize(*svc_, ref);
          return again.status.ok();
        },
        6s))
        << fault << ": " << describe(again.status);
    auto state = env().payment_state(again.res.connector_payment_id());
    EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1) << fault;
    EXPECT_EQ(double_charges(), double_charges_before) << fault;
  }

  static inline std::unique_ptr<service> svc_;
};

std::string param_name(const ::testing::TestParamInfo<row>& info) {
  return name_of(info.param.fault);
}

}  // namespace

TEST_P(Faults, FaultOnOneAttempt) {
  ASSERT_TRUE(svc_);
  auto& r = GetParam();
  auto ref = "e2e-matrix-once-" + name_of(r.fault);
  auto before = double_charges();
  env().queue_fault(r.fault, "/adyen/v71/payments", 1);
  check(r.fault, r.once, adyen_authorize(*svc_, ref));
  caller_retry_charges_once(r.fault, ref, before);
}

TEST_P(Faults, FaultOnEveryAttempt) {
  ASSERT_TRUE(svc_);
  auto& r = GetParam();
  auto ref = "e2e-matrix-all-" + name_of(r.fault);
  auto before = double_charges();
  env().queue_fault(r.fault, "/adyen/v71/payments", max_attempts);
  check(r.fault, r.always, adyen_authorize(*svc_, ref));
  caller_retry_charges_once(r.fault, ref, before);
}

INSTANTIATE_TEST_SUITE_P(Matrix, Faults, ::testing::ValuesIn(matrix), param_name);

TEST(FaultRules, ClientDeadlineBoundsTheWholeCall) {
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
  // Razorpay's payment create carries no idempotency key: the pool does not resend it, and the
  // call says the outcome is unknown (the caller's retry looks the order up first).
  env().queue_fault("status:500", "/razorpay/v1/payments/create/json", 1);
  v1::Payment res;
  auto c = razorpay_ctx();
  auto s = env().svc.payments->Authorize(
      c.get(), rzp::card_authorize("e2e-rzp-nokey-500", 25000, true), &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNKNOWN) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN");
  auto& md = c->GetServerTrailingMetadata();
  auto it = md.find("x-processor-attempts");
  ASSERT_NE(it, md.end());
  // One attempt for each step (order lookup, order, payment): the payment create was not resent.
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "3");
  env().sim_client->request("DELETE", "/_sim/faults");
}

}  // namespace e2e
