// PayPal captures held for review (PENDING until a test settles them) and the sandbox's
// negative testing header PayPal-Mock-Response.
#include "paypal_fixture.hpp"

namespace processor_sim::testing {
namespace {

class paypal_review : public paypal_test {};

TEST_F(paypal_review, pending_capture_settles_later_with_a_webhook) {
  auto o = order(card_order("CAPTURE", "15.00", "PENDING-REVIEW"));
  EXPECT_EQ(o.at("status"), "COMPLETED");
  const auto& cap = payments(o).at("captures").at(0).as_object();
  EXPECT_EQ(cap.at("status"), "PENDING");
  EXPECT_EQ(cap.at("status_details").at("reason"), "PENDING_REVIEW");
  const std::string id = s(cap.at("id"));
  ASSERT_TRUE(wait_event("PAYMENT.CAPTURE.PENDING", id));
  auto refund = post("/v2/payments/captures/" + id + "/refund", {});
  EXPECT_EQ(refund.status, 422);
  EXPECT_EQ(issue_of(refund), "PENDING_CAPTURE");
  auto settled = client_->request("POST", "/_sim/paypal/captures/" + id + "/settle",
                                  R"({"status":"COMPLETED"})");
  ASSERT_EQ(settled.status, 200) << settled.body;
  EXPECT_EQ(fetch("/v2/payments/captures/" + id).json().at("status"), "COMPLETED");
  ASSERT_TRUE(wait_event("PAYMENT.CAPTURE.COMPLETED", id));
  EXPECT_EQ(post("/v2/payments/captures/" + id + "/refund", {}).status, 201);
  EXPECT_EQ(paypal_stats().at("charges").as_int64(), 1);
}

TEST_F(paypal_review, pending_capture_can_be_declined) {
  auto o = order(card_order("CAPTURE", "15.00", "PENDING-REVIEW"));
  const std::string id = s(payments(o).at("captures").at(0).at("id"));
  auto settled = client_->request("POST", "/_sim/paypal/captures/" + id + "/settle",
                                  R"({"status":"DECLINED"})");
  ASSERT_EQ(settled.status, 200);
  ASSERT_TRUE(wait_event("PAYMENT.CAPTURE.DENIED", id));
  EXPECT_EQ(paypal_stats().at("charges").as_int64(), 0);
  EXPECT_EQ(client_->request("POST", "/_sim/paypal/captures/" + id + "/settle").status, 422);
}

TEST_F(paypal_review, mock_response_header_answers_the_mocked_error_and_applies_nothing) {
  auto declined =
      post("/v2/checkout/orders", card_order("CAPTURE"),
           {{"PayPal-Mock-Response", R"({"mock_application_codes":"INSTRUMENT_DECLINED"})"}});
  EXPECT_EQ(declined.status, 422);
  EXPECT_EQ(declined.json().at("name"), "UNPROCESSABLE_ENTITY");
  EXPECT_EQ(issue_of(declined), "INSTRUMENT_DECLINED");
  auto internal =
      post("/v2/checkout/orders", card_order("CAPTURE"),
           {{"PayPal-Mock-Response", R"({"mock_application_codes":"INTERNAL_SERVER_ERROR"})"}});
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(paypal_stats().at("orders").as_int64(), 0);
}

TEST_F(paypal_review, failed_three_ds_leaves_liability_with_the_merchant) {
  auto o = order(card_order("AUTHORIZE", "20.00", "Jane Doe", "4868719460707704"));
  const std::string id = s(o.at("id"));
  auto approved = client_->request("POST", "/_sim/paypal/orders/" + id + "/approve",
                                   R"({"three_ds":"failed"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto result = approved.json().at("payment_source").at("card").at("authentication_result");
  EXPECT_EQ(result.at("liability_shift"), "NO");
  EXPECT_EQ(result.at("three_d_secure").at("authentication_status"), "N");
  EXPECT_EQ(post("/v2/checkout/orders/" + id + "/authorize", {}).status, 201);
}

}  // namespace
}  // namespace processor_sim::testing
