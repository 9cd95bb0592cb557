// slow-loris (headers, then a dripping body) and tls-fail (the next handshake gets an alert),
// both against real TLS clients.

#include "sim_fixture.hpp"

#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

#include <chrono>

namespace processor_sim::testing {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

class slow_loris : public sim_test {
 protected:
  std::int64_t charges() { return get("/_sim/stats").json().at("charges").as_int64(); }
};

TEST_F(slow_loris, a_client_with_a_total_timeout_gives_up_mid_body_and_nothing_is_applied) {
  tls_client impatient(app_->tls().ca_cert_pem, app_->port());
  impatient.set_timeout(400ms);
  const auto started = clock_type::now();
  auto r = impatient.request("POST", "/adyen/v71/payments",
                             boost::json::serialize(payment_body("APPROVED")),
                             {{"X-API-Key", api_key}, {"X-Sim-Fault", "slow-loris:50"}});
  const auto took = clock_type::now() - started;
  EXPECT_EQ(r.error, boost::beast::error::timeout);
  EXPECT_EQ(r.status, 500);  // the head came at once
  EXPECT_GT(r.content_length, 0u);
  EXPECT_LT(r.body.size(), r.content_length);
  EXPECT_GT(r.body.size(), 0u);  // and the body started dripping
  EXPECT_GE(took, 400ms);
  EXPECT_LT(took, 2s);
  EXPECT_EQ(charges(), 0);
  EXPECT_EQ(get("/_sim/stats").json().at("faults_injected").as_int64(), 1);
}

TEST_F(slow_loris, a_patient_client_reads_a_retryable_error_in_the_processor_format) {
  const auto started = clock_type::now();
  auto r = adyen("/v71/payments", payment_body("APPROVED"), {{"X-Sim-Fault", "slow-loris:2"}});
  const auto took = clock_type::now() - started;
  ASSERT_FALSE(r.error) << r.error.message();
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.json().at("errorType"), "internal");
  EXPECT_GE(took, std::chrono::milliseconds(2 * r.body.size()));
  EXPECT_EQ(charges(), 0);
  // The connection stays usable afterwards.
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);
  EXPECT_EQ(client_->connections(), 1u);
}

class tls_fail : public sim_test {};

TEST_F(tls_fail, a_queued_tls_fail_breaks_the_next_handshake_only) {
  ASSERT_EQ(get("/_sim/health").status, 200);  // connected before the fault is queued
  auto q = client_->request("POST", "/_sim/faults", R"({"fault":"tls-fail"})");
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.json().at("queued").as_int64(), 1);

  tls_client fresh(app_->tls().ca_cert_pem, app_->port());
  const auto ec = fresh.handshake();
  ASSERT_TRUE(ec);
  EXPECT_EQ(&ec.category(), &boost::asio::error::get_ssl_category()) << ec.message();
  EXPECT_NE(ec.message().find("handshake failure"), std::string::npos) << ec.message();

  tls_client next(app_->tls().ca_cert_pem, app_->port());
  EXPECT_FALSE(next.handshake());

  // The kept-alive connection that queued the fault never noticed.
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);
  auto stats = get("/_sim/stats").json();
  EXPECT_EQ(client_->connections(), 1u);
  EXPECT_EQ(stats.at("tls_failures").as_int64(), 1);
  EXPECT_EQ(stats.at("faults_queued").as_int64(), 0);
  EXPECT_EQ(stats.at("faults_injected").as_int64(), 1);
}

TEST_F(tls_fail, count_clear_header_and_prefix_rules) {
  ASSERT_EQ(client_->request("POST", "/_sim/faults", R"({"fault":"tls-fail","count":2})").status,
            200);
  EXPECT_EQ(get("/_sim/stats").json().at("faults_queued").as_int64(), 2);
  tls_client a(app_->tls().ca_cert_pem, app_->port());
  EXPECT_TRUE(a.handshake());
  EXPECT_EQ(client_->request("DELETE", "/_sim/faults").status, 200);
  tls_client b(app_->tls().ca_cert_pem, app_->port());
  EXPECT_FALSE(b.handshake());  // the second one was cleared

  // A handshake has no path: a prefix is refused, and the request header cannot select it.
  EXPECT_EQ(
      client_->request("POST", "/_sim/faults", R"({"fault":"tls-fail","path_prefix":"/adyen"})")
          .status,
      400);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED"), {{"X-Sim-Fault", "tls-fail"}}).status,
            200);
  tls_client c(app_->tls().ca_cert_pem, app_->port());
  EXPECT_FALSE(c.handshake());
}

TEST_F(tls_fail, configured_tls_fail_breaks_every_handshake) {
  sim_config cfg;
  cfg.faults.push_back(*parse_scoped_fault("tls-fail"));
  start(cfg);
  for (int i = 0; i < 3; ++i) {
    tls_client c(app_->tls().ca_cert_pem, app_->port());
    EXPECT_TRUE(c.handshake()) << "handshake " << i;
  }
  EXPECT_TRUE(get("/_sim/health").error);  // control routes too: wait on DIR/port instead
}

}  // namespace
}  // namespace processor_sim::testing
