// Stripe disputes: opened by the dispute card or the simulator's control route; Get, evidence as
// a draft then submitted, Accept (close), and Defend, which Stripe does not have.

#include "harness.hpp"

namespace e2e {
namespace {

std::string charge(const std::string& reference, const std::string& number) {
  v1::Payment sale;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(),
                                         stripe_authorize(reference, number, 5000, false), &sale);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED) << sale.DebugString();
  return sale.connector_payment_id();
}

void expect_delivered(const std::string& type, const std::string& dp) {
  auto hook = env().wait_webhook(type, dp);
  ASSERT_TRUE(hook.is_object()) << "no " << type << " webhook for " << dp;
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

// 4000000000000259 opens a dispute once captured.
std::string dispute_from_card(const std::string& reference) {
  auto pi = charge(reference, stripe_card::dispute);
  if (!starts_with(pi, "pi_")) return {};
  auto state = env().stripe_intent(pi);
  if (!state.is_object() || !state.at("dispute").is_string()) return {};
  std::string dp(state.at("dispute").as_string());
  expect_delivered("charge.dispute.created", dp);
  return dp;
}

std::string dispute_from_sim(const std::string& reference) {
  auto pi = charge(reference, stripe_card::visa);
  auto r = env().sim_post("/_sim/stripe/disputes", boost::json::object{{"payment_intent", pi}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  std::string dp(r.json().at("id").as_string());
  expect_delivered("charge.dispute.created", dp);
  return dp;
}

json sim_dispute(const std::string& dp) {
  auto r = env().sim_get("/_sim/stripe/disputes/" + dp);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

v1::Dispute get(const std::string& dp) {
  v1::GetDisputeRequest req;
  req.set_connector("stripe");
  req.set_connector_dispute_id(dp);
  v1::Dispute res;
  auto s = env().svc.disputes->Get(stripe_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

v1::Dispute evidence(const std::string& dp, const std::string& text, bool submit) {
  v1::SubmitEvidenceRequest req;
  req.set_connector("stripe");
  req.set_connector_dispute_id(dp);
  req.set_text(text);
  req.set_save_as_draft(!submit);
  v1::Dispute res;
  auto s = env().svc.disputes->SubmitEvidence(stripe_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

TEST(StripeDisputes, DisputeCardGetDraftEvidenceThenSubmit) {
  auto dp = dispute_from_card("e2e-st-dispute-card");
  ASSERT_TRUE(starts_with(dp, "dp_")) << dp;
  auto opened = get(dp);
  EXPECT_EQ(opened.status(), v1::DISPUTE_STATUS_OPENED) << opened.DebugString();
  EXPECT_EQ(opened.connector_dispute_id(), dp);
  EXPECT_EQ(opened.processor_status(), "needs_response");

  auto draft = evidence(dp, "Shipped 2024-05-02, tracking 1Z999AA10123456784", false);
  EXPECT_EQ(draft.status(), v1::DISPUTE_STATUS_OPENED) << draft.DebugString();
  auto state = sim_dispute(dp);
  EXPECT_EQ(state.at("status"), "needs_response");
  EXPECT_EQ(state.at("evidence").at("uncategorized_text"),
            "Shipped 2024-05-02, tracking 1Z999AA10123456784");
  EXPECT_EQ(state.at("evidence_details").at("submission_count"), 0);

  auto sent = evidence(dp, "Shipped 2024-05-02, signed for by the cardholder", true);
  EXPECT_EQ(sent.status(), v1::DISPUTE_STATUS_CHALLENGED) << sent.DebugString();
  EXPECT_EQ(sent.processor_status(), "under_review");
  state = sim_dispute(dp);
  EXPECT_EQ(state.at("status"), "under_review");
  EXPECT_EQ(state.at("evidence_details").at("submission_count"), 1);
  expect_delivered("charge.dispute.updated", dp);
  EXPECT_EQ(get(dp).status(), v1::DISPUTE_STATUS_CHALLENGED);

  // The simulator decides it: won.
  auto r = env().sim_post("/_sim/stripe/disputes/" + dp, boost::json::object{{"status", "won"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(get(dp).status(), v1::DISPUTE_STATUS_WON);
  expect_delivered("charge.dispute.closed", dp);
}

TEST(StripeDisputes, AcceptClosesAsLost) {
  auto dp = dispute_from_sim("e2e-st-dispute-accept");
  ASSERT_TRUE(starts_with(dp, "dp_")) << dp;
  v1::AcceptDisputeRequest req;
  req.set_connector("stripe");
  req.set_connector_dispute_id(dp);
  v1::Dispute res;
  auto s = env().svc.disputes->Accept(stripe_ctx().get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  // Documented: accepting shows ACCEPTED; Stripe's own status is lost.
  EXPECT_EQ(res.status(), v1::DISPUTE_STATUS_ACCEPTED) << res.DebugString();
  EXPECT_EQ(res.processor_status(), "lost");
  EXPECT_EQ(res.connector_dispute_id(), dp);
  EXPECT_FALSE(res.has_error());
  EXPECT_EQ(sim_dispute(dp).at("status"), "lost");
  expect_delivered("charge.dispute.closed", dp);
  // Read back later it is what Stripe says: lost.
  EXPECT_EQ(get(dp).status(), v1::DISPUTE_STATUS_LOST);

  // Evidence on a closed dispute: Stripe refuses it.
  v1::SubmitEvidenceRequest ev;
  ev.set_connector("stripe");
  ev.set_connector_dispute_id(dp);
  ev.set_text("too late");
  ev.set_save_as_draft(false);
  s = env().svc.disputes->SubmitEvidence(stripe_ctx().get(), ev, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "PROCESSOR_REJECTED");
}

TEST(StripeDisputes, DefendIsUnimplemented) {
  v1::DefendDisputeRequest req;
  req.set_connector("stripe");
  req.set_connector_dispute_id("dp_1NoSuchDispute");
  req.set_reason_code("product_not_received");
  v1::Dispute res;
  auto s = env().svc.disputes->Defend(stripe_ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNIMPLEMENTED) << describe(s);
  EXPECT_NE(lower(s.error_message()).find("stripe"), std::string::npos) << s.error_message();
  EXPECT_NE(lower(s.error_message()).find("defend"), std::string::npos) << s.error_message();
}

TEST(StripeDisputes, UnknownDisputeIsNotFound) {
  v1::GetDisputeRequest req;
  req.set_connector("stripe");
  req.set_connector_dispute_id("dp_1NoSuchDispute");
  v1::Dispute res;
  auto s = env().svc.disputes->Get(stripe_ctx().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << describe(s);
}

}  // namespace
}  // namespace e2e
