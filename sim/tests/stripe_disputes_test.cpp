#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class stripe_disputes : public stripe_test {};

TEST_F(stripe_disputes, dispute_card_succeeds_then_a_fraudulent_dispute_is_opened) {
  auto r = pay("4000000000000259");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "succeeded");
  const auto pi = s(r.json().at("id"));
  const auto dp = get("/_sim/stripe/payment_intents/" + pi).json().at("dispute");
  ASSERT_TRUE(dp.is_string());
  auto event = wait_event("charge.dispute.created", s(dp));
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event, stripe_secret));
  const auto& d = object_of(*event);
  EXPECT_EQ(d.at("object"), "dispute");
  EXPECT_EQ(d.at("reason"), "fraudulent");
  EXPECT_EQ(d.at("status"), "needs_response");
  EXPECT_EQ(d.at("amount").as_int64(), 1000);
  EXPECT_EQ(d.at("payment_intent"), pi.c_str());
  EXPECT_EQ(d.at("charge"), r.json().at("latest_charge"));

  auto read = fetch("/v1/disputes/" + s(dp));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json().at("evidence_details").at("submission_count").as_int64(), 0);
  auto deliveries = get("/_sim/webhooks").json().as_array();
  bool logged = false;
  for (const auto& w : deliveries) {
    logged |= w.at("processor") == "stripe" && w.at("eventCode") == "charge.dispute.created" &&
              w.at("pspReference") == dp;
  }
  EXPECT_TRUE(logged);
}

TEST_F(stripe_disputes, evidence_is_submitted_then_the_dispute_cannot_be_closed) {
  const auto pi = pay_id("pm_card_createDispute");
  const auto dp = s(get("/_sim/stripe/payment_intents/" + pi).json().at("dispute"));
  auto draft = post("/v1/disputes/" + dp, {{"evidence[uncategorized_text]", "signed receipt"},
                                           {"evidence[customer_name]", "Jo Doe"},
                                           {"submit", "false"}});
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.json().at("status"), "needs_response");
  EXPECT_EQ(draft.json().at("evidence").at("uncategorized_text"), "signed receipt");
  EXPECT_TRUE(draft.json().at("evidence").at("receipt").is_null());
  EXPECT_EQ(draft.json().at("evidence_details").at("has_evidence"), true);

  auto bad = post("/v1/disputes/" + dp, {{"evidence[favourite_colour]", "blue"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_of(bad).at("param"), "evidence[favourite_colour]");

  auto submitted = post("/v1/disputes/" + dp, {{"submit", "true"}});
  EXPECT_EQ(submitted.json().at("status"), "under_review");
  EXPECT_EQ(submitted.json().at("evidence_details").at("submission_count").as_int64(), 1);
  EXPECT_EQ(post("/v1/disputes/" + dp + "/close", {}).status, 400);

  auto won = client_->request("POST", "/_sim/stripe/disputes/" + dp, R"({"status":"won"})");
  EXPECT_EQ(won.json().at("status"), "won");
  auto closed = wait_event("charge.dispute.closed", dp);
  ASSERT_TRUE(closed);
  EXPECT_EQ(object_of(*closed).at("status"), "won");
}

TEST_F(stripe_disputes, close_accepts_the_dispute_as_lost) {
  const auto pi = pay_id("pm_card_visa");
  auto opened =
      client_->request("POST", "/_sim/stripe/disputes", R"({"payment_intent":")" + pi + R"("})");
  ASSERT_EQ(opened.status, 200) << opened.body;
  const auto dp = s(opened.json().at("id"));
  EXPECT_EQ(dp.rfind("dp_", 0), 0u);
  EXPECT_TRUE(wait_event("charge.dispute.created", dp));
  auto closed = post("/v1/disputes/" + dp + "/close", {});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json().at("status"), "lost");
  EXPECT_TRUE(wait_event("charge.dispute.closed", dp));
  EXPECT_EQ(get("/_sim/stripe/disputes/" + dp).json().at("status"), "lost");
  EXPECT_EQ(
      client_->request("POST", "/_sim/stripe/disputes", R"({"payment_intent":")" + pi + R"("})")
          .status,
      422);
  const auto uncaptured = pay_id("pm_card_visa", true);
  EXPECT_EQ(client_
                ->request("POST", "/_sim/stripe/disputes",
                          R"({"payment_intent":")" + uncaptured + R"("})")
                .status,
            422);
}

TEST_F(stripe_disputes, events_are_signed_with_a_configured_secret) {
  sim_config cfg;
  cfg.stripe.webhook_secret = "whsec_custom_secret";
  start(cfg);
  const auto pi = pay_id("pm_card_visa");
  auto event = wait_event("payment_intent.succeeded", pi);
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event, "whsec_custom_secret"));
  EXPECT_FALSE(signature_valid(*event, stripe_secret));
  const std::string header = event->header("stripe-signature");
  EXPECT_EQ(header.rfind("t=", 0), 0u);
  EXPECT_NE(header.find(",v1="), std::string::npos);
}

}  // namespace
}  // namespace processor_sim::testing
