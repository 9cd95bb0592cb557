#include "razorpay_fixture.hpp"

namespace processor_sim::testing {
namespace {

class razorpay_upi : public razorpay_test {
 protected:
  http_reply upi(const std::string& order_id, const std::string& vpa) {
    return rzp("POST", "/v1/payments/create/upi",
               {{"amount", 50000},
                {"currency", "INR"},
                {"order_id", order_id},
                {"email", "gaurav.kumar@example.com"},
                {"contact", "9000090000"},
                {"method", "upi"},
                {"vpa", vpa},
                {"ip", "105.106.107.108"},
                {"referer", "https://shop.example"},
                {"user_agent", "Mozilla/5.0"}});
  }
};

TEST_F(razorpay_upi, success_vpa_is_authorized_shortly_after) {
  auto r = upi(order(), "success@razorpay");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto pay = s(r.json().at("razorpay_payment_id"));
  EXPECT_EQ(r.json().as_object().size(), 1u);
  auto event = wait_event("payment.authorized", pay);
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event));
  const auto& entity = event->body.at("payload").at("payment").at("entity");
  EXPECT_EQ(entity.at("method"), "upi");
  EXPECT_EQ(entity.at("vpa"), "success@razorpay");
  EXPECT_EQ(entity.at("status"), "authorized");
  EXPECT_EQ(payment(pay).at("status"), "authorized");
}

TEST_F(razorpay_upi, failure_vpa_fails_with_a_webhook) {
  const auto pay = s(upi(order(), "failure@razorpay").json().at("razorpay_payment_id"));
  auto event = wait_event("payment.failed", pay);
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event));
  const auto p = payment(pay);
  EXPECT_EQ(p.at("status"), "failed");
  EXPECT_EQ(p.at("error_code"), "BAD_REQUEST_ERROR");
  EXPECT_FALSE(p.at("error_description").as_string().empty());
  EXPECT_EQ(rzp_stats().at("charges").as_int64(), 0);
}

TEST_F(razorpay_upi, pending_vpa_stays_created_and_bad_vpa_is_refused) {
  const auto pay = s(upi(order(), "pending@razorpay").json().at("razorpay_payment_id"));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(payment(pay).at("status"), "created");
  auto bad = upi(order(), "not-a-vpa");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(rzp_error(bad).at("field"), "vpa");
  auto deliveries = get("/_sim/webhooks").json().as_array();
  for (const auto& d : deliveries) EXPECT_NE(d.at("pspReference"), pay.c_str());
}

// Settling is driven by a queue ordered by due time (not a walk over every payment): among many
// UPI payments only the due ones settle, and the later ones still settle, each with its outcome.
TEST_F(razorpay_upi, only_due_payments_settle_among_many) {
  using namespace std::chrono;
  sim_config cfg;
  cfg.razorpay.upi_delay_ms = 1200;
  start(cfg);
  const auto early_ok = s(upi(order(), "success@razorpay").json().at("razorpay_payment_id"));
  const auto early_fail = s(upi(order(), "failure@razorpay").json().at("razorpay_payment_id"));
  std::this_thread::sleep_for(milliseconds(600));
  const auto later_created = steady_clock::now();
  std::vector<std::string> later;  // even: success, odd: failure
  for (int i = 0; i < 40; ++i) {
    auto r = upi(order(), i % 2 ? "failure@razorpay" : "success@razorpay");
    ASSERT_EQ(r.status, 200) << r.body;
    later.push_back(s(r.json().at("razorpay_payment_id")));
  }
  const auto never = s(upi(order(), "pending@razorpay").json().at("razorpay_payment_id"));

  auto settled = [&](const std::string& id) { return payment(id).at("status") != "created"; };
  const auto deadline = steady_clock::now() + seconds(10);
  while (!settled(early_ok) && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(payment(early_ok).at("status"), "authorized");
  EXPECT_EQ(payment(early_fail).at("status"), "failed");
  std::vector<std::string> statuses;
  for (const auto& id : later) statuses.push_back(s(payment(id).at("status")));
  // Only meaningful while the later ones are not due yet; a stalled machine skips the check.
  if (steady_clock::now() < later_created + milliseconds(cfg.razorpay.upi_delay_ms)) {
    for (std::size_t i = 0; i < later.size(); ++i) EXPECT_EQ(statuses[i], "created") << i;
  }

  for (const auto& id : later) {
    while (!settled(id) && steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(20));
    }
  }
  for (std::size_t i = 0; i < later.size(); ++i) {
    EXPECT_EQ(payment(later[i]).at("status"), i % 2 ? "failed" : "authorized") << i;
  }
  EXPECT_EQ(payment(never).at("status"), "created");
  EXPECT_EQ(rzp_stats().at("charges").as_int64(), 1 + 20);
}

TEST_F(razorpay_upi, webhook_log_lists_razorpay_deliveries) {
  const auto pay = s(upi(order(), "success@razorpay").json().at("razorpay_payment_id"));
  ASSERT_TRUE(wait_event("payment.authorized", pay));
  bool logged = false;
  for (int i = 0; i < 100 && !logged; ++i) {  // the sender records the answer after the receiver
    const auto deliveries = get("/_sim/webhooks").json();
    for (const auto& d : deliveries.as_array()) {
      logged |= d.at("processor") == "razorpay" && d.at("eventCode") == "payment.authorized" &&
                d.at("pspReference") == pay.c_str() && d.at("state") == "delivered";
    }
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(logged);
}

}  // namespace
}  // namespace processor_sim::testing

namespace processor_sim::testing {
namespace {

class razorpay_upi_intent : public razorpay_test {
 protected:
  http_reply intent(const std::string& order_id) {
    return rzp("POST", "/v1/payments/create/upi",
               {{"amount", 50005},
                {"currency", "INR"},
                {"order_id", order_id},
                {"email", "gaurav.kumar@example.com"},
                {"contact", "9000090000"},
                {"method", "upi"},
                {"upi", {{"flow", "intent"}}},
                {"ip", "105.106.107.108"},
                {"referer", "https://shop.example"},
                {"user_agent", "Mozilla/5.0"}});
  }
  http_reply app(const std::string& pay, const std::string& outcome) {
    return client_->request("POST", "/_sim/razorpay/payments/" + pay + "/upi_app",
                            R"({"outcome":")" + outcome + R"("})");
  }
};

TEST_F(razorpay_upi_intent, answers_the_app_link_and_waits_for_the_app) {
  auto r = intent(order(50005));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  const auto pay = s(doc.at("razorpay_payment_id"));
  const auto& next = doc.at("next").as_array();
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].at("action"), "intent");
  const auto link = s(next[0].at("url"));
  EXPECT_EQ(link.rfind("upi://pay?", 0), 0u) << link;
  EXPECT_NE(link.find("&am=500.05&cu=INR"), std::string::npos) << link;
  EXPECT_EQ(next[1].at("action"), "poll");
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(payment(pay).at("status"), "created");

  auto approved = app(pay, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto event = wait_event("payment.authorized", pay);
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event));
  EXPECT_EQ(payment(pay).at("status"), "authorized");
  // Answered once: the app cannot answer again.
  EXPECT_EQ(app(pay, "decline").status, 422);
}

TEST_F(razorpay_upi_intent, a_declined_intent_fails_with_a_webhook) {
  const auto pay = s(intent(order(50005)).json().at("razorpay_payment_id"));
  ASSERT_EQ(app(pay, "decline").status, 200);
  auto event = wait_event("payment.failed", pay);
  ASSERT_TRUE(event);
  EXPECT_EQ(payment(pay).at("status"), "failed");
  EXPECT_EQ(payment(pay).at("error_reason"), "payment_declined");
  EXPECT_EQ(app(pay, "maybe").status, 422);
  EXPECT_EQ(app("pay_unknown00000000", "approve").status, 404);
}

TEST_F(razorpay_upi_intent, an_intent_nobody_answers_expires_as_a_timeout) {
  const auto pay = s(intent(order(50005)).json().at("razorpay_payment_id"));
  ASSERT_EQ(app(pay, "expire").status, 200);
  ASSERT_TRUE(wait_event("payment.failed", pay));
  EXPECT_EQ(payment(pay).at("status"), "failed");
  EXPECT_EQ(payment(pay).at("error_reason"), "payment_timed_out");
  EXPECT_EQ(app(pay, "approve").status, 422);  // too late
}

}  // namespace
}  // namespace processor_sim::testing
