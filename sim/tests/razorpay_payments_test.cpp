#include "razorpay_fixture.hpp"

namespace processor_sim::testing {
namespace {

class razorpay_payments : public razorpay_test {};

TEST_F(razorpay_payments, order_is_created_and_read_back) {
  auto r =
      rzp("POST", "/v1/orders",
          {{"amount", 50000}, {"currency", "INR"}, {"receipt", "rcpt-7"}, {"notes", {{"k", "v"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = r.json().as_object();
  EXPECT_EQ(s(o.at("id")).rfind("order_", 0), 0u);
  EXPECT_EQ(o.at("entity"), "order");
  EXPECT_EQ(o.at("status"), "created");
  EXPECT_EQ(o.at("amount_due").as_int64(), 50000);
  EXPECT_EQ(o.at("attempts").as_int64(), 0);
  EXPECT_EQ(o.at("notes").at("k"), "v");
  auto read = rzp("GET", "/v1/orders/" + s(o.at("id")));
  EXPECT_EQ(read.json().at("receipt"), "rcpt-7");
  auto empty_notes = rzp("POST", "/v1/orders", {{"amount", 100}, {"currency", "INR"}});
  EXPECT_TRUE(empty_notes.json().at("notes").is_array());  // like Razorpay: [] not {}

  auto small = rzp("POST", "/v1/orders", {{"amount", 99}, {"currency", "INR"}});
  EXPECT_EQ(small.status, 400);
  EXPECT_EQ(rzp_error(small).at("code"), "BAD_REQUEST_ERROR");
  EXPECT_EQ(rzp_error(small).at("field"), "amount");
  EXPECT_EQ(rzp_error(small).at("description"), "The amount must be atleast INR 1.00");
  auto missing = rzp("POST", "/v1/orders", {{"amount", 1000}});
  EXPECT_EQ(rzp_error(missing).at("description"), "The currency field is required.");
}

TEST_F(razorpay_payments, card_payment_is_authorized_at_the_bank_page) {
  const auto order_id = order();
  auto created = rzp("POST", "/v1/payments/create/json", card_body(order_id));
  ASSERT_EQ(created.status, 200) << created.body;
  const auto pay = s(created.json().at("razorpay_payment_id"));
  EXPECT_EQ(pay.rfind("pay_", 0), 0u);
  const auto next = created.json().at("next").at(0);
  EXPECT_EQ(next.at("action"), "redirect");
  EXPECT_EQ(s(next.at("url")).rfind(app_->base_url() + "/razorpay/bank/" + pay + "?", 0), 0u);
  EXPECT_EQ(payment(pay).at("status"), "created");
  EXPECT_EQ(rzp("GET", "/v1/orders/" + order_id).json().at("status"), "attempted");

  auto page = bank(created);
  ASSERT_EQ(page.status, 200) << page.body;
  const auto signature = hex_hmac(rzp_key_secret, order_id + "|" + pay);
  EXPECT_NE(page.body.find("razorpay_payment_id\" value=\"" + pay), std::string::npos);
  EXPECT_NE(page.body.find("razorpay_order_id\" value=\"" + order_id), std::string::npos);
  EXPECT_NE(page.body.find("razorpay_signature\" value=\"" + signature), std::string::npos);
  EXPECT_EQ(page.body.find("4111111111111111"), std::string::npos);

  const auto p = payment(pay);
  EXPECT_EQ(p.at("status"), "authorized");
  EXPECT_EQ(p.at("captured"), false);
  EXPECT_EQ(p.at("method"), "card");
  EXPECT_EQ(p.at("order_id"), order_id.c_str());
  EXPECT_TRUE(p.at("error_code").is_null());
  auto expanded = rzp("GET", "/v1/payments/" + pay + "?expand%5B%5D=card").json();
  EXPECT_EQ(expanded.at("card").at("last4"), "1111");
  EXPECT_EQ(expanded.at("card").at("network"), "Visa");
  auto event = wait_event("payment.authorized", pay);
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event));
  EXPECT_EQ(event->body.at("entity"), "event");
  EXPECT_EQ(event->body.at("contains").at(0), "payment");
  EXPECT_FALSE(event->header("x-razorpay-event-id").empty());
  auto list = rzp("GET", "/v1/orders/" + order_id + "/payments").json();
  EXPECT_EQ(list.at("entity"), "collection");
  EXPECT_EQ(list.at("count").as_int64(), 1);
}

TEST_F(razorpay_payments, bank_page_failure_and_declined_card_fail_the_payment) {
  auto created = rzp("POST", "/v1/payments/create/json", card_body(order()));
  const auto pay = s(created.json().at("razorpay_payment_id"));
  EXPECT_EQ(bank(created, "failure").status, 200);
  auto p = payment(pay);
  EXPECT_EQ(p.at("status"), "failed");
  EXPECT_EQ(p.at("error_code"), "BAD_REQUEST_ERROR");
  EXPECT_EQ(p.at("error_reason"), "authentication_failed");
  EXPECT_EQ(p.at("error_step"), "payment_authentication");
  EXPECT_TRUE(wait_event("payment.failed", pay));

  auto declined =
      rzp("POST", "/v1/payments/create/json", card_body(order(), 50000, "4000000000000002"));
  const auto pay2 = s(declined.json().at("razorpay_payment_id"));
  bank(declined);  // the shopper authenticates, the bank still declines
  EXPECT_EQ(payment(pay2).at("error_reason"), "payment_declined");
  EXPECT_EQ(payment(pay2).at("error_source"), "bank");
  EXPECT_EQ(rzp_stats().at("charges").as_int64(), 0);
}

TEST_F(razorpay_payments, callback_url_gets_a_redirect_with_the_signed_result) {
  const auto order_id = order();
  auto body = card_body(order_id);
  body["callback_url"] = "https://shop.example/return?cart=9";
  auto created = rzp("POST", "/v1/payments/create/json", body);
  const auto pay = s(created.json().at("razorpay_payment_id"));
  auto page = bank(created);
  ASSERT_EQ(page.status, 302);
  const auto location = page.header("location");
  EXPECT_EQ(location.rfind("https://shop.example/return?cart=9&razorpay_payment_id=" + pay, 0), 0u);
  EXPECT_NE(location.find("&razorpay_order_id=" + order_id), std::string::npos);
  EXPECT_NE(location.find("&razorpay_signature=" + hex_hmac(rzp_key_secret, order_id + "|" + pay)),
            std::string::npos);
  EXPECT_EQ(bank(created).header("location"), location);  // a second visit repeats it
  auto wrong = client_->request("GET", "/razorpay/bank/" + pay + "?token=nope");
  EXPECT_EQ(wrong.status, 403);
}

TEST_F(razorpay_payments, auto_capture_order_is_paid_with_webhooks) {
  const auto order_id = order(50000, {{"payment_capture", 1}});
  auto created = rzp("POST", "/v1/payments/create/json", card_body(order_id));
  const auto pay = s(created.json().at("razorpay_payment_id"));
  bank(created);
  auto p = payment(pay);
  EXPECT_EQ(p.at("status"), "captured");
  EXPECT_EQ(p.at("captured"), true);
  EXPECT_GT(p.at("fee").as_int64(), 0);
  EXPECT_EQ(rzp("GET", "/v1/orders/" + order_id).json().at("status"), "paid");
  EXPECT_TRUE(wait_event("payment.captured", pay));
  auto paid_event = wait_event("order.paid", order_id);
  ASSERT_TRUE(paid_event);
  EXPECT_EQ(paid_event->body.at("contains"), (boost::json::array{"payment", "order"}));
  EXPECT_TRUE(signature_valid(*paid_event));
  auto again = rzp("POST", "/v1/payments/create/json", card_body(order_id));
  EXPECT_EQ(again.status, 400);  // one successful payment per order
}

TEST_F(razorpay_payments, validation_errors_use_razorpay_bodies) {
  const auto order_id = order();
  auto luhn =
      rzp("POST", "/v1/payments/create/json", card_body(order_id, 50000, "4111111111111112"));
  EXPECT_EQ(luhn.status, 400);
  EXPECT_EQ(rzp_error(luhn).at("field"), "card[number]");
  auto amount = rzp("POST", "/v1/payments/create/json", card_body(order_id, 40000));
  EXPECT_EQ(rzp_error(amount).at("field"), "amount");
  auto no_ip = card_body(order_id);
  no_ip.erase("ip");
  EXPECT_EQ(rzp_error(rzp("POST", "/v1/payments/create/json", no_ip)).at("description"),
            "The ip field is required.");
  auto unknown_order = rzp("POST", "/v1/payments/create/json", card_body("order_Unknown0000000"));
  EXPECT_EQ(rzp_error(unknown_order).at("description"), "The id provided does not exist");
  EXPECT_EQ(rzp("GET", "/v1/payments/pay_Unknown0000000").status, 400);
  EXPECT_EQ(rzp_stats().at("payments").as_int64(), 0);
}

TEST_F(razorpay_payments, two_successful_payments_on_one_order_count_as_a_double_charge) {
  const auto order_id = order();
  for (int i = 0; i < 2; ++i) {
    auto created = rzp("POST", "/v1/payments/create/json", card_body(order_id));
    ASSERT_EQ(created.status, 200) << created.body;
    bank(created);
  }
  auto stats = get("/_sim/stats").json();
  EXPECT_EQ(stats.at("razorpay").at("double_charges").as_int64(), 1);
  EXPECT_EQ(stats.at("razorpay").at("charges").as_int64(), 2);
  EXPECT_EQ(stats.at("double_charges").as_int64(), 1);
  auto control = get("/_sim/razorpay/orders/" + order_id).json();
  EXPECT_EQ(control.at("successful_payments").as_int64(), 2);
  EXPECT_EQ(control.at("payments").as_array().size(), 2u);
}

}  // namespace
}  // namespace processor_sim::testing
