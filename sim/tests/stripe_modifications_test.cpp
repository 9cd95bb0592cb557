#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class stripe_modifications : public stripe_test {};

TEST_F(stripe_modifications, manual_capture_authorizes_then_partial_capture_succeeds) {
  auto auth = pay("pm_card_visa", true, 1000);
  ASSERT_EQ(auth.status, 200) << auth.body;
  auto pi = auth.json().as_object();
  const auto id = s(pi.at("id"));
  EXPECT_EQ(pi.at("status"), "requires_capture");
  EXPECT_EQ(pi.at("capture_method"), "manual");
  EXPECT_EQ(pi.at("amount_capturable").as_int64(), 1000);
  EXPECT_EQ(pi.at("amount_received").as_int64(), 0);
  EXPECT_TRUE(wait_event("payment_intent.amount_capturable_updated", id));

  auto over = post("/v1/payment_intents/" + id + "/capture", {{"amount_to_capture", "1001"}});
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(error_of(over).at("type"), "invalid_request_error");
  EXPECT_EQ(error_of(over).at("param"), "amount_to_capture");

  auto cap = post("/v1/payment_intents/" + id + "/capture", {{"amount_to_capture", "600"}});
  ASSERT_EQ(cap.status, 200) << cap.body;
  EXPECT_EQ(cap.json().at("status"), "succeeded");
  EXPECT_EQ(cap.json().at("amount_received").as_int64(), 600);
  EXPECT_EQ(cap.json().at("amount_capturable").as_int64(), 0);
  EXPECT_TRUE(wait_event("payment_intent.succeeded", id));

  auto again = post("/v1/payment_intents/" + id + "/capture", {});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(error_of(again).at("code"), "payment_intent_unexpected_state");
  auto state = get("/_sim/stripe/payment_intents/" + id).json();
  EXPECT_EQ(state.at("amount_received").as_int64(), 600);
}

TEST_F(stripe_modifications, full_capture_by_default) {
  const auto id = pay_id("4242424242424242", true, 2500);
  auto cap = post("/v1/payment_intents/" + id + "/capture", {{"expand[]", "latest_charge"}});
  ASSERT_EQ(cap.status, 200) << cap.body;
  EXPECT_EQ(cap.json().at("amount_received").as_int64(), 2500);
  EXPECT_EQ(cap.json().at("latest_charge").at("amount_captured").as_int64(), 2500);
}

TEST_F(stripe_modifications, several_partial_refunds_then_over_refund_is_rejected) {
  const auto id = pay_id("pm_card_visa", false, 1000);
  auto first = post("/v1/refunds", {{"payment_intent", id}, {"amount", "300"}});
  ASSERT_EQ(first.status, 200) << first.body;
  auto re = first.json().as_object();
  EXPECT_EQ(re.at("object"), "refund");
  EXPECT_EQ(re.at("status"), "succeeded");
  EXPECT_EQ(re.at("amount").as_int64(), 300);
  EXPECT_EQ(re.at("payment_intent"), id.c_str());
  EXPECT_EQ(std::string(re.at("id").as_string()).rfind("re_", 0), 0u);
  EXPECT_TRUE(wait_event("refund.created", s(re.at("id"))));
  auto charge_event = wait_event("charge.refunded", s(re.at("charge")));
  ASSERT_TRUE(charge_event);
  EXPECT_EQ(object_of(*charge_event).at("amount_refunded").as_int64(), 300);

  EXPECT_EQ(post("/v1/refunds", {{"payment_intent", id}, {"amount", "500"}}).status, 200);
  auto over = post("/v1/refunds", {{"payment_intent", id}, {"amount", "201"}});
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(error_of(over).at("param"), "amount");
  auto rest = post("/v1/refunds", {{"payment_intent", id}});  // the remaining 200
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(rest.json().at("amount").as_int64(), 200);
  auto done = post("/v1/refunds", {{"payment_intent", id}, {"amount", "1"}});
  EXPECT_EQ(done.status, 400);
  EXPECT_EQ(error_of(done).at("code"), "charge_already_refunded");

  auto read = fetch("/v1/refunds/" + s(re.at("id")));
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.json().at("amount").as_int64(), 300);
  EXPECT_EQ(get("/_sim/stripe/payment_intents/" + id).json().at("amount_refunded").as_int64(),
            1000);
}

TEST_F(stripe_modifications, refund_of_an_uncaptured_intent_is_rejected) {
  const auto id = pay_id("pm_card_visa", true);
  auto r = post("/v1/refunds", {{"payment_intent", id}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r).at("code"), "charge_not_refundable");
  EXPECT_EQ(post("/v1/refunds", {{"amount", "5"}}).status, 400);
}

TEST_F(stripe_modifications, cancel_voids_an_authorization_but_not_a_succeeded_intent) {
  const auto id = pay_id("pm_card_visa", true);
  auto r = post("/v1/payment_intents/" + id + "/cancel",
                {{"cancellation_reason", "requested_by_customer"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "canceled");
  EXPECT_EQ(r.json().at("cancellation_reason"), "requested_by_customer");
  EXPECT_EQ(r.json().at("amount_capturable").as_int64(), 0);
  EXPECT_TRUE(r.json().at("canceled_at").is_int64());
  EXPECT_TRUE(wait_event("payment_intent.canceled", id));
  EXPECT_EQ(post("/v1/payment_intents/" + id + "/capture", {}).status, 400);

  const auto sale = pay_id("pm_card_visa");
  auto refused = post("/v1/payment_intents/" + sale + "/cancel", {});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(error_of(refused).at("code"), "payment_intent_unexpected_state");
  EXPECT_EQ(error_of(refused).at("payment_intent").at("status"), "succeeded");
  EXPECT_EQ(
      post("/v1/payment_intents/" + id + "/cancel", {{"cancellation_reason", "bored"}}).status,
      400);
}

TEST_F(stripe_modifications, unconfirmed_intent_is_confirmed_later) {
  auto created = post("/v1/payment_intents", {{"amount", "1500"},
                                              {"currency", "eur"},
                                              {"payment_method", "pm_card_visa"},
                                              {"capture_method", "manual"}});
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json().at("status"), "requires_confirmation");
  const auto id = s(created.json().at("id"));
  auto confirmed = post("/v1/payment_intents/" + id + "/confirm", {});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json().at("status"), "requires_capture");
  EXPECT_EQ(fetch("/v1/payment_intents/" + id).json().at("status"), "requires_capture");
}

}  // namespace
}  // namespace processor_sim::testing
