// Webhooks: Cko-Signature (hex HMAC-SHA256 of the raw body) checked before anything is read,
// against the self-made vector of processors-next.md §2.6, then normalized.
#include "connectors/common/crypto.hpp"
#include "test_support.hpp"

namespace cko_test {
namespace {

webhook_request delivery(std::string body, std::string signature, std::string key_text) {
  webhook_request r;
  r.body = std::move(body);
  if (!signature.empty()) r.headers.push_back({"Cko-Signature", std::move(signature), false});
  r.secret_key = secret<std::string>(std::move(key_text));
  return r;
}

auto handle(const webhook_request& r) {
  return cs::connectors::checkout_com::descriptor().handle_webhook(r);
}

TEST(CheckoutComWebhook, ReferenceVectorVerifies) {
  auto r = handle(delivery(R"({"id":"evt_test","type":"payment_captured"})",
                           "9f8e993cb91b2f68354e3e34b598e33152e4d2162165c4ef10ca4f06b5f0c44e",
                           "test-signature-key"));
  // The vector's body has no data: verified, then refused as not an event.
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::invalid_argument);
  EXPECT_EQ(r.err().field, "body");
}

TEST(CheckoutComWebhook, BadOrMissingSignatureIsRefused) {
  const std::string body = R"({"id":"evt_test","type":"payment_captured"})";
  auto bad = handle(delivery(body, std::string(64, '0'), "test-signature-key"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.err().reason, reason::bad_signature);
  auto missing = handle(delivery(body, "", "test-signature-key"));
  EXPECT_EQ(missing.err().reason, reason::bad_signature);
  auto no_secret = handle(delivery(body, "9f8e", ""));
  EXPECT_EQ(no_secret.err().reason, reason::missing_credentials);
}

TEST(CheckoutComWebhook, CapturedEventIsNormalized) {
  std::string body =
      std::string(R"({"id":"evt_az5sblvku4ge3dwpztvyizgcau","type":"payment_captured",)") +
      R"("created_on":"2024-05-02T10:20:30Z","data":{"id":")" + payment_id +
      R"(","action_id":"act_ekhxsbcqv4de7bsmacq7tt6ozu","amount":500,)"
      R"("currency":"USD","reference":"order-1001","response_code":"10000"}})";
  auto sig = cs::connectors::hex_encode(cs::connectors::hmac_sha256("whk", body));
  auto r = handle(delivery(body, sig, "whk"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  ASSERT_EQ(r.value().events.size(), 1u);
  const auto& e = r.value().events[0];
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.payment, payment_status::charged);
  EXPECT_EQ(e.connector_payment_id, payment_id);
  EXPECT_EQ(e.connector_operation_id, "act_ekhxsbcqv4de7bsmacq7tt6ozu");
  EXPECT_EQ(e.amount, (money{500, "USD"}));
  EXPECT_EQ(e.merchant_reference, "order-1001");
}

webhook_event signed_event(const std::string& type, const std::string& data) {
  std::string body = R"({"id":"evt_az5sblvku4ge3dwpztvyizgcau","type":")" + type +
                     R"(","version":"1.0.0","created_on":"2024-05-09T04:00:10Z","data":)" + data +
                     "}";
  auto sig = cs::connectors::hex_encode(cs::connectors::hmac_sha256("whk", body));
  auto r = handle(delivery(body, sig, "whk"));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().message);
  if (!r.ok() || r.value().events.size() != 1) return {};
  return r.value().events[0];
}

TEST(CheckoutComWebhook, DisputeEventsCarryTheDisputeAndItsPayment) {
  const std::string data =
      std::string(R"({"id":"dsp_3dc29c89ce075g46136d7df7fa","payment_id":")") + payment_id +
      R"(","amount":1050,"currency":"USD","reason_code":"10.4",)"
      R"("category":"fraudulent","evidence_required_by":"2024-05-16T00:00:00Z"})";
  auto opened = signed_event("dispute_evidence_required", data);
  EXPECT_EQ(opened.type, event_type::dispute);
  EXPECT_EQ(opened.dispute, dispute_status::opened);
  EXPECT_EQ(opened.dispute_id, "dsp_3dc29c89ce075g46136d7df7fa");
  EXPECT_EQ(opened.connector_payment_id, payment_id);
  EXPECT_EQ(opened.amount, (money{1050, "USD"}));
  EXPECT_EQ(signed_event("dispute_won", data).dispute, dispute_status::won);
  EXPECT_EQ(signed_event("dispute_lost", data).dispute, dispute_status::lost);
  EXPECT_EQ(signed_event("dispute_expired", data).dispute, dispute_status::expired);
  // Closed without a decision, as GetDispute maps resolved and canceled.
  EXPECT_EQ(signed_event("dispute_resolved", data).dispute, dispute_status::expired);
  EXPECT_EQ(signed_event("dispute_canceled", data).dispute, dispute_status::expired);
}

TEST(CheckoutComWebhook, RefundDeclinedAndCancelledEvents) {
  std::string data = std::string(R"({"id":")") + payment_id +
                     R"(","action_id":"act_refunddeclinedrefunddec105","amount":105,)"
                     R"("currency":"USD","response_code":"20005"})";
  auto refund = signed_event("payment_refund_declined", data);
  EXPECT_EQ(refund.type, event_type::refund);
  EXPECT_EQ(refund.refund, refund_status::failure);
  EXPECT_EQ(refund.connector_refund_id, "act_refunddeclinedrefunddec105");
  ASSERT_TRUE(refund.error);
  EXPECT_EQ(refund.error->processor_code, "20005");
  // The spec spells it payment_cancelled; the docs payment_canceled.
  EXPECT_EQ(signed_event("payment_cancelled", data).payment, payment_status::failure);
  EXPECT_EQ(signed_event("payment_canceled", data).payment, payment_status::failure);
  EXPECT_EQ(signed_event("payment_risk_matched", data).type, event_type::other);
}

}  // namespace
}  // namespace cko_test
