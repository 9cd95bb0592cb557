// Disputes: chargebacks raised in the simulator, accepted or defended through the service.

#include "harness.hpp"

namespace e2e {
namespace {

// A captured sale with a chargeback on it; returns the dispute's id.
std::string sale_with_chargeback(const std::string& reference) {
  v1::Payment sale;
  auto s = env().svc.payments->Authorize(
      ctx().get(), authorize_request(reference, "APPROVED", 5000, false), &sale);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED);
  auto r = env().sim_post("/_sim/adyen/chargebacks",
                          boost::json::object{{"pspReference", sale.connector_payment_id()}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  std::string dispute(r.json().at("disputePspReference").as_string());
  auto hook = env().wait_webhook("NOTIFICATION_OF_CHARGEBACK", dispute);
  EXPECT_TRUE(hook.is_object()) << "no NOTIFICATION_OF_CHARGEBACK webhook";
  if (hook.is_object()) EXPECT_EQ(hook.at("finalStatus"), 200);
  return dispute;
}

v1::Dispute accept(const std::string& dispute) {
  v1::AcceptDisputeRequest req;
  req.set_connector("adyen");
  req.set_connector_dispute_id(dispute);
  v1::Dispute res;
  auto s = env().svc.disputes->Accept(ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

TEST(Disputes, AcceptAChargeback) {
  auto dispute = sale_with_chargeback("e2e-dispute-accept");
  ASSERT_FALSE(dispute.empty());
  auto res = accept(dispute);
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_ACCEPTED) << res.DebugString();
  EXPECT_EQ(res.connector_dispute_id(), dispute);
  EXPECT_FALSE(res.has_error());
  auto state = env().sim_get("/_sim/adyen/disputes/" + dispute);
  ASSERT_EQ(state.status, 200) << state.body;
  EXPECT_EQ(state.json().at("status"), "Accepted");
  auto lost = env().wait_webhook("CHARGEBACK", dispute);
  ASSERT_TRUE(lost.is_object()) << "no CHARGEBACK webhook";
  EXPECT_EQ(lost.at("finalStatus"), 200);
}

TEST(Disputes, SubmitEvidenceDefendThenAcceptIsRefused) {
  auto dispute = sale_with_chargeback("e2e-dispute-defend");
  ASSERT_FALSE(dispute.empty());

  v1::SubmitEvidenceRequest ev;
  ev.set_connector("adyen");
  ev.set_connector_dispute_id(dispute);
  ev.set_text("Delivered with tracking number 1Z999");
  ev.set_save_as_draft(false);
  auto* doc = ev.add_documents();
  doc->set_type(v1::EVIDENCE_TYPE_RECEIPT);
  doc->set_content(std::string("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n"));
  doc->set_content_type("application/pdf");
  v1::Dispute eres;
  auto s = env().svc.disputes->SubmitEvidence(ctx().get(), ev, &eres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(eres.status(), v1::DISPUTE_STATUS_CHALLENGED) << eres.DebugString();
  EXPECT_EQ(eres.connector_dispute_id(), dispute);

  v1::DefendDisputeRequest def;
  def.set_connector("adyen");
  def.set_connector_dispute_id(dispute);
  def.set_reason_code("GoodsOrServicesProvided");
  v1::Dispute dres;
  s = env().svc.disputes->Defend(ctx().get(), def, &dres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(dres.status(), v1::DISPUTE_STATUS_CHALLENGED) << dres.DebugString();
  EXPECT_FALSE(dres.has_error());

  auto state = env().sim_get("/_sim/adyen/disputes/" + dispute);
  ASSERT_EQ(state.status, 200) << state.body;
  EXPECT_EQ(state.json().at("status"), "Pending");
  EXPECT_EQ(state.json().at("defenseReasonCode"), "GoodsOrServicesProvided");
  auto dispute_state = state.json();
  const auto& types = dispute_state.at("defenseDocumentTypes").as_array();
  ASSERT_EQ(types.size(), 1u);
  EXPECT_EQ(types[0], "TIDorInvoice");

  // A defended dispute cannot be accepted: the processor's refusal is in the response.
  auto late = accept(dispute);
  EXPECT_EQ(late.status(), v1::DISPUTE_STATUS_UNMAPPED) << late.DebugString();
  ASSERT_TRUE(late.has_error());
  EXPECT_NE(late.error().processor_message().find("already defended"), std::string::npos)
      << late.error().processor_message();
}

TEST(Disputes, UnknownDisputeIsAProcessorError) {
  auto res = accept("ZZZZZZZZZZZZZZZZ");
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_UNMAPPED);
  ASSERT_TRUE(res.has_error());
  EXPECT_FALSE(res.error().processor_message().empty());
}

TEST(Disputes, GetIsNotSupportedByAdyen) {
  v1::GetDisputeRequest req;
  req.set_connector("adyen");
  req.set_connector_dispute_id("ZZZZZZZZZZZZZZZZ");
  v1::Dispute res;
  auto s = env().svc.disputes->Get(ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "NOT_SUPPORTED_BY_PROCESSOR");
}

}  // namespace
}  // namespace e2e
