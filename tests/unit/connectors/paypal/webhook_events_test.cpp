// PayPal webhook events in unified terms: payments by the order's id, refunds, disputes with
// their outcome, anything else as `other`.
#include <gtest/gtest.h>

#include "connectors/paypal/webhook_events.hpp"

namespace {

using namespace cs::domain;
using cs::connectors::paypal::read_event;

TEST(PayPalWebhookEvents, CaptureCompletedIsChargedOnTheOrder) {
  auto e = read_event(
      R"({"id":"WH-58D329510W468432D-8HN650336L201105X","event_type":"PAYMENT.CAPTURE.COMPLETED",
    "resource_type":"capture","resource":{"id":"3C679366HH908993F","status":"COMPLETED",
    "amount":{"currency_code":"USD","value":"10.50"},"custom_id":"order-1001",
    "supplementary_data":{"related_ids":{"order_id":"5O190127TN364715T"}}}})");
  ASSERT_TRUE(e.ok()) << e.err().message;
  EXPECT_EQ(e->type, event_type::payment);
  EXPECT_EQ(e->event_id, "WH-58D329510W468432D-8HN650336L201105X");
  EXPECT_EQ(e->processor_event_code, "PAYMENT.CAPTURE.COMPLETED");
  EXPECT_EQ(e->payment, payment_status::charged);
  EXPECT_EQ(e->connector_payment_id, "5O190127TN364715T");
  EXPECT_EQ(e->connector_operation_id, "3C679366HH908993F");
  EXPECT_EQ(e->merchant_reference, "order-1001");
  EXPECT_EQ(e->amount, (money{1050, "USD"}));
  EXPECT_FALSE(e->error);
}

TEST(PayPalWebhookEvents, DeniedCaptureCarriesTheDecline) {
  auto e = read_event(R"({"id":"WH-1","event_type":"PAYMENT.CAPTURE.DENIED","resource":{"id":"3C6",
    "status":"DECLINED","processor_response":{"response_code":"5400"},
    "amount":{"currency_code":"JPY","value":"1000"}}})");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->payment, payment_status::capture_failed);
  ASSERT_TRUE(e->error);
  EXPECT_EQ(e->error->code, decline_code::expired_card);
  EXPECT_EQ(e->amount, (money{1000, "JPY"}));
}

TEST(PayPalWebhookEvents, AuthorizationEvents) {
  auto created = read_event(R"({"id":"WH-2","event_type":"PAYMENT.AUTHORIZATION.CREATED",
    "resource":{"id":"0AW2184448108334S","status":"CREATED"}})");
  EXPECT_EQ(created->payment, payment_status::authorized);
  auto voided = read_event(R"({"id":"WH-3","event_type":"PAYMENT.AUTHORIZATION.VOIDED",
    "resource":{"id":"0AW2184448108334S","status":"VOIDED"}})");
  EXPECT_EQ(voided->payment, payment_status::voided);
}

TEST(PayPalWebhookEvents, RefundAndOrderAndDispute) {
  auto refund = read_event(R"({"id":"WH-4","event_type":"PAYMENT.CAPTURE.REFUNDED",
    "resource":{"id":"1JU08902781691411","status":"COMPLETED","amount":{"currency_code":"USD","value":"3.00"}}})");
  EXPECT_EQ(refund->type, event_type::refund);
  EXPECT_EQ(refund->connector_refund_id, "1JU08902781691411");
  EXPECT_EQ(refund->refund, refund_status::success);
  auto approved = read_event(R"({"id":"WH-5","event_type":"CHECKOUT.ORDER.APPROVED",
    "resource":{"id":"5O190127TN364715T","status":"APPROVED"}})");
  EXPECT_EQ(approved->payment, payment_status::authentication_successful);
  EXPECT_EQ(approved->connector_payment_id, "5O190127TN364715T");
  auto won = read_event(R"({"id":"WH-6","event_type":"CUSTOMER.DISPUTE.RESOLVED",
    "resource":{"dispute_id":"PP-D-27803","status":"RESOLVED",
    "dispute_outcome":{"outcome_code":"RESOLVED_SELLER_FAVOUR"},
    "dispute_amount":{"currency_code":"USD","value":"10.50"}}})");
  EXPECT_EQ(won->type, event_type::dispute);
  EXPECT_EQ(won->dispute_id, "PP-D-27803");
  EXPECT_EQ(won->dispute, dispute_status::won);
  EXPECT_EQ(won->amount, (money{1050, "USD"}));
  auto opened = read_event(R"({"id":"WH-7","event_type":"CUSTOMER.DISPUTE.CREATED",
    "resource":{"dispute_id":"PP-D-27804","status":"WAITING_FOR_SELLER_RESPONSE"}})");
  EXPECT_EQ(opened->dispute, dispute_status::opened);
}

TEST(PayPalWebhookEvents, UnknownTypeIsOtherAndGarbageIsRefused) {
  auto plan = read_event(
      R"({"id":"WH-2MW4820926242972J-6SG447389E205703U","event_type":"BILLING.PLAN.CREATED",
    "resource":{"id":"P-7LT50814996943336LSNDODY"}})");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->type, event_type::other);
  EXPECT_EQ(plan->processor_event_code, "BILLING.PLAN.CREATED");
  EXPECT_FALSE(read_event(R"({"event_type":"PAYMENT.CAPTURE.COMPLETED"})").ok());
  EXPECT_FALSE(read_event("not json").ok());
}

}  // namespace
