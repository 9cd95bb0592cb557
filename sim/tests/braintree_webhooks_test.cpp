// Webhooks: form-encoded bt_signature / bt_payload as the official SDK makes them, the signature
// checked with an independent computation, the XML subjects, retries, and the refund_failed and
// settlement-declined kinds.
#include "braintree_fixture.hpp"

#include <thread>

namespace processor_sim::testing {
namespace {

class BraintreeWebhooks : public braintree_test {};

TEST_F(BraintreeWebhooks, SettlingSendsASignedTransactionSettled) {
  auto t = settled("10.50", "order-hook");
  const auto legacy = s(t.at("legacyId"));
  auto w = wait_webhook({"<kind>transaction_settled</kind>", "<id>" + legacy + "</id>"});
  ASSERT_TRUE(w);
  EXPECT_EQ(w->signature,
            expected_signature(bt_defaults.public_key, bt_defaults.private_key, w->payload));
  EXPECT_NE(w->signature, expected_signature(bt_defaults.public_key, "another key", w->payload));
  EXPECT_TRUE(w->xml.starts_with("<notification>"));
  EXPECT_NE(w->xml.find("<timestamp type=\"datetime\">"), std::string::npos);
  EXPECT_NE(w->xml.find("<amount>10.50</amount>"), std::string::npos);
  EXPECT_NE(w->xml.find("<currency-iso-code>USD</currency-iso-code>"), std::string::npos);
  EXPECT_NE(w->xml.find("<order-id>order-hook</order-id>"), std::string::npos);
  EXPECT_NE(w->xml.find("<status>settled</status>"), std::string::npos);
  EXPECT_TRUE(w->payload.ends_with("\n"));
  for (const auto& h : seen_) {
    if (h.target == "/webhooks/braintree") {
      EXPECT_EQ(h.content_type, "application/x-www-form-urlencoded");
    }
  }
}

TEST_F(BraintreeWebhooks, FailedDeliveriesAreRetried) {
  start({}, 2);  // the receiver answers 500 twice
  auto t = settled("11.00");
  auto w =
      wait_webhook({"<kind>transaction_settled</kind>", "<id>" + s(t.at("legacyId")) + "</id>"});
  ASSERT_TRUE(w);
  EXPECT_EQ(w->signature,
            expected_signature(bt_defaults.public_key, bt_defaults.private_key, w->payload));
  // The sender records the delivery after the receiver has answered: wait for the record.
  bool delivered = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (!delivered && std::chrono::steady_clock::now() < deadline) {
    for (const auto& d : app_->webhooks().deliveries()) {
      if (d.processor == "braintree" && d.state == "delivered" && d.attempts >= 2) delivered = true;
    }
    if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(delivered);
}

TEST_F(BraintreeWebhooks, SettlementDeclinedAndRefundFailed) {
  auto t = pay("4001.00", true);
  ASSERT_EQ(control("/transactions/" + s(t.at("legacyId")) + "/settle").status, 200);
  EXPECT_TRUE(wait_webhook(
      {"<kind>transaction_settlement_declined</kind>", "<status>settlement_declined</status>"}));

  auto done = settled("20.00");
  auto r =
      data(gql(bt_queries::refund_transaction,
               {{"input", {{"transactionId", done.at("id")}, {"refund", {{"amount", "5.00"}}}}}}));
  const auto refund = r.at("refundTransaction").at("refund");
  const auto legacy = s(refund.at("legacyId"));
  auto fail = control("/refunds/" + legacy + "/fail");
  ASSERT_EQ(fail.status, 200) << fail.body;
  auto w = wait_webhook({"<kind>refund_failed</kind>", "<id>" + legacy + "</id>",
                         "<refunded-transaction-fk>" + s(done.at("legacyId"))});
  ASSERT_TRUE(w);
  auto read = data(gql(bt_queries::refund, {{"id", refund.at("id")}})).at("node");
  EXPECT_EQ(read.at("status"), "FAILED");
  EXPECT_EQ(read.at("statusHistory").at(0).at("processorResponse").at("legacyCode"), "3000");
  // The failed refund's amount can be refunded again.
  data(gql(bt_queries::refund_transaction,
           {{"input", {{"transactionId", done.at("id")}, {"refund", {{"amount", "20.00"}}}}}}));
}

}  // namespace
}  // namespace processor_sim::testing
