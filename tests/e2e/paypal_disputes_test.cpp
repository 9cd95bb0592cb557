// PayPal Disputes v1 over gRPC against the simulator: a chargeback opened on a capture through
// /_sim/paypal/disputes, read with Get, answered with evidence (provide-evidence, multipart) or
// accepted (accept-claim), settled by the simulator (/_sim/paypal/disputes/{id}/resolve) and read
// back; PayPal's refusals, an unknown dispute, and Defend, which PayPal does not have.

#include "harness.hpp"

namespace e2e {
namespace {

std::unique_ptr<grpc::ClientContext> paypal_ctx() {
  return ctx(paypal_account);
}

// A captured card payment (automatic capture) and a dispute opened on its capture.
std::string open_dispute(const std::string& reference) {
  v1::AuthorizeRequest a;
  a.set_connector("paypal");
  a.set_merchant_reference(reference);
  *a.mutable_amount() = money(1050, "USD");
  auto* card = a.mutable_payment_method()->mutable_card();
  card->set_number("4012888888881881");
  card->set_expiry_month(12);
  card->set_expiry_year(2031);
  card->set_cvc("123");
  card->set_holder_name("Asha Rao");
  a.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  v1::Payment sale;
  auto s = env().svc.payments->Authorize(paypal_ctx().get(), a, &sale);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED) << sale.DebugString();
  // connector_operation_id is the order's latest capture: the transaction a buyer disputes.
  auto r = env().sim_post("/_sim/paypal/disputes",
                          boost::json::object{{"capture_id", sale.connector_operation_id()}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  return std::string(r.json().at("dispute_id").as_string());
}

// The simulator's webhook for the dispute reached the service, which verified and relayed it.
void expect_delivered(const std::string& type, const std::string& id) {
  auto hook = env().wait_webhook(type, id);
  ASSERT_TRUE(hook.is_object()) << "no " << type << " webhook for " << id;
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

json resolve(const std::string& id, const std::string& outcome) {
  auto r = env().sim_post("/_sim/paypal/disputes/" + id + "/resolve",
                          boost::json::object{{"outcome", outcome}});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

grpc::Status get(const std::string& id, v1::Dispute& res) {
  v1::GetDisputeRequest req;
  req.set_connector("paypal");
  req.set_connector_dispute_id(id);
  return env().svc.disputes->Get(paypal_ctx().get(), req, &res);
}

v1::Dispute get(const std::string& id) {
  v1::Dispute res;
  auto s = get(id, res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

grpc::Status evidence(const std::string& id, const std::string& text, v1::Dispute& res,
                      bool with_receipt = false) {
  v1::SubmitEvidenceRequest req;
  req.set_connector("paypal");
  req.set_connector_dispute_id(id);
  req.set_text(text);
  if (with_receipt) {
    auto* d = req.add_documents();
    d->set_type(v1::EVIDENCE_TYPE_RECEIPT);
    d->set_content("%PDF-1.4\n% receipt for e2e\n%%EOF\n");
    d->set_content_type("application/pdf");
  }
  return env().svc.disputes->SubmitEvidence(paypal_ctx().get(), req, &res);
}

grpc::Status accept(const std::string& id, v1::Dispute& res) {
  v1::AcceptDisputeRequest req;
  req.set_connector("paypal");
  req.set_connector_dispute_id(id);
  return env().svc.disputes->Accept(paypal_ctx().get(), req, &res);
}

TEST(PayPalDisputes, GetThenEvidenceThenWonWhenPayPalDecides) {
  auto id = open_dispute("e2e-pp-dispute-won");
  ASSERT_FALSE(id.empty());
  expect_delivered("CUSTOMER.DISPUTE.CREATED", id);
  auto opened = get(id);
  EXPECT_EQ(opened.status(), v1::DISPUTE_STATUS_OPENED) << opened.DebugString();
  EXPECT_EQ(opened.connector_dispute_id(), id);
  EXPECT_EQ(opened.processor_status(), "WAITING_FOR_SELLER_RESPONSE");

  v1::Dispute sent;
  auto s = evidence(id, "Shipped 2024-05-02, signed for by the cardholder", sent, true);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(sent.status(), v1::DISPUTE_STATUS_CHALLENGED) << sent.DebugString();
  EXPECT_EQ(sent.connector_dispute_id(), id);
  EXPECT_FALSE(sent.has_error());
  expect_delivered("CUSTOMER.DISPUTE.UPDATED", id);
  auto review = get(id);
  EXPECT_EQ(review.status(), v1::DISPUTE_STATUS_CHALLENGED) << review.DebugString();
  EXPECT_EQ(review.processor_status(), "UNDER_REVIEW");

  // PayPal decides for the seller; the simulator shows the evidence it read from the input part.
  auto decided = resolve(id, "RESOLVED_SELLER_FAVOUR");
  ASSERT_TRUE(decided.is_object());
  const auto& evs = decided.at("evidences").as_array();
  ASSERT_EQ(evs.size(), 1u) << decided;
  EXPECT_EQ(evs[0].at("evidence_type"), "PROOF_OF_RECEIPT_COPY");
  auto won = get(id);
  EXPECT_EQ(won.status(), v1::DISPUTE_STATUS_WON) << won.DebugString();
  EXPECT_EQ(won.processor_status(), "RESOLVED");
  expect_delivered("CUSTOMER.DISPUTE.RESOLVED", id);
}

TEST(PayPalDisputes, AcceptClaimIsAcceptedThenReadsLostAndCannotBeRepeated) {
  auto id = open_dispute("e2e-pp-dispute-accept");
  ASSERT_FALSE(id.empty());
  v1::Dispute res;
  auto s = accept(id, res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_ACCEPTED) << res.DebugString();
  EXPECT_EQ(res.connector_dispute_id(), id);
  EXPECT_FALSE(res.has_error());
  expect_delivered("CUSTOMER.DISPUTE.RESOLVED", id);
  // Read back it is what PayPal says: resolved for the buyer.
  auto after = get(id);
  EXPECT_EQ(after.status(), v1::DISPUTE_STATUS_LOST) << after.DebugString();
  EXPECT_EQ(after.processor_status(), "RESOLVED");

  s = accept(id, res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED");
  EXPECT_EQ(meta(s, "processorCode"), "DISPUTE_ALREADY_RESOLVED") << describe(s);
}

TEST(PayPalDisputes, EvidenceRefusedOnceItIsNotTheSellersTurn) {
  auto id = open_dispute("e2e-pp-dispute-late");
  ASSERT_FALSE(id.empty());
  v1::Dispute res;
  auto s = evidence(id, "Tracking 1Z999AA10123456784", res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_CHALLENGED);
  // Under review now: PayPal takes no more evidence from the seller.
  s = evidence(id, "one more thing", res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(meta(s, "processorCode"), "NOT_AWAITING_SELLER_RESPONSE") << describe(s);
  EXPECT_EQ(meta(s, "retryable"), "false");

  // Decided for the buyer: lost, and still no evidence.
  ASSERT_TRUE(resolve(id, "RESOLVED_BUYER_FAVOUR").is_object());
  EXPECT_EQ(get(id).status(), v1::DISPUTE_STATUS_LOST);
  s = evidence(id, "too late", res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
}

TEST(PayPalDisputes, UnknownDisputeIsNotFoundAndABadIdNeverLeaves) {
  v1::Dispute res;
  auto s = get("PP-D-NOSUCH0", res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << describe(s);
  EXPECT_EQ(meta(s, "processorCode"), "INVALID_RESOURCE_ID") << describe(s);
  // Underscores pass the API's id rule but not PayPal's dispute id pattern.
  s = get("PP_D_27803", res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "connector_dispute_id");
}

TEST(PayPalDisputes, DefendAnswersItsNote) {
  v1::DefendDisputeRequest req;
  req.set_connector("paypal");
  req.set_connector_dispute_id("PP-D-27803");
  req.set_reason_code("MERCHANDISE_DELIVERED");
  v1::Dispute res;
  auto s = env().svc.disputes->Defend(paypal_ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "NOT_SUPPORTED_BY_PROCESSOR");
  EXPECT_NE(s.error_message().find("SubmitEvidence"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace e2e
