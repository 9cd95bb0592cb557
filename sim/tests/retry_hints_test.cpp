// Status faults with retry hints: Retry-After, Stripe-Should-Retry, Adyen Transient-Error, each in
// the processor's own error shape.

#include "razorpay_fixture.hpp"
#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class retry_hints : public stripe_test {
 protected:
  http_reply adyen_fault(const std::string& spec) {
    return adyen("/v71/payments", payment_body("APPROVED"), {{"X-Sim-Fault", spec}});
  }
  http_reply stripe_fault(const std::string& spec) {
    return pay("pm_card_visa", false, 1000, {}, {{"X-Sim-Fault", spec}});
  }
  http_reply razorpay_fault(const std::string& spec) {
    return client_->request("POST", "/razorpay/v1/orders",
                            R"({"amount":50000,"currency":"INR","receipt":"r"})",
                            {{"Authorization", basic_auth(rzp_key_id, rzp_key_secret)},
                             {"Content-Type", "application/json"},
                             {"X-Sim-Fault", spec}});
  }
  static bool has(const http_reply& r, const std::string& header) {
    return r.headers.count(header) > 0;
  }
};

TEST_F(retry_hints, adyen_retry_after_option_overrides_the_default_and_409_is_transient) {
  auto r429 = adyen_fault("status:429");
  EXPECT_EQ(r429.status, 429);
  EXPECT_EQ(r429.header("retry-after"), "1");  // the default, unchanged
  EXPECT_EQ(r429.json().at("errorType"), "internal");
  EXPECT_EQ(s(r429.json().at("pspReference")).size(), 16u);

  EXPECT_EQ(adyen_fault("status:429:retry-after=7").header("retry-after"), "7");
  auto r503 = adyen_fault("status:503:retry-after=2");
  EXPECT_EQ(r503.status, 503);
  EXPECT_EQ(r503.header("retry-after"), "2");
  EXPECT_EQ(r503.json().at("status").as_int64(), 503);

  auto r409 = adyen_fault("status:409");
  EXPECT_EQ(r409.status, 409);
  EXPECT_EQ(r409.json().at("errorCode"), "704");
  EXPECT_EQ(r409.json().at("errorType"), "validation");
  EXPECT_EQ(r409.header("transient-error"), "true");
  EXPECT_EQ(adyen_fault("status:409:should-retry=false").header("transient-error"), "false");

  auto r500 = adyen_fault("status:500");
  EXPECT_FALSE(has(r500, "transient-error"));
  EXPECT_FALSE(has(r500, "retry-after"));
  EXPECT_EQ(get("/_sim/stats").json().at("charges").as_int64(), 0);
}

TEST_F(retry_hints, stripe_5xx_and_409_carry_should_retry_and_the_option_sets_it) {
  auto r500 = stripe_fault("status:500");
  EXPECT_EQ(r500.status, 500);
  EXPECT_EQ(error_of(r500).at("type"), "api_error");
  EXPECT_EQ(r500.header("stripe-should-retry"), "true");
  EXPECT_EQ(r500.header("request-id").rfind("req_", 0), 0u);

  auto r409 = stripe_fault("status:409");
  EXPECT_EQ(r409.status, 409);
  EXPECT_EQ(error_of(r409).at("type"), "idempotency_error");
  EXPECT_EQ(error_of(r409).at("code"), "idempotency_key_in_use");
  EXPECT_EQ(r409.header("stripe-should-retry"), "true");
  EXPECT_EQ(stripe_fault("status:409:should-retry=false").header("stripe-should-retry"), "false");

  auto r429 = stripe_fault("status:429");
  EXPECT_EQ(error_of(r429).at("type"), "rate_limit_error");
  EXPECT_FALSE(has(r429, "stripe-should-retry"));  // Stripe documents neither for 429
  EXPECT_FALSE(has(r429, "retry-after"));
  EXPECT_EQ(stripe_fault("status:429:retry-after=1").header("retry-after"), "1");

  auto r503 = stripe_fault("status:503:retry-after=0:should-retry=true");
  EXPECT_EQ(r503.status, 503);
  EXPECT_EQ(r503.header("retry-after"), "0");
  EXPECT_EQ(r503.header("stripe-should-retry"), "true");
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 0);
}

TEST_F(retry_hints, razorpay_keeps_its_error_shape_and_gets_retry_after_only_when_asked) {
  auto r429 = razorpay_fault("status:429:retry-after=3");
  EXPECT_EQ(r429.status, 429);
  EXPECT_EQ(r429.header("retry-after"), "3");
  EXPECT_EQ(r429.json().at("error").at("code"), "BAD_REQUEST_ERROR");
  EXPECT_EQ(r429.json().at("error").at("description"), "Too many requests");
  auto r503 = razorpay_fault("status:503");
  EXPECT_EQ(r503.json().at("error").at("code"), "SERVER_ERROR");
  EXPECT_FALSE(has(r503, "retry-after"));
  EXPECT_EQ(get("/_sim/stats").json().at("razorpay").at("orders").as_int64(), 0);
}

TEST_F(retry_hints, queued_and_configured_faults_take_the_options_too) {
  auto q = client_->request("POST", "/_sim/faults",
                            R"({"path_prefix":"/adyen","fault":"status:503:retry-after=4"})");
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).header("retry-after"), "4");
  EXPECT_EQ(
      client_->request("POST", "/_sim/faults", R"({"fault":"status:503:retry-after=x"})").status,
      400);

  sim_config cfg;
  cfg.faults.push_back(*parse_scoped_fault("/stripe=status:429:retry-after=2"));
  start(cfg);
  EXPECT_EQ(stripe_fault("").header("retry-after"), "2");
}

}  // namespace
}  // namespace processor_sim::testing
