#include "razorpay_fixture.hpp"

namespace processor_sim::testing {
namespace {

class razorpay_refunds : public razorpay_test {
 protected:
  http_reply refund(const std::string& pay, std::int64_t amount, const std::string& key = {}) {
    std::map<std::string, std::string> headers;
    if (!key.empty()) headers["X-Refund-Idempotency"] = key;
    return rzp("POST", "/v1/payments/" + pay + "/refund",
               {{"amount", amount}, {"speed", "normal"}, {"receipt", "r-1"}}, headers);
  }
};

TEST_F(razorpay_refunds, capture_must_be_the_full_authorized_amount) {
  const auto pay = paid(50000);
  auto partial =
      rzp("POST", "/v1/payments/" + pay + "/capture", {{"amount", 20000}, {"currency", "INR"}});
  EXPECT_EQ(partial.status, 400);
  EXPECT_EQ(rzp_error(partial).at("description"),
            "Capture amount must be equal to the amount authorized");
  EXPECT_EQ(rzp_error(partial).at("code"), "BAD_REQUEST_ERROR");
  auto full =
      rzp("POST", "/v1/payments/" + pay + "/capture", {{"amount", 50000}, {"currency", "INR"}});
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(full.json().at("status"), "captured");
  EXPECT_EQ(full.json().at("captured"), true);
  EXPECT_TRUE(wait_event("payment.captured", pay));
  auto twice =
      rzp("POST", "/v1/payments/" + pay + "/capture", {{"amount", 50000}, {"currency", "INR"}});
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(rzp_stats().at("captured").as_int64(), 1);
  auto uncaptured = paid(50000);
  EXPECT_EQ(refund(uncaptured, 100).status, 400);  // only captured payments refund
}

TEST_F(razorpay_refunds, several_partial_refunds_then_over_refund_is_refused) {
  const auto pay = captured(50000);
  auto first = refund(pay, 10000);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto rf = first.json().as_object();
  EXPECT_EQ(s(rf.at("id")).rfind("rfnd_", 0), 0u);
  EXPECT_EQ(rf.at("entity"), "refund");
  EXPECT_EQ(rf.at("status"), "pending");
  EXPECT_EQ(rf.at("payment_id"), pay.c_str());
  EXPECT_EQ(rf.at("speed_requested"), "normal");
  EXPECT_EQ(refund(pay, 15000).status, 200);
  auto p = payment(pay);
  EXPECT_EQ(p.at("amount_refunded").as_int64(), 25000);
  EXPECT_EQ(p.at("refund_status"), "partial");
  EXPECT_EQ(p.at("status"), "captured");
  auto over = refund(pay, 25001);
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(rzp_error(over).at("field"), "amount");
  EXPECT_EQ(refund(pay, 25000).status, 200);
  p = payment(pay);
  EXPECT_EQ(p.at("refund_status"), "full");
  EXPECT_EQ(p.at("status"), "refunded");
  EXPECT_EQ(refund(pay, 100).status, 400);

  const auto rid = s(rf.at("id"));
  auto processed = wait_event("refund.processed", rid);
  ASSERT_TRUE(processed);
  EXPECT_TRUE(signature_valid(*processed));
  EXPECT_EQ(processed->body.at("contains"), (boost::json::array{"refund", "payment"}));
  EXPECT_TRUE(wait_event("refund.created", rid));
  EXPECT_EQ(rzp("GET", "/v1/refunds/" + rid).json().at("status"), "processed");
  auto list = rzp("GET", "/v1/payments/" + pay + "/refunds").json();
  EXPECT_EQ(list.at("count").as_int64(), 3);
}

TEST_F(razorpay_refunds, idempotency_key_conflicts_while_pending_then_replays) {
  sim_config cfg;
  cfg.razorpay.refund_delay_ms = 300;
  start(cfg);
  const auto pay = captured(50000);
  auto first = refund(pay, 5000, "refund-key-1");
  ASSERT_EQ(first.status, 200) << first.body;
  auto in_flight = refund(pay, 5000, "refund-key-1");
  EXPECT_EQ(in_flight.status, 409);
  EXPECT_EQ(rzp_error(in_flight).at("code"), "BAD_REQUEST_ERROR");
  const auto rid = s(first.json().at("id"));
  ASSERT_TRUE(wait_event("refund.processed", rid));
  auto replay = refund(pay, 5000, "refund-key-1");
  ASSERT_EQ(replay.status, 200);
  EXPECT_EQ(replay.json().at("id"), rid.c_str());
  EXPECT_EQ(replay.json().at("status"), "processed");
  EXPECT_EQ(payment(pay).at("amount_refunded").as_int64(), 5000);
  EXPECT_EQ(rzp_stats().at("refunds").as_int64(), 1);
}

TEST_F(razorpay_refunds, control_route_fails_a_pending_refund) {
  sim_config cfg;
  cfg.razorpay.refund_delay_ms = 60000;
  start(cfg);
  const auto pay = captured(50000);
  const auto rid = s(refund(pay, 5000).json().at("id"));
  auto failed = client_->request("POST", "/_sim/razorpay/refunds/" + rid, R"({"status":"failed"})");
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json().at("status"), "failed");
  EXPECT_TRUE(wait_event("refund.failed", rid));
  EXPECT_EQ(payment(pay).at("amount_refunded").as_int64(), 0);
  EXPECT_TRUE(payment(pay).at("refund_status").is_null());
}

// Each pending refund is processed at its own due time; one settled earlier through the control
// route is left alone when its time comes (no second webhook, no flip to processed).
TEST_F(razorpay_refunds, each_refund_is_processed_at_its_due_time) {
  using namespace std::chrono;
  sim_config cfg;
  cfg.razorpay.refund_delay_ms = 800;
  start(cfg);
  const auto pay = captured(50000);
  const auto first = s(refund(pay, 5000).json().at("id"));
  const auto failed = s(refund(pay, 5000).json().at("id"));
  auto control =
      client_->request("POST", "/_sim/razorpay/refunds/" + failed, R"({"status":"failed"})");
  ASSERT_EQ(control.status, 200) << control.body;
  std::this_thread::sleep_for(milliseconds(400));
  const auto later_created = steady_clock::now();
  const auto later = s(refund(pay, 5000).json().at("id"));

  auto status = [&](const std::string& id) {
    return s(rzp("GET", "/v1/refunds/" + id).json().at("status"));
  };
  const auto deadline = steady_clock::now() + seconds(10);
  while (status(first) == "pending" && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(status(first), "processed");
  const auto later_status = status(later);
  if (steady_clock::now() < later_created + milliseconds(cfg.razorpay.refund_delay_ms)) {
    EXPECT_EQ(later_status, "pending");  // only meaningful while it is not due yet
  }
  while (status(later) == "pending" && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(status(later), "processed");
  EXPECT_EQ(status(failed), "failed");
  EXPECT_EQ(payment(pay).at("amount_refunded").as_int64(), 10000);
  ASSERT_TRUE(wait_event("refund.processed", later));
  const auto deliveries = get("/_sim/webhooks").json();
  for (const auto& d : deliveries.as_array()) {
    if (d.at("pspReference") == failed.c_str()) {
      EXPECT_NE(d.at("eventCode"), "refund.processed");
    }
  }
}

}  // namespace
}  // namespace processor_sim::testing
