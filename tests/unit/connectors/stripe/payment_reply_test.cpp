// Every PaymentIntent, Refund, Dispute and SetupIntent status and every decline code mapping.
#include <fmt/format.h>

#include "connectors/stripe/status_map.hpp"
#include "test_support.hpp"

namespace stripe_test {
namespace {

namespace stripe = cs::connectors::stripe;

payment_result get_with(const std::string& body) {
  get_payment_request r;
  r.connector_payment_id = "pi_3NtwuU2eZvKYlo2C1hG0Jb5X";
  return drive(&cs::domain::flow_table::get_payment, r, {json_reply(200, body)}).value();
}

std::string intent(std::string_view status, std::string_view extra = "") {
  return fmt::format(
      R"({{"id":"pi_1","object":"payment_intent","amount":1000,"amount_received":{},)"
      R"("currency":"eur","status":"{}"{}}})",
      status == "succeeded" ? 1000 : 0, status, extra);
}

struct intent_case {
  const char* status;
  const char* extra;
  payment_status expected;
};

class StripeIntentStatus : public ::testing::TestWithParam<intent_case> {};

TEST_P(StripeIntentStatus, MapsAsProcessorsMdSays) {
  auto p = get_with(intent(GetParam().status, GetParam().extra));
  EXPECT_EQ(p.status, GetParam().expected) << GetParam().status;
  EXPECT_EQ(p.processor_status, GetParam().status);
}

INSTANTIATE_TEST_SUITE_P(
    Table, StripeIntentStatus,
    ::testing::Values(
        intent_case{"requires_payment_method", "", payment_status::started},
        intent_case{"requires_payment_method",
                    R"(,"last_payment_error":{"code":"card_declined","decline_code":"lost_card"})",
                    payment_status::failure},
        intent_case{"requires_confirmation", "", payment_status::started},
        intent_case{"requires_action", "", payment_status::authentication_pending},
        intent_case{"processing", "", payment_status::pending},
        intent_case{"requires_capture", "", payment_status::authorized},
        intent_case{"succeeded", "", payment_status::charged},
        intent_case{"canceled", "", payment_status::voided},
        intent_case{"requires_source", "", payment_status::unrecognized},
        intent_case{"something_new", "", payment_status::unrecognized}));

TEST(StripeIntent, SucceededWithLessReceivedIsPartiallyCharged) {
  auto p = get_with(golden("pi_partially_captured.response.json"));
  EXPECT_EQ(p.status, payment_status::partially_charged);
  ASSERT_TRUE(p.captured_amount);
  EXPECT_EQ(*p.captured_amount, (money{500, "USD"}));
  EXPECT_EQ(*p.amount, (money{2000, "USD"}));
}

TEST(StripeIntent, FailedIntentCarriesLastPaymentError) {
  auto p = get_with(golden("pi_requires_payment_method_failed.response.json"));
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p.error->decline_code_raw, "insufficient_funds");
}

TEST(StripeIntent, FreshIntentIsStartedWithoutError) {
  auto p = get_with(golden("pi_requires_payment_method.response.json"));
  EXPECT_EQ(p.status, payment_status::started);
  EXPECT_FALSE(p.error);
}

TEST(StripeIntent, ProcessingAndCanceledGoldens) {
  EXPECT_EQ(get_with(golden("pi_processing.response.json")).status, payment_status::pending);
  EXPECT_EQ(get_with(golden("pi_canceled.response.json")).status, payment_status::voided);
}

TEST(StripeIntent, ReplyWithoutIdOrStatusIsBadProcessorReply) {
  get_payment_request r;
  r.connector_payment_id = "pi_1";
  auto run = drive(&cs::domain::flow_table::get_payment, r, {json_reply(200, R"({"object":"x"})")});
  EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
  run = drive(&cs::domain::flow_table::get_payment, r, {json_reply(200, "<html>oops</html>")});
  EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
}

struct decline_case {
  const char* decline;
  const char* code;
  decline_code expected;
  bool retryable;
};

class StripeDeclineCode : public ::testing::TestWithParam<decline_case> {};

TEST_P(StripeDeclineCode, Maps) {
  auto [d, c, expected, retryable] = GetParam();
  EXPECT_EQ(stripe::map_decline(d, c), expected) << d << "/" << c;
  EXPECT_EQ(stripe::retryable_decline(d, c), retryable) << d << "/" << c;
}

INSTANTIATE_TEST_SUITE_P(
    Table, StripeDeclineCode,
    ::testing::Values(
        decline_case{"generic_decline", "card_declined", decline_code::generic, false},
        decline_case{"insufficient_funds", "card_declined", decline_code::insufficient_funds,
                     false},
        decline_case{"lost_card", "card_declined", decline_code::lost_or_stolen, false},
        decline_case{"stolen_card", "card_declined", decline_code::lost_or_stolen, false},
        decline_case{"expired_card", "expired_card", decline_code::expired_card, false},
        decline_case{"", "expired_card", decline_code::expired_card, false},
        decline_case{"incorrect_cvc", "incorrect_cvc", decline_code::incorrect_cvc, false},
        decline_case{"processing_error", "processing_error", decline_code::processing_error, true},
        decline_case{"try_again_later", "card_declined", decline_code::issuer_unavailable, true},
        decline_case{"authentication_required", "authentication_required",
                     decline_code::authentication_required, false},
        decline_case{"card_not_supported", "card_declined", decline_code::not_supported, false},
        decline_case{"fraudulent", "card_declined", decline_code::fraud_suspected, false},
        decline_case{"card_velocity_exceeded", "card_declined", decline_code::limit_exceeded,
                     false},
        decline_case{"", "incorrect_number", decline_code::invalid_card, false},
        decline_case{"", "payment_intent_authentication_failure",
                     decline_code::authentication_failed, false},
        decline_case{"some_new_reason", "card_declined", decline_code::generic, false},
        decline_case{"", "", decline_code::generic, false}));

TEST(StripeStatusMaps, Refund) {
  EXPECT_EQ(stripe::map_refund_status("pending"), refund_status::pending);
  EXPECT_EQ(stripe::map_refund_status("requires_action"), refund_status::pending);
  EXPECT_EQ(stripe::map_refund_status("succeeded"), refund_status::success);
  EXPECT_EQ(stripe::map_refund_status("failed"), refund_status::failure);
  EXPECT_EQ(stripe::map_refund_status("canceled"), refund_status::failure);
  EXPECT_EQ(stripe::map_refund_status("new"), refund_status::unrecognized);
}

TEST(StripeStatusMaps, Dispute) {
  EXPECT_EQ(stripe::map_dispute_status("warning_needs_response"), dispute_status::opened);
  EXPECT_EQ(stripe::map_dispute_status("needs_response"), dispute_status::opened);
  EXPECT_EQ(stripe::map_dispute_status("warning_under_review"), dispute_status::challenged);
  EXPECT_EQ(stripe::map_dispute_status("under_review"), dispute_status::challenged);
  EXPECT_EQ(stripe::map_dispute_status("won"), dispute_status::won);
  EXPECT_EQ(stripe::map_dispute_status("lost"), dispute_status::lost);
  EXPECT_EQ(stripe::map_dispute_status("warning_closed"), dispute_status::expired);
  EXPECT_EQ(stripe::map_dispute_status("prevented"), dispute_status::won);
  EXPECT_EQ(stripe::map_dispute_status("new"), dispute_status::unrecognized);
}

TEST(StripeStatusMaps, SetupIntent) {
  EXPECT_EQ(stripe::map_setup_status("succeeded"), mandate_status::active);
  EXPECT_EQ(stripe::map_setup_status("requires_action"), mandate_status::pending);
  EXPECT_EQ(stripe::map_setup_status("processing"), mandate_status::pending);
  EXPECT_EQ(stripe::map_setup_status("requires_payment_method"), mandate_status::failed);
  EXPECT_EQ(stripe::map_setup_status("canceled"), mandate_status::failed);
}

}  // namespace
}  // namespace stripe_test
