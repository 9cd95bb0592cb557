// Captures, voids and refunds (202 accepted, completed at once), their limits (403), the refund
// decline trigger and GET /payments/{id}/actions.
#include "checkout_com_fixture.hpp"

namespace processor_sim::testing {
namespace {

class CheckoutComActions : public checkout_com_test {
 protected:
  http_reply act(const std::string& id, const std::string& kind, boost::json::object body = {}) {
    return post("/payments/" + id + "/" + kind, body);
  }
  boost::json::array actions(const std::string& id) {
    auto r = fetch("/payments/" + id + "/actions");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_array();
  }
  void expect_refused(const http_reply& r, const std::string& code) {
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json().at("error_type"), "processing_error");
    EXPECT_EQ(codes_of(r), std::vector<std::string>{code});
  }
};

TEST_F(CheckoutComActions, partial_captures_leave_the_rest_capturable_until_nothing_is_left) {
  const auto id = authorize(1000);
  auto first = act(id, "captures", {{"amount", 300}, {"reference", "cap-1"}});
  ASSERT_EQ(first.status, 202) << first.body;
  const auto accepted = first.json();
  EXPECT_EQ(s(accepted.at("action_id")).rfind("act_", 0), 0u);
  EXPECT_EQ(accepted.at("reference"), "cap-1");
  EXPECT_EQ(accepted.at("_links").at("payment").at("href"),
            (app_->base_url() + "/checkout_com/payments/" + id).c_str());
  auto p = payment(id);
  EXPECT_EQ(p.at("status"), "Partially Captured");
  EXPECT_EQ(p.at("balances").at("total_captured"), 300);
  EXPECT_EQ(p.at("balances").at("available_to_capture"), 700);
  EXPECT_EQ(p.at("balances").at("available_to_void"), 0);

  EXPECT_EQ(act(id, "captures", {{"amount", 500}}).status, 202);
  expect_refused(act(id, "captures", {{"amount", 201}}), "capture_not_allowed");
  EXPECT_EQ(act(id, "captures", {{"amount", 200}}).status, 202);
  EXPECT_EQ(payment(id).at("status"), "Captured");
  expect_refused(act(id, "captures"), "capture_not_allowed");

  auto list = actions(id);
  ASSERT_EQ(list.size(), 4u);  // three captures, the authorization
  EXPECT_EQ(list[0].at("type"), "Capture");
  EXPECT_EQ(list[0].at("amount"), 200);
  EXPECT_EQ(list[2].at("amount"), 300);
  EXPECT_EQ(list[2].at("reference"), "cap-1");
  EXPECT_EQ(list[2].at("id"), accepted.at("action_id"));
  EXPECT_EQ(list[3].at("type"), "Authorization");
  EXPECT_EQ(list[3].at("amount"), 1000);
  EXPECT_EQ(list[3].at("approved"), true);
  EXPECT_EQ(list[3].at("response_code"), "10000");
  auto hook = wait_event("payment_captured", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->body.at("data").at("action_id"), accepted.at("action_id"));
  EXPECT_EQ(hook->body.at("data").at("amount"), 300);
}

TEST_F(CheckoutComActions, capture_without_amount_takes_the_rest_and_final_releases_it) {
  const auto all = authorize(800);
  EXPECT_EQ(act(all, "captures").status, 202);
  EXPECT_EQ(balances(all).at("total_captured"), 800);

  const auto released = authorize(800);
  EXPECT_EQ(act(released, "captures", {{"amount", 500}, {"capture_type", "Final"}}).status, 202);
  auto p = payment(released);
  EXPECT_EQ(p.at("status"), "Captured");
  EXPECT_EQ(p.at("balances").at("total_captured"), 500);
  EXPECT_EQ(p.at("balances").at("available_to_capture"), 0);
  expect_refused(act(released, "captures", {{"amount", 100}}), "capture_not_allowed");

  auto bad = act(authorize(), "captures", {{"amount", 0}, {"capture_type", "Partial"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(codes_of(bad), (std::vector<std::string>{"amount_invalid", "capture_type_invalid"}));
}

TEST_F(CheckoutComActions, void_only_while_nothing_is_captured) {
  const auto id = authorize(1000);
  auto v = act(id, "voids", {{"reference", "void-1"}});
  ASSERT_EQ(v.status, 202) << v.body;
  auto p = payment(id);
  EXPECT_EQ(p.at("status"), "Voided");
  EXPECT_EQ(p.at("balances").at("total_voided"), 1000);
  EXPECT_EQ(p.at("balances").at("available_to_capture"), 0);
  expect_refused(act(id, "voids"), "void_not_allowed");
  expect_refused(act(id, "captures"), "capture_not_allowed");
  auto hook = wait_event("payment_voided", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->body.at("data").at("action_id"), v.json().at("action_id"));

  const auto partly = authorize(1000);
  ASSERT_EQ(act(partly, "captures", {{"amount", 100}}).status, 202);
  expect_refused(act(partly, "voids"), "void_not_allowed");
  expect_refused(act(sale(), "voids"), "void_not_allowed");
  auto declined = pay(payment_body("4544249167673670"));
  expect_refused(act(s(declined.at("id")), "voids"), "void_not_allowed");
}

TEST_F(CheckoutComActions, partial_refunds_up_to_what_was_captured) {
  const auto id = sale(1000);
  auto r1 = act(id, "refunds", {{"amount", 400}, {"reference", "rf-1"}});
  ASSERT_EQ(r1.status, 202) << r1.body;
  EXPECT_EQ(r1.json().at("reference"), "rf-1");
  auto p = payment(id);
  EXPECT_EQ(p.at("status"), "Partially Refunded");
  EXPECT_EQ(p.at("balances").at("total_refunded"), 400);
  EXPECT_EQ(p.at("balances").at("available_to_refund"), 600);
  expect_refused(act(id, "refunds", {{"amount", 601}}), "refund_not_allowed");
  EXPECT_EQ(act(id, "refunds", {{"amount", 200}}).status, 202);
  EXPECT_EQ(act(id, "refunds").status, 202);  // the remaining 400
  p = payment(id);
  EXPECT_EQ(p.at("status"), "Refunded");
  EXPECT_EQ(p.at("balances").at("total_refunded"), 1000);
  expect_refused(act(id, "refunds", {{"amount", 1}}), "refund_not_allowed");
  auto list = actions(id);
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].at("type"), "Refund");
  EXPECT_EQ(list[0].at("amount"), 400);
  auto hook = wait_event("payment_refunded", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->body.at("data").at("action_id"), r1.json().at("action_id"));
  EXPECT_EQ(hook->body.at("data").at("amount"), 400);

  expect_refused(act(authorize(), "refunds"), "refund_not_allowed");
  EXPECT_EQ(codes_of(act(id, "refunds", {{"amount", -3}})),
            std::vector<std::string>{"amount_invalid"});
}

TEST_F(CheckoutComActions, refund_of_an_amount_ending_in_05_is_declined) {
  const auto id = sale(1000);
  auto r = act(id, "refunds", {{"amount", 105}});
  ASSERT_EQ(r.status, 202) << r.body;
  auto list = actions(id);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].at("id"), r.json().at("action_id"));
  EXPECT_EQ(list[0].at("type"), "Refund");
  EXPECT_EQ(list[0].at("approved"), false);
  EXPECT_EQ(list[0].at("response_code"), "20005");
  auto p = payment(id);
  EXPECT_EQ(p.at("status"), "Captured");
  EXPECT_EQ(p.at("balances").at("total_refunded"), 0);
  auto hook = wait_event("payment_refund_declined", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->body.at("data").at("response_code"), "20005");
  EXPECT_EQ(hook->body.at("data").at("action_id"), r.json().at("action_id"));
  EXPECT_EQ(act(id, "refunds", {{"amount", 106}}).status, 202);
  EXPECT_EQ(balances(id).at("total_refunded"), 106);
}

TEST_F(CheckoutComActions, actions_of_a_declined_payment) {
  auto declined = pay(payment_body("4111111111111129"));
  auto list = actions(s(declined.at("id")));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("type"), "Authorization");
  EXPECT_EQ(list[0].at("approved"), false);
  EXPECT_EQ(list[0].at("response_code"), "20001");
  EXPECT_EQ(list[0].at("response_summary"), "Refer to card issuer");
  EXPECT_EQ(fetch("/payments/pay_aaaaaaaaaaaaaaaaaaaaaaaaaa/actions").status, 404);
}

}  // namespace
}  // namespace processor_sim::testing
