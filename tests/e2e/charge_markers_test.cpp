// Charge markers (issue 18): Braintree takes no idempotency key, so two replicas that run the
// same charge at once would both find no earlier transaction by orderId and both charge. Two
// connector-service instances share a real redis-server; the simulator delays every Braintree
// call so that the two calls overlap. Exactly one charge may exist, the other call is answered
// "retry with the same key" (or the same payment); once the first is over, the retry returns the
// same payment. With Redis gone a charge still goes through, counted as a fallback.

#include <future>

#include "../support/redis_server.hpp"
#include "harness.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

std::string braintree_base() {
  auto rzp = env().razorpay_base();
  return rzp.substr(0, rzp.rfind('/')) + "/braintree";
}

std::string redis_config(std::uint16_t port) {
  return "[redis]\naddress = \"127.0.0.1:" + std::to_string(port) +
         "\"\nkey_prefix = \"e2e-markers:\"\ncommand_timeout_ms = 200\n";
}

v1::AuthorizeRequest sale(const std::string& reference) {
  v1::AuthorizeRequest r;
  r.set_connector("braintree");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(2150, "USD");
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number("4111111111111111");
  card->set_expiry_month(11);
  card->set_expiry_year(2031);
  card->set_cvc(cvv_braintree);
  card->set_holder_name("Asha Rao");
  r.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  return r;
}

struct answer {
  grpc::Status status;
  v1::Payment payment;
};

// One Authorize with a fixed idempotency key through `svc`.
answer call(service& svc, const v1::AuthorizeRequest& req, const std::string& key) {
  answer a;
  auto r = req;
  r.set_idempotency_key(key);
  a.status = svc.payments->Authorize(ctx(braintree_account).get(), r, &a.payment);
  return a;
}

void faults_off() {
  env().sim_post("/_sim/fault-rate", boost::json::object{{"rate", 0.0}, {"path_prefix", ""}});
}

std::int64_t bt_stat(const char* name) {
  return env().stats().at("braintree").at(name).as_int64();
}

class ChargeMarkers : public ::testing::Test {
 protected:
  void SetUp() override {
    auto extra = braintree_config(braintree_base()) + redis_config(redis_.port());
    a_ = start_side_service("service-markers-a", extra);
    b_ = start_side_service("service-markers-b", extra);
    ASSERT_TRUE(a_ && b_);
  }
  void TearDown() override {
    faults_off();
    if (a_) stop_side_service(a_);
    if (b_) stop_side_service(b_);
  }

  cs::test_support::redis_server redis_;
  std::unique_ptr<service> a_, b_;
};

TEST_F(ChargeMarkers, TwoReplicasRunningOneChargeChargeOnceAndTheRetryGetsThatPayment) {
  // Every Braintree call waits 400 ms: both calls look up the orderId before either charges.
  ASSERT_EQ(env()
                .sim_post("/_sim/fault-rate",
                          boost::json::object{{"rate", 1.0},
                                              {"seed", 18},
                                              {"mix", boost::json::array{"latency:400"}},
                                              {"path_prefix", "/braintree"}})
                .status,
            200);
  const auto charges = bt_stat("charges");
  const auto doubles = bt_stat("double_charges");
  auto req = sale("e2e-markers-concurrent");
  auto first = std::async(std::launch::async, [&] { return call(*a_, req, "e2e-markers-k1"); });
  std::this_thread::sleep_for(50ms);
  auto second = call(*b_, req, "e2e-markers-k1");
  auto one = first.get();

  ASSERT_TRUE(one.status.ok()) << one.status.error_message();
  EXPECT_EQ(one.payment.status(), v1::PAYMENT_STATUS_CHARGED);
  ASSERT_FALSE(second.status.ok()) << "the second run was not stopped by the marker";
  EXPECT_EQ(second.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(meta(second.status, "retryable"), "true");
  EXPECT_NE(second.status.error_message().find("nothing was sent"), std::string::npos)
      << second.status.error_message();
  EXPECT_EQ(bt_stat("charges"), charges + 1);
  EXPECT_EQ(bt_stat("double_charges"), doubles);

  // The first call settled, so its marker is gone: the retry (on the other replica, same key)
  // runs and finds the charge by orderId instead of charging again.
  faults_off();
  auto retry = call(*b_, req, "e2e-markers-k1");
  ASSERT_TRUE(retry.status.ok()) << retry.status.error_message();
  EXPECT_EQ(retry.payment.connector_payment_id(), one.payment.connector_payment_id());
  EXPECT_EQ(bt_stat("charges"), charges + 1);
  EXPECT_EQ(redis_.run("KEYS e2e-markers:charge:*"), "");
}

TEST_F(ChargeMarkers, WithRedisDownAChargeStillGoesThroughAndTheFallbackIsCounted) {
  redis_.stop();
  const auto charges = bt_stat("charges");
  auto r = call(*a_, sale("e2e-markers-redis-down"), "e2e-markers-k2");
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  EXPECT_EQ(r.payment.status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(bt_stat("charges"), charges + 1);
  EXPECT_GE(metric_value(*a_,
                         "connector_service_redis_fallbacks_total{use=\"charge_marker\","
                         "reason=\"unreachable\"}"),
            1);
}

}  // namespace
}  // namespace e2e
