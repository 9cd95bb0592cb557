// The common faults on the PayPal routes, beyond those in paypal_payments_test: reset,
// status-after-apply, slow-loris, random faults and tls-fail on a PayPal client's new connection.
#include "paypal_fixture.hpp"

#include <chrono>

namespace processor_sim::testing {
namespace {

using namespace std::chrono_literals;

class paypal_faults : public paypal_test {
 protected:
  std::int64_t charges() { return paypal_stats().at("charges").as_int64(); }
};

TEST_F(paypal_faults, reset_applies_nothing) {
  auto r = post("/v2/checkout/orders", card_order("CAPTURE"), {{"X-Sim-Fault", "reset"}});
  EXPECT_TRUE(r.error);
  EXPECT_EQ(charges(), 0);
  EXPECT_EQ(paypal_stats().at("orders").as_int64(), 0);
}

TEST_F(paypal_faults, status_after_apply_charges_then_answers_a_paypal_error) {
  std::map<std::string, std::string> h{{"PayPal-Request-Id", "saa-key"},
                                       {"X-Sim-Fault", "status-after-apply:500"}};
  auto r = post("/v2/checkout/orders", card_order("CAPTURE"), h);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.json().at("name"), "INTERNAL_SERVER_ERROR");
  EXPECT_EQ(charges(), 1);
  auto retry =
      post("/v2/checkout/orders", card_order("CAPTURE"), {{"PayPal-Request-Id", "saa-key"}});
  EXPECT_EQ(retry.status, 200);  // the retry with the same id finds the charge
  EXPECT_EQ(charges(), 1);
  EXPECT_EQ(paypal_stats().at("double_charges").as_int64(), 0);
}

TEST_F(paypal_faults, slow_loris_drips_a_paypal_500_and_applies_nothing) {
  token();
  tls_client impatient(app_->tls().ca_cert_pem, app_->port());
  impatient.set_timeout(300ms);
  auto cut = impatient.request("POST", "/paypal/v2/checkout/orders",
                               boost::json::serialize(card_order("CAPTURE")),
                               {{"Authorization", "Bearer " + token_},
                                {"Content-Type", "application/json"},
                                {"X-Sim-Fault", "slow-loris:50"}});
  EXPECT_TRUE(cut.error);
  EXPECT_EQ(cut.status, 500);
  auto patient =
      post("/v2/checkout/orders", card_order("CAPTURE"), {{"X-Sim-Fault", "slow-loris:1"}});
  EXPECT_FALSE(patient.error);
  EXPECT_EQ(patient.status, 500);
  EXPECT_EQ(patient.json().at("name"), "INTERNAL_SERVER_ERROR");
  EXPECT_EQ(charges(), 0);
}

TEST_F(paypal_faults, random_faults_reach_paypal_paths) {
  auto set =
      client_->request("POST", "/_sim/fault-rate",
                       R"({"rate":1,"mix":["status:503"],"seed":3,"path_prefix":"/paypal/v2"})");
  ASSERT_EQ(set.status, 200) << set.body;
  auto r = post("/v2/checkout/orders", card_order("CAPTURE"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.json().at("name"), "SERVICE_UNAVAILABLE");
  client_->request("DELETE", "/_sim/fault-rate");
  EXPECT_EQ(post("/v2/checkout/orders", card_order("CAPTURE")).status, 201);
}

TEST_F(paypal_faults, tls_fail_breaks_a_new_connection_to_paypal) {
  token();
  ASSERT_EQ(client_->request("POST", "/_sim/faults", R"({"fault":"tls-fail"})").status, 200);
  tls_client fresh(app_->tls().ca_cert_pem, app_->port());
  auto r = fresh.request("GET", "/paypal/v2/checkout/orders/X", {},
                         {{"Authorization", "Bearer " + token_}});
  EXPECT_TRUE(r.error);
  EXPECT_EQ(fresh
                .request("GET", "/paypal/v2/checkout/orders/X", {},
                         {{"Authorization", "Bearer " + token_}})
                .status,
            404);
}

}  // namespace
}  // namespace processor_sim::testing
