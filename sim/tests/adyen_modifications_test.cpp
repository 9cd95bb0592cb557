#include "sim_fixture.hpp"

namespace processor_sim::testing {
namespace {

class adyen_modifications : public sim_test {
 protected:
  http_reply modify(const std::string& psp, const std::string& kind, std::int64_t value,
                    const std::string& reference = "mod-1") {
    boost::json::object body{{"merchantAccount", merchant}, {"reference", reference}};
    if (value >= 0) body["amount"] = {{"currency", "EUR"}, {"value", value}};
    return adyen("/v71/payments/" + psp + "/" + kind, body);
  }

  // Waits for the webhook of a modification and checks its signature.
  boost::json::object outcome(const http_reply& r, std::size_t expected_total) {
    const std::string mod_psp = s(r.json().at("pspReference"));
    auto hooks = hooks_->wait_for(expected_total);
    for (const auto& h : hooks) {
      const auto& i = item(h);
      if (i.at("pspReference") != mod_psp.c_str()) continue;
      EXPECT_EQ(i.at("additionalData").at("hmacSignature").as_string(),
                adyen_signature(app_config_key(), i).c_str());
      return i;
    }
    ADD_FAILURE() << "no webhook for " << mod_psp;
    return {};
  }

  boost::json::value state(const std::string& psp) {
    return get("/_sim/adyen/payments/" + psp).json();
  }
};

TEST_F(adyen_modifications, manual_capture_is_received_then_capture_webhook_succeeds) {
  const std::string psp = authorise(true);
  auto auth = hooks_->wait_for(1);
  EXPECT_EQ(item(auth[0]).at("operations").as_array().size(), 3u);
  EXPECT_EQ(state(psp).at("status"), "authorised");

  auto r = modify(psp, "captures", 1000);
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("merchantAccount"), merchant.c_str());
  EXPECT_EQ(body.at("paymentPspReference"), psp.c_str());
  EXPECT_NE(body.at("pspReference"), psp.c_str());
  EXPECT_EQ(body.at("reference"), "mod-1");
  EXPECT_EQ(body.at("amount").at("value").as_int64(), 1000);
  EXPECT_EQ(body.at("status"), "received");

  auto event = outcome(r, 2);
  EXPECT_EQ(event.at("eventCode"), "CAPTURE");
  EXPECT_EQ(event.at("success"), "true");
  EXPECT_EQ(event.at("originalReference"), psp.c_str());
  EXPECT_EQ(event.at("merchantReference"), "mod-1");
  EXPECT_EQ(state(psp).at("status"), "captured");
}

TEST_F(adyen_modifications, over_capture_fails_by_webhook) {
  const std::string psp = authorise(true, 1000);
  EXPECT_EQ(outcome(modify(psp, "captures", 600), 2).at("success"), "true");
  auto over = modify(psp, "captures", 500);
  EXPECT_EQ(over.status, 201);  // accepted synchronously, refused asynchronously
  auto event = outcome(over, 3);
  EXPECT_EQ(event.at("eventCode"), "CAPTURE");
  EXPECT_EQ(event.at("success"), "false");
  EXPECT_FALSE(event.at("reason").as_string().empty());
  EXPECT_EQ(state(psp).at("captured").as_int64(), 600);
  EXPECT_EQ(state(psp).at("status"), "partially_captured");
}

TEST_F(adyen_modifications, partial_refunds_then_over_refund_fails) {
  const std::string psp = authorise(false, 1000);  // captured automatically
  EXPECT_EQ(outcome(modify(psp, "refunds", 300, "r1"), 2).at("success"), "true");
  EXPECT_EQ(outcome(modify(psp, "refunds", 300, "r2"), 3).at("success"), "true");
  EXPECT_EQ(state(psp).at("status"), "partially_refunded");
  auto over = outcome(modify(psp, "refunds", 500, "r3"), 4);
  EXPECT_EQ(over.at("eventCode"), "REFUND");
  EXPECT_EQ(over.at("success"), "false");
  EXPECT_EQ(state(psp).at("refunded").as_int64(), 600);
  EXPECT_EQ(outcome(modify(psp, "refunds", 400, "r4"), 5).at("success"), "true");
  EXPECT_EQ(state(psp).at("status"), "refunded");
}

TEST_F(adyen_modifications, refund_before_capture_fails) {
  const std::string psp = authorise(true);
  EXPECT_EQ(outcome(modify(psp, "refunds", 100), 2).at("success"), "false");
}

TEST_F(adyen_modifications, cancel_before_capture_succeeds_and_blocks_capture) {
  const std::string psp = authorise(true);
  auto r = modify(psp, "cancels", -1);
  ASSERT_EQ(r.status, 201);
  EXPECT_FALSE(r.json().as_object().contains("amount"));
  auto event = outcome(r, 2);
  EXPECT_EQ(event.at("eventCode"), "CANCELLATION");
  EXPECT_EQ(event.at("success"), "true");
  EXPECT_EQ(state(psp).at("status"), "cancelled");
  EXPECT_EQ(outcome(modify(psp, "captures", 100), 3).at("success"), "false");
}

TEST_F(adyen_modifications, cancel_after_capture_fails_and_reversal_refunds) {
  const std::string psp = authorise(false);
  EXPECT_EQ(outcome(modify(psp, "cancels", -1), 2).at("success"), "false");
  auto reversal = outcome(modify(psp, "reversals", -1), 3);
  EXPECT_EQ(reversal.at("eventCode"), "CANCEL_OR_REFUND");
  EXPECT_EQ(reversal.at("success"), "true");
  EXPECT_EQ(reversal.at("additionalData").at("modification.action"), "refund");
  EXPECT_EQ(state(psp).at("refunded").as_int64(), 1000);
}

TEST_F(adyen_modifications, unknown_payment_is_422_167) {
  auto r = modify("0000000000000000", "captures", 100);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errorCode"), "167");
}

TEST_F(adyen_modifications, failed_deliveries_are_retried_and_recorded) {
  start({}, /*webhook_failures=*/2);
  const std::string psp = authorise(false);
  auto hooks = hooks_->wait_for(1);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks_->requests_seen(), 3u);
  // The record is updated right after the reply; poll briefly.
  boost::json::value record;
  for (int i = 0; i < 50; ++i) {
    auto list = get("/_sim/webhooks").json().as_array();
    if (!list.empty() && list[0].at("state") == "delivered") {
      record = list[0];
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(record.is_object());
  EXPECT_EQ(record.at("eventCode"), "AUTHORISATION");
  EXPECT_EQ(record.at("pspReference"), psp.c_str());
  EXPECT_EQ(record.at("attempts").as_int64(), 3);
  EXPECT_EQ(record.at("finalStatus").as_int64(), 200);
}

TEST_F(adyen_modifications, delivery_gives_up_after_five_retries) {
  start({}, /*webhook_failures=*/100);
  authorise(false);
  boost::json::value record;
  for (int i = 0; i < 200; ++i) {
    auto list = get("/_sim/webhooks").json().as_array();
    if (!list.empty() && list[0].at("state") == "failed") {
      record = list[0];
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(record.is_object());
  EXPECT_EQ(record.at("attempts").as_int64(), 6);
  EXPECT_EQ(record.at("finalStatus").as_int64(), 500);
  EXPECT_EQ(hooks_->requests_seen(), 6u);
}

}  // namespace
}  // namespace processor_sim::testing
