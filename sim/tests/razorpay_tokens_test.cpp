#include "razorpay_fixture.hpp"

namespace processor_sim::testing {
namespace {

class razorpay_tokens : public razorpay_test {
 protected:
  std::string customer() {
    auto r = rzp("POST", "/v1/customers",
                 {{"name", "Gaurav Kumar"}, {"email", "g@example.com"}, {"contact", "9000090000"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return s(r.json().at("id"));
  }

  // A card payment on a mandate order; returns the payment id.
  std::string mandate_payment(const std::string& cust) {
    const auto order_id = order(
        100,
        {{"customer_id", cust},
         {"method", "card"},
         {"token",
          {{"max_amount", 1000000}, {"expire_at", 2000000000}, {"frequency", "as_presented"}}}});
    auto body = card_body(order_id, 100);
    body["customer_id"] = cust;
    auto created = rzp("POST", "/v1/payments/create/json", body);
    EXPECT_EQ(created.status, 200) << created.body;
    EXPECT_EQ(bank(created).status, 200);
    return s(created.json().at("razorpay_payment_id"));
  }

  http_reply recurring(const std::string& cust, const std::string& token, std::int64_t amount,
                       boost::json::object order_extra = {}) {
    return rzp("POST", "/v1/payments/create/recurring",
               {{"email", "g@example.com"},
                {"contact", "9000090000"},
                {"amount", amount},
                {"currency", "INR"},
                {"order_id", order(amount, std::move(order_extra))},
                {"customer_id", cust},
                {"token", token},
                {"recurring", "1"}});
  }
};

TEST_F(razorpay_tokens, customer_is_created_once_per_contact) {
  const auto cust = customer();
  EXPECT_EQ(cust.rfind("cust_", 0), 0u);
  auto again =
      rzp("POST", "/v1/customers", {{"email", "g@example.com"}, {"contact", "9000090000"}});
  EXPECT_EQ(again.status, 400);
  auto existing =
      rzp("POST", "/v1/customers",
          {{"email", "g@example.com"}, {"contact", "9000090000"}, {"fail_existing", "0"}});
  EXPECT_EQ(existing.json().at("id"), cust.c_str());
  EXPECT_EQ(rzp("GET", "/v1/customers/" + cust).json().at("entity"), "customer");
}

TEST_F(razorpay_tokens, mandate_payment_creates_a_token_for_recurring_charges) {
  const auto cust = customer();
  const auto pay = mandate_payment(cust);
  const auto p = payment(pay);
  ASSERT_TRUE(p.at("token_id").is_string()) << boost::json::serialize(p);
  EXPECT_EQ(p.at("customer_id"), cust.c_str());
  const auto token = s(p.at("token_id"));
  EXPECT_EQ(token.rfind("token_", 0), 0u);
  auto tokens = rzp("GET", "/v1/customers/" + cust + "/tokens").json();
  ASSERT_EQ(tokens.at("count").as_int64(), 1);
  const auto& t = tokens.at("items").at(0);
  EXPECT_EQ(t.at("id"), token.c_str());
  EXPECT_EQ(t.at("method"), "card");
  EXPECT_EQ(t.at("card").at("last4"), "1111");
  EXPECT_EQ(t.at("max_amount").as_int64(), 1000000);
  EXPECT_EQ(t.at("recurring"), true);

  auto charge = recurring(cust, token, 25000);
  ASSERT_EQ(charge.status, 200) << charge.body;
  const auto rpay = s(charge.json().at("razorpay_payment_id"));
  const auto rorder = s(charge.json().at("razorpay_order_id"));
  EXPECT_EQ(s(charge.json().at("razorpay_signature")),
            hex_hmac(rzp_key_secret, rorder + "|" + rpay));
  const auto rp = payment(rpay);
  EXPECT_EQ(rp.at("status"), "authorized");
  EXPECT_EQ(rp.at("token_id"), token.c_str());
  EXPECT_EQ(rp.at("recurring"), true);
  EXPECT_TRUE(wait_event("payment.authorized", rpay));

  auto auto_captured = recurring(cust, token, 25000, {{"payment_capture", true}});
  EXPECT_EQ(payment(s(auto_captured.json().at("razorpay_payment_id"))).at("status"), "captured");
  auto too_much = recurring(cust, token, 2000000);
  EXPECT_EQ(too_much.status, 400);
  EXPECT_EQ(rzp_error(too_much).at("field"), "amount");
}

TEST_F(razorpay_tokens, bad_or_deleted_token_is_refused) {
  const auto cust = customer();
  const auto token = s(payment(mandate_payment(cust)).at("token_id"));
  auto bad = recurring(cust, "token_Unknown0000000", 1000);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(rzp_error(bad).at("field"), "token");
  auto missing_flag = rzp("POST", "/v1/payments/create/recurring", {{"token", token}});
  EXPECT_EQ(rzp_error(missing_flag).at("description"), "The recurring field is required.");

  auto deleted = rzp("DELETE", "/v1/customers/" + cust + "/tokens/" + token);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(deleted.json().at("deleted"), true);
  EXPECT_EQ(rzp("GET", "/v1/customers/" + cust + "/tokens").json().at("count").as_int64(), 0);
  EXPECT_EQ(recurring(cust, token, 1000).status, 400);
  EXPECT_EQ(rzp("DELETE", "/v1/customers/" + cust + "/tokens/" + token).status, 400);
}

}  // namespace
}  // namespace processor_sim::testing
