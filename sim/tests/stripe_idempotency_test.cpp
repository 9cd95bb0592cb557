#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class stripe_idempotency : public stripe_test {};

TEST_F(stripe_idempotency, same_key_and_params_replays_the_saved_response_with_one_charge) {
  std::map<std::string, std::string> key{{"Idempotency-Key", "order-1-attempt"}};
  auto first = pay("pm_card_visa", false, 1000, {}, key);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.header("idempotent-replayed").empty());
  auto second = pay("pm_card_visa", false, 1000, {}, key);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.header("idempotent-replayed"), "true");
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.json().at("id"), first.json().at("id"));
  EXPECT_EQ(second.header("original-request"), first.header("request-id"));

  auto state = get("/_sim/stripe/payment_intents/" + s(first.json().at("id"))).json();
  EXPECT_EQ(state.at("idempotencyKey"), "order-1-attempt");
  EXPECT_EQ(state.at("chargesForIdempotencyKey").as_int64(), 1);
  auto stats = get("/_sim/stats").json();
  EXPECT_EQ(stats.at("stripe").at("payment_intents").as_int64(), 1);
  EXPECT_EQ(stats.at("stripe").at("charges").as_int64(), 1);
  EXPECT_EQ(stats.at("stripe").at("double_charges").as_int64(), 0);
  EXPECT_EQ(stats.at("double_charges").as_int64(), 0);
}

TEST_F(stripe_idempotency, parameter_order_does_not_matter) {
  std::map<std::string, std::string> key{{"Idempotency-Key", "k-order"}};
  params p{{"amount", "700"}, {"currency", "usd"}, {"payment_method", "pm_card_visa"}};
  auto first = post("/v1/payment_intents", p, key);
  params reversed(p.rbegin(), p.rend());
  auto second = post("/v1/payment_intents", reversed, key);
  EXPECT_EQ(second.header("idempotent-replayed"), "true");
  EXPECT_EQ(second.json().at("id"), first.json().at("id"));
}

TEST_F(stripe_idempotency, same_key_with_other_params_is_an_idempotency_error) {
  std::map<std::string, std::string> key{{"Idempotency-Key", "k-conflict"}};
  ASSERT_EQ(pay("pm_card_visa", false, 1000, {}, key).status, 200);
  auto r = pay("pm_card_visa", false, 2000, {}, key);
  EXPECT_EQ(r.status, 400);
  auto e = error_of(r);
  EXPECT_EQ(e.at("type"), "idempotency_error");
  EXPECT_EQ(std::string(e.at("message").as_string())
                .rfind("Keys for idempotent requests can only be used with the same parameters "
                       "they were first used with",
                       0),
            0u);
  auto other_path = post("/v1/customers", {}, key);
  EXPECT_EQ(error_of(other_path).at("type"), "idempotency_error");
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 1);
}

TEST_F(stripe_idempotency, declines_are_replayed_but_validation_errors_are_not_saved) {
  std::map<std::string, std::string> key{{"Idempotency-Key", "k-decline"}};
  auto first = pay("4000000000000002", false, 1000, {}, key);
  EXPECT_EQ(first.status, 402);
  auto second = pay("4000000000000002", false, 1000, {}, key);
  EXPECT_EQ(second.status, 402);
  EXPECT_EQ(second.header("idempotent-replayed"), "true");
  EXPECT_EQ(second.body, first.body);

  std::map<std::string, std::string> key2{{"Idempotency-Key", "k-invalid"}};
  EXPECT_EQ(pay("pm_card_visa", false, 10, {}, key2).status, 400);
  auto corrected = pay("pm_card_visa", false, 1000, {}, key2);
  EXPECT_EQ(corrected.status, 200);
  EXPECT_TRUE(corrected.header("idempotent-replayed").empty());
}

TEST_F(stripe_idempotency, reset_after_apply_then_retry_with_the_key_charges_once) {
  std::map<std::string, std::string> headers{{"Idempotency-Key", "k-reset"},
                                             {"X-Sim-Fault", "reset-after-apply"}};
  auto lost = pay("pm_card_visa", false, 1000, {}, headers);
  EXPECT_TRUE(lost.error);
  auto retry = pay("pm_card_visa", false, 1000, {}, {{"Idempotency-Key", "k-reset"}});
  EXPECT_EQ(retry.status, 200);
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 1);
  EXPECT_EQ(stripe_stats().at("double_charges").as_int64(), 0);
}

TEST_F(stripe_idempotency, a_retry_with_a_new_key_is_counted_as_a_second_charge_not_double) {
  // double_charges counts keys that produced more than one charge; a client that retries with a
  // fresh key creates two intents and two charges, both visible in stats.
  pay("pm_card_visa", false, 1000, {}, {{"Idempotency-Key", "a"}});
  pay("pm_card_visa", false, 1000, {}, {{"Idempotency-Key", "b"}});
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 2);
  EXPECT_EQ(stripe_stats().at("idempotency_keys").as_int64(), 2);
}

TEST_F(stripe_idempotency, status_faults_use_stripe_error_bodies) {
  auto r429 = pay("pm_card_visa", false, 1000, {}, {{"X-Sim-Fault", "status:429"}});
  EXPECT_EQ(r429.status, 429);
  EXPECT_EQ(error_of(r429).at("type"), "rate_limit_error");
  EXPECT_TRUE(r429.header("retry-after").empty());
  EXPECT_EQ(r429.header("request-id").rfind("req_", 0), 0u);
  auto r500 = pay("pm_card_visa", false, 1000, {}, {{"X-Sim-Fault", "status:500"}});
  EXPECT_EQ(r500.status, 500);
  EXPECT_EQ(error_of(r500).at("type"), "api_error");
  EXPECT_EQ(r500.header("stripe-should-retry"), "true");
  EXPECT_EQ(stripe_stats().at("payment_intents").as_int64(), 0);

  auto queued = client_->request("POST", "/_sim/faults",
                                 R"({"path_prefix":"/stripe/v1/refunds","fault":"status:503"})");
  EXPECT_EQ(queued.status, 200);
  const auto id = pay_id("pm_card_visa");
  EXPECT_EQ(post("/v1/refunds", {{"payment_intent", id}}).status, 503);
  EXPECT_EQ(post("/v1/refunds", {{"payment_intent", id}}).status, 200);
}

}  // namespace
}  // namespace processor_sim::testing
