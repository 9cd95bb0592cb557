// Razorpay disputes opened on captured payments by the simulator's control route: Get, evidence
// as a draft then submitted (contest), Accept, and Defend, which Razorpay does not have.

#include "razorpay.hpp"

namespace e2e {
namespace {

const std::string doc_type = "application/vnd.razorpay.document-id";

// A captured card payment (automatic capture) with a dispute opened on it.
std::string opened(const std::string& reference, std::int64_t minor) {
  auto pay = rzp::paid(reference, minor, false).connector_payment_id();
  if (pay.empty()) return {};
  auto r = env().sim_post("/_sim/razorpay/disputes", boost::json::object{{"payment_id", pay}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  std::string disp(r.json().at("id").as_string());
  EXPECT_TRUE(starts_with(disp, "disp_")) << disp;
  auto hook = rzp::webhook("payment.dispute.created", disp);
  EXPECT_TRUE(hook.is_object()) << "no payment.dispute.created webhook for " << disp;
  if (hook.is_object()) EXPECT_EQ(hook.at("finalStatus"), 200);
  return disp;
}

json sim_dispute(const std::string& disp) {
  auto r = env().sim_get("/_sim/razorpay/disputes/" + disp);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

v1::Dispute get(const std::string& disp) {
  v1::GetDisputeRequest req;
  req.set_connector("razorpay");
  req.set_connector_dispute_id(disp);
  v1::Dispute res;
  auto s = env().svc.disputes->Get(razorpay_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

grpc::Status evidence(const std::string& disp, bool submit, v1::Dispute* out) {
  v1::SubmitEvidenceRequest req;
  req.set_connector("razorpay");
  req.set_connector_dispute_id(disp);
  req.set_text("The goods were delivered on 2 May; signed proof attached.");
  auto* doc = req.add_documents();
  doc->set_type(v1::EVIDENCE_TYPE_SHIPPING_PROOF);
  doc->set_content("doc_E2EShipProof01");
  doc->set_content_type(doc_type);
  if (submit) {
    auto* other = req.add_documents();
    other->set_type(v1::EVIDENCE_TYPE_OTHER);
    other->set_content("doc_E2EOtherProof2");
    other->set_content_type(doc_type);
  }
  req.set_save_as_draft(!submit);
  return env().svc.disputes->SubmitEvidence(razorpay_ctx().get(), req, out);
}

TEST(RazorpayDisputes, OpenedThenDraftThenSubmittedIsChallenged) {
  const auto disp = opened("e2e-rzp-dispute-contest", 70000);
  ASSERT_FALSE(disp.empty());
  auto res = get(disp);
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_OPENED) << res.DebugString();
  EXPECT_EQ(res.connector_dispute_id(), disp);
  EXPECT_EQ(res.processor_status(), "open");

  v1::Dispute draft;
  auto s = evidence(disp, false, &draft);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(draft.status(), v1::DISPUTE_STATUS_OPENED) << draft.DebugString();
  auto state = sim_dispute(disp);
  EXPECT_EQ(state.at("status"), "open");
  EXPECT_EQ(state.at("evidence").at("shipping_proof").as_array().size(), 1u)
      << boost::json::serialize(state);

  v1::Dispute submitted;
  s = evidence(disp, true, &submitted);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(submitted.status(), v1::DISPUTE_STATUS_CHALLENGED) << submitted.DebugString();
  EXPECT_EQ(submitted.processor_status(), "under_review");
  state = sim_dispute(disp);
  EXPECT_EQ(state.at("status"), "under_review");
  EXPECT_FALSE(state.at("evidence").at("submitted_at").is_null());
  EXPECT_EQ(get(disp).status(), v1::DISPUTE_STATUS_CHALLENGED);
  auto hook = rzp::webhook("payment.dispute.under_review", disp);
  ASSERT_TRUE(hook.is_object());
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(RazorpayDisputes, AcceptIsAccepted) {
  const auto disp = opened("e2e-rzp-dispute-accept", 45000);
  ASSERT_FALSE(disp.empty());
  v1::AcceptDisputeRequest req;
  req.set_connector("razorpay");
  req.set_connector_dispute_id(disp);
  v1::Dispute res;
  auto s = env().svc.disputes->Accept(razorpay_ctx().get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_ACCEPTED) << res.DebugString();
  EXPECT_EQ(res.processor_status(), "lost");
  auto state = sim_dispute(disp);
  EXPECT_EQ(state.at("status"), "lost");
  EXPECT_EQ(state.at("amount_deducted"), 45000);
  // Read later, a lost dispute is LOST (ACCEPTED is what the accept call answers).
  EXPECT_EQ(get(disp).status(), v1::DISPUTE_STATUS_LOST);
  // Accepting again: the processor refuses (not open any more).
  s = env().svc.disputes->Accept(razorpay_ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
}

TEST(RazorpayDisputes, DefendIsUnimplemented) {
  v1::DefendDisputeRequest req;
  req.set_connector("razorpay");
  req.set_connector_dispute_id("disp_E2EDefendNone1");
  req.set_reason_code("goods_delivered");
  v1::Dispute res;
  auto s = env().svc.disputes->Defend(razorpay_ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNIMPLEMENTED) << describe(s);
}

}  // namespace
}  // namespace e2e
