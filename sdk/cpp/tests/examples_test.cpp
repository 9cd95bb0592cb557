// The example flows, run as subprocesses of the built examples against the shared stack (and one
// that starts its own, as `webhook_receiver --connector stripe` does from a shell).

#include <gtest/gtest.h>

#include "stack.hpp"

namespace {

using cs::sdk_tests::run_example;

class Examples : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    stack_ = cs::sdk_tests::test_stack();
    ASSERT_NE(stack_, nullptr) << "the stack did not start (see stderr)";
  }
  // `name --connector <param> --target <the stack>`, with the simulator's URL and CA.
  cs::sdk_tests::run_result run(const std::string& name) {
    return run_example(
        name, "--connector " + GetParam() + " --target " + stack_->target(),
        {{"CS_SIM_URL", stack_->get("CS_SIM_URL")}, {"CS_SIM_CA", stack_->get("CS_SIM_CA")}});
  }
  bool stripe() const { return GetParam() == "stripe"; }
  const cs::examples::stack* stack_ = nullptr;
};

bool has(const std::string& out, const std::string& what) {
  return out.find(what) != std::string::npos;
}

TEST_P(Examples, Checkout) {
  auto r = run("checkout");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "1. authorize 25.00 EUR   -> PAYMENT_STATUS_AUTHORIZED")) << r.out;
  EXPECT_TRUE(has(r.out, "2. capture 15.00 EUR     -> PAYMENT_STATUS_")) << r.out;
  EXPECT_TRUE(has(r.out, "3. refund 5.00 EUR       -> REFUND_STATUS_")) << r.out;
  if (stripe()) {
    EXPECT_TRUE(has(r.out, "captured=15.00 EUR")) << r.out;
    EXPECT_TRUE(has(r.out, "4. refund status         -> REFUND_STATUS_SUCCESS")) << r.out;
    EXPECT_TRUE(has(r.out, "amount=5.00 EUR")) << r.out;
  } else {
    // Adyen has no lookup API: the typed error, not a crash or a guess.
    EXPECT_TRUE(has(r.out,
                    "4. refund status         -> error "
                    "FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR"))
        << r.out;
    EXPECT_TRUE(has(r.out,
                    "5. get the payment       -> error "
                    "FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR"))
        << r.out;
  }
  EXPECT_TRUE(has(r.out, "6. a declined card       -> PAYMENT_STATUS_FAILURE")) << r.out;
}

TEST_P(Examples, ThreeDs) {
  auto r = run("three_ds");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "1. authorize          -> PAYMENT_STATUS_AUTHENTICATION_PENDING"))
      << r.out;
  EXPECT_TRUE(has(r.out, stripe() ? "payment_intent" : "redirectResult")) << r.out;
  EXPECT_TRUE(has(r.out, "4. complete_authorize -> PAYMENT_STATUS_AUTHORIZED")) << r.out;
}

TEST_P(Examples, Subscription) {
  auto r = run("subscription");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "1. setup_mandate         -> MANDATE_STATUS_ACTIVE")) << r.out;
  EXPECT_TRUE(has(r.out, "2. recurring_charge      -> PAYMENT_STATUS_CHARGED")) << r.out;
  EXPECT_TRUE(has(r.out, "3. revoke_mandate        -> MANDATE_STATUS_REVOKED")) << r.out;
  EXPECT_TRUE(has(r.out, "4. charge after revoke   -> error ")) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Connector, Examples, ::testing::Values("adyen", "stripe"));

// One command, nothing running: the example starts the stack with the simulator's webhooks
// pointed at itself, pays and refunds, and prints the processor's webhooks as typed events.
TEST(ExamplesOwnStack, WebhookReceiverDemo) {
  auto r = run_example("webhook_receiver", "--connector stripe",
                       {{"CS_GRPC_ADDRESS", ""}, {"CS_STACK_ENV", ""}});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(has(r.out, "stripe: EVENT_TYPE_PAYMENT")) << r.out;
  EXPECT_TRUE(has(r.out, "stripe: EVENT_TYPE_REFUND")) << r.out;
  EXPECT_TRUE(has(r.out, "demo: received the payment and refund webhooks")) << r.out;
}

}  // namespace
