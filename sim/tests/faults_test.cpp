#include "sim_fixture.hpp"

#include <chrono>

namespace processor_sim::testing {
namespace {

class faults_test : public sim_test {
 protected:
  http_reply pay_with_fault(const std::string& spec, const std::string& key = {}) {
    std::map<std::string, std::string> headers{{"X-Sim-Fault", spec}};
    if (!key.empty()) headers["Idempotency-Key"] = key;
    return adyen("/v71/payments", payment_body("APPROVED"), headers);
  }
  std::int64_t charges() { return get("/_sim/stats").json().at("charges").as_int64(); }
};

TEST_F(faults_test, status_faults_answer_in_adyen_error_format_without_charging) {
  auto r500 = pay_with_fault("status:500");
  EXPECT_EQ(r500.status, 500);
  EXPECT_EQ(r500.json().at("errorType"), "internal");
  EXPECT_EQ(r500.json().at("status").as_int64(), 500);
  EXPECT_EQ(pay_with_fault("status:503").status, 503);
  auto r429 = pay_with_fault("status:429");
  EXPECT_EQ(r429.status, 429);
  EXPECT_EQ(r429.header("retry-after"), "1");
  EXPECT_EQ(charges(), 0);
}

TEST_F(faults_test, reset_closes_without_answer_and_without_charging) {
  auto r = pay_with_fault("reset");
  EXPECT_TRUE(r.error);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(charges(), 0);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);  // reconnects
}

TEST_F(faults_test, reset_after_apply_charges_and_retry_with_same_key_replays) {
  auto r = pay_with_fault("reset-after-apply", "retry-key");
  EXPECT_TRUE(r.error);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(charges(), 1);
  auto retry = adyen("/v71/payments", payment_body("APPROVED"), {{"Idempotency-Key", "retry-key"}});
  EXPECT_EQ(retry.status, 200);
  EXPECT_EQ(charges(), 1);
  EXPECT_EQ(get("/_sim/stats").json().at("double_charges").as_int64(), 0);
}

TEST_F(faults_test, truncate_sends_half_the_promised_body) {
  auto r = pay_with_fault("truncate");
  EXPECT_TRUE(r.error);
  EXPECT_EQ(r.status, 200);
  EXPECT_GT(r.content_length, 0u);
  EXPECT_LT(r.body.size(), r.content_length);
}

TEST_F(faults_test, garble_is_200_with_a_body_that_is_not_json) {
  auto r = pay_with_fault("garble");
  EXPECT_FALSE(r.error);
  EXPECT_EQ(r.status, 200);
  boost::system::error_code ec;
  boost::json::parse(r.body, ec);
  EXPECT_TRUE(ec);
  EXPECT_EQ(charges(), 0);
}

TEST_F(faults_test, latency_delays_then_answers_normally) {
  const auto started = std::chrono::steady_clock::now();
  auto r = pay_with_fault("latency:150");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(elapsed, std::chrono::milliseconds(150));
  EXPECT_EQ(r.json().at("resultCode"), "Authorised");
}

TEST_F(faults_test, queued_faults_apply_count_times_to_matching_paths_and_clear) {
  auto q =
      client_->request("POST", "/_sim/faults",
                       R"({"path_prefix":"/adyen/v71/payments","fault":"status:503","count":2})");
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 503);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 503);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);

  client_->request("POST", "/_sim/faults", R"({"fault":"status:500","count":5})");
  EXPECT_EQ(client_->request("DELETE", "/_sim/faults").status, 200);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);
  EXPECT_EQ(client_->request("POST", "/_sim/faults", R"({"fault":"boom"})").status, 400);
}

TEST_F(faults_test, configured_faults_and_latency_apply_to_their_prefix_only) {
  sim_config cfg;
  cfg.faults.push_back(*parse_scoped_fault("/adyen/v71/payments/details=status:500"));
  cfg.latency_ms = 60;
  start(cfg);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(60));
  EXPECT_EQ(adyen("/v71/payments/details", {{"details", {{"redirectResult", "x"}}}}).status, 500);
  auto stats = get("/_sim/stats").json();
  EXPECT_EQ(stats.at("faults_injected").as_int64(), 1);
  EXPECT_EQ(stats.at("requests").as_int64(), 2);
}

}  // namespace
}  // namespace processor_sim::testing
