// eventCode → unified event, for verified notifications.
#include <boost/json.hpp>

#include "connectors/adyen/hmac_signature.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

namespace adyen = cs::connectors::adyen;

webhook_result handle_ok(const std::string& body) {
  webhook_request w;
  w.body = body;
  w.secret_key = secret<std::string>(webhook_key);
  auto r = cs::connectors::adyen::descriptor().handle_webhook(w);
  if (!r.ok()) {
    ADD_FAILURE() << r.err().message;
    return {};
  }
  return std::move(r).value();
}

// One signed item with the given code and outcome.
std::string notification(const std::string& code, bool success, const std::string& reason = "") {
  adyen::notification_fields f{
      "PSP0000000000001",        "ORIG000000000001", merchant, "ref-9", "1000", "EUR", code,
      success ? "true" : "false"};
  boost::json::object item{
      {"pspReference", f.psp_reference},
      {"originalReference", f.original_reference},
      {"merchantAccountCode", f.merchant_account_code},
      {"merchantReference", f.merchant_reference},
      {"amount", {{"value", 1000}, {"currency", "EUR"}}},
      {"eventCode", code},
      {"success", f.success},
      {"reason", reason},
      {"additionalData", {{"hmacSignature", adyen::hmac_signature(webhook_key, f)}}}};
  boost::json::object body{
      {"live", "false"},
      {"notificationItems",
       boost::json::array{boost::json::object{{"NotificationRequestItem", item}}}}};
  return boost::json::serialize(body);
}

webhook_event single(const std::string& code, bool success, const std::string& reason = "") {
  auto r = handle_ok(notification(code, success, reason));
  if (r.events.size() != 1) {
    ADD_FAILURE() << "expected one event for " << code;
    return {};
  }
  return r.events[0];
}

TEST(AdyenWebhookEvents, AuthorisationSuccessIsAuthorized) {
  auto r = handle_ok(golden("webhook_authorisation.json"));
  ASSERT_EQ(r.events.size(), 1u);
  auto& e = r.events[0];
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.payment, payment_status::authorized);
  EXPECT_EQ(e.connector_payment_id, "QFQTPCQ8HXSKGK82");
  EXPECT_EQ(e.merchant_reference, "order-1001");
  EXPECT_EQ(e.amount, (money{1000, "EUR"}));
  EXPECT_EQ(e.processor_event_code, "AUTHORISATION");
}

// iDEAL has no separate capture: its AUTHORISATION is the charge. Klarna waits for its capture.
TEST(AdyenWebhookEvents, AuthorisationOfIdealIsChargedOfKlarnaAuthorized) {
  auto with_method = [](const char* method) {
    auto body = boost::json::parse(notification("AUTHORISATION", true)).as_object();
    body["notificationItems"]
        .as_array()[0]
        .as_object()["NotificationRequestItem"]
        .as_object()["paymentMethod"] = method;  // not among the signed fields
    auto r = handle_ok(boost::json::serialize(body));
    return r.events.size() == 1 ? r.events[0].payment : payment_status::unspecified;
  };
  EXPECT_EQ(with_method("ideal"), payment_status::charged);
  EXPECT_EQ(with_method("klarna"), payment_status::authorized);
  EXPECT_EQ(with_method("visa"), payment_status::authorized);
}

TEST(AdyenWebhookEvents, AuthorisationFailureCarriesReason) {
  auto r = handle_ok(golden("webhook_authorisation_refused.json"));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].payment, payment_status::failure);
  ASSERT_TRUE(r.events[0].error);
  EXPECT_EQ(r.events[0].error->code, decline_code::incorrect_cvc);
  EXPECT_EQ(r.events[0].error->processor_message, "CVC Declined");
  EXPECT_EQ(r.events[0].event_id, "V4HZ4RBFJGXXGN82:AUTHORISATION:false");
}

TEST(AdyenWebhookEvents, MultiItemNotificationKeepsOrderAndIds) {
  auto r = handle_ok(golden("webhook_multi.json"));
  ASSERT_EQ(r.events.size(), 6u);
  EXPECT_EQ(r.events[0].payment, payment_status::charged);
  EXPECT_EQ(r.events[0].connector_payment_id, "QFQTPCQ8HXSKGK82");
  EXPECT_EQ(r.events[0].connector_operation_id, "JDD6LKT8MBLZNN84");
  EXPECT_EQ(r.events[0].amount, (money{600, "EUR"}));
  EXPECT_EQ(r.events[1].type, event_type::refund);
  EXPECT_EQ(r.events[1].refund, refund_status::success);
  EXPECT_EQ(r.events[1].connector_refund_id, "RFD6LKT8MBLZNN84");
  EXPECT_EQ(r.events[1].connector_payment_id, "QFQTPCQ8HXSKGK82");
  EXPECT_EQ(r.events[2].type, event_type::dispute);
  EXPECT_EQ(r.events[2].dispute, dispute_status::opened);
  EXPECT_EQ(r.events[2].dispute_id, "DZ4DPSHB4WD2WN82");
  EXPECT_EQ(r.events[3].type, event_type::mandate);
  EXPECT_EQ(r.events[3].mandate_id, "8415995487234100");
  EXPECT_EQ(r.events[4].payment, payment_status::authorized) << "a refused cancel leaves it";
  ASSERT_TRUE(r.events[4].error);
  EXPECT_EQ(r.events[4].error->processor_message, "Transaction already captured");
  EXPECT_EQ(r.events[5].type, event_type::other);
  EXPECT_EQ(r.events[5].event_id, "RPT0000000000001:REPORT_AVAILABLE:true");
}

TEST(AdyenWebhookEvents, CaptureOutcomes) {
  EXPECT_EQ(single("CAPTURE", true).payment, payment_status::charged);
  EXPECT_EQ(single("CAPTURE", false).payment, payment_status::capture_failed);
  auto failed = single("CAPTURE_FAILED", true, "Insufficient balance on account");
  EXPECT_EQ(failed.payment, payment_status::capture_failed);
  EXPECT_EQ(failed.connector_payment_id, "ORIG000000000001");
  EXPECT_EQ(failed.connector_operation_id, "PSP0000000000001");
}

TEST(AdyenWebhookEvents, CancellationIsVoided) {
  EXPECT_EQ(single("CANCELLATION", true).payment, payment_status::voided);
}

TEST(AdyenWebhookEvents, RefundOutcomes) {
  auto ok = single("REFUND", true);
  EXPECT_EQ(ok.refund, refund_status::success);
  EXPECT_EQ(ok.connector_refund_id, "PSP0000000000001");
  EXPECT_EQ(ok.connector_payment_id, "ORIG000000000001");
  EXPECT_EQ(single("REFUND", false).refund, refund_status::failure);
  EXPECT_EQ(single("REFUND_FAILED", true).refund, refund_status::failure);
  EXPECT_EQ(single("REFUNDED_REVERSED", true).refund, refund_status::failure);
}

TEST(AdyenWebhookEvents, DisputeLifecycle) {
  const std::pair<const char*, dispute_status> cases[] = {
      {"NOTIFICATION_OF_CHARGEBACK", dispute_status::opened},
      {"CHARGEBACK", dispute_status::lost},
      {"CHARGEBACK_REVERSED", dispute_status::won},
      {"PREARBITRATION_WON", dispute_status::won},
      {"SECOND_CHARGEBACK", dispute_status::lost},
      {"PREARBITRATION_LOST", dispute_status::lost}};
  for (auto [code, status] : cases) {
    auto e = single(code, true);
    EXPECT_EQ(e.type, event_type::dispute) << code;
    EXPECT_EQ(e.dispute, status) << code;
    EXPECT_EQ(e.dispute_id, "PSP0000000000001") << code;
  }
}

TEST(AdyenWebhookEvents, UnknownCodeIsOtherButStillReturned) {
  auto e = single("OFFER_CLOSED", true);
  EXPECT_EQ(e.type, event_type::other);
  EXPECT_EQ(e.payment, payment_status::unspecified);
  EXPECT_EQ(e.processor_event_code, "OFFER_CLOSED");
  EXPECT_EQ(e.event_id, "PSP0000000000001:OFFER_CLOSED:true");
}

}  // namespace
}  // namespace adyen_test
