// Every test-card outcome of the simulator's PayPal (sim/README.md "PayPal test values") through
// Authorize over gRPC, with both intents: the CCREJECT-* names as declines with PayPal's
// response code and our decline code, nothing charged; PENDING-REVIEW as a pending capture that
// settles later; a card that needs 3-D Secure as AUTHENTICATION_PENDING.

#include "harness.hpp"

namespace e2e {
namespace {

struct outcome {
  const char* holder;
  const char* response_code;
  v1::DeclineCode decline;
};

const outcome declines[] = {
    {"CCREJECT-REFUSED", "0500", v1::DECLINE_CODE_GENERIC},
    {"CCREJECT-SF", "9500", v1::DECLINE_CODE_FRAUD_SUSPECTED},
    {"CCREJECT-EC", "5400", v1::DECLINE_CODE_EXPIRED_CARD},
    {"CCREJECT-IF", "5120", v1::DECLINE_CODE_INSUFFICIENT_FUNDS},
    {"CCREJECT-LS", "9520", v1::DECLINE_CODE_LOST_OR_STOLEN},
    {"CCREJECT-IA", "1330", v1::DECLINE_CODE_INVALID_CARD},
    {"CCREJECT-BANK_ERROR", "5100", v1::DECLINE_CODE_GENERIC},
    {"CCREJECT-CVV_F", "00N7", v1::DECLINE_CODE_INCORRECT_CVC},
};

v1::Payment authorize(const v1::AuthorizeRequest& r) {
  v1::Payment out;
  auto s = env().svc.payments->Authorize(ctx(paypal_account).get(), r, &out);
  EXPECT_TRUE(s.ok()) << describe(s);
  return out;
}

std::int64_t charges() {
  return env().stats().at("paypal").at("charges").to_number<std::int64_t>();
}

class PayPalDeclines : public ::testing::TestWithParam<std::tuple<outcome, bool>> {};

TEST_P(PayPalDeclines, IsAFailureWithTheResponseCodeAndNothingCharged) {
  const auto& [o, manual] = GetParam();
  const auto before = charges();
  auto res = authorize(paypal_card_authorize(
      std::string("e2e-pp-decline-") + o.holder + (manual ? "-auth" : "-capture"), manual,
      o.holder));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_FAILURE) << res.DebugString();
  EXPECT_EQ(res.error().processor_code(), o.response_code) << res.DebugString();
  EXPECT_EQ(res.error().decline_code(), o.decline) << res.DebugString();
  EXPECT_FALSE(res.connector_payment_id().empty());  // the order, for the merchant's records
  EXPECT_EQ(charges(), before);
}

INSTANTIATE_TEST_SUITE_P(Cards, PayPalDeclines,
                         ::testing::Combine(::testing::ValuesIn(declines), ::testing::Bool()),
                         [](const auto& info) {
                           std::string name = std::get<0>(info.param).holder;
                           for (auto& c : name)
                             if (c == '-') c = '_';
                           return name + (std::get<1>(info.param) ? "_Authorize" : "_Capture");
                         });

TEST(PayPalOutcomes, AnyOtherNameIsApprovedAndChargedOnce) {
  const auto before = charges();
  auto res = authorize(paypal_card_authorize("e2e-pp-outcome-ok", false, "Asha Rao"));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  EXPECT_EQ(res.processor_status(), "COMPLETED");
  EXPECT_EQ(charges(), before + 1);
}

TEST(PayPalOutcomes, PendingReviewIsACapturePendingThatSettles) {
  auto res = authorize(paypal_card_authorize("e2e-pp-outcome-pending", false, "PENDING-REVIEW"));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING) << res.DebugString();
  const auto capture = res.connector_operation_id();
  ASSERT_FALSE(capture.empty());
  auto settled = env().sim_post("/_sim/paypal/captures/" + capture + "/settle",
                                boost::json::object{{"status", "COMPLETED"}});
  ASSERT_EQ(settled.status, 200) << settled.body;
  v1::GetPaymentRequest g;
  g.set_connector("paypal");
  g.set_connector_payment_id(res.connector_payment_id());
  v1::Payment now;
  auto s = env().svc.payments->Get(ctx(paypal_account).get(), g, &now);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(now.status(), v1::PAYMENT_STATUS_CHARGED) << now.DebugString();
}

TEST(PayPalOutcomes, ThreeDSecureCardWaitsForThePayer) {
  auto res =
      authorize(paypal_card_authorize("e2e-pp-outcome-3ds", false, "Asha Rao", "4868719460707704"));
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  EXPECT_TRUE(res.next_action().has_redirect());
}

}  // namespace
}  // namespace e2e
