#include "razorpay_fixture.hpp"

namespace processor_sim::testing {
namespace {

class razorpay_errors : public razorpay_test {};

TEST_F(razorpay_errors, wrong_or_missing_credentials_are_401) {
  auto wrong =
      client_->request("POST", "/razorpay/v1/orders", R"({"amount":1000,"currency":"INR"})",
                       {{"Authorization", basic_auth(rzp_key_id, "not-the-secret")}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(rzp_error(wrong).at("code"), "BAD_REQUEST_ERROR");
  EXPECT_EQ(rzp_error(wrong).at("description"), "The api key provided is invalid");
  auto missing = client_->request("GET", "/razorpay/v1/orders/order_X");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(rzp_stats().at("orders").as_int64(), 0);
}

TEST_F(razorpay_errors, status_faults_use_razorpay_error_bodies) {
  auto r500 = rzp("POST", "/v1/orders", {{"amount", 1000}, {"currency", "INR"}},
                  {{"X-Sim-Fault", "status:500"}});
  EXPECT_EQ(r500.status, 500);
  EXPECT_EQ(rzp_error(r500).at("code"), "SERVER_ERROR");
  auto r429 = rzp("POST", "/v1/orders", {{"amount", 1000}, {"currency", "INR"}},
                  {{"X-Sim-Fault", "status:429"}});
  EXPECT_EQ(r429.status, 429);
  EXPECT_EQ(rzp_error(r429).at("code"), "BAD_REQUEST_ERROR");
  EXPECT_EQ(rzp_error(r429).at("description"), "Too many requests");
  EXPECT_EQ(rzp_stats().at("orders").as_int64(), 0);

  auto queued = client_->request("POST", "/_sim/faults",
                                 R"({"path_prefix":"/razorpay/v1/payments","fault":"status:503"})");
  ASSERT_EQ(queued.status, 200);
  const auto order_id = order();  // not matched by the prefix
  auto faulted = rzp("POST", "/v1/payments/create/json", card_body(order_id));
  EXPECT_EQ(faulted.status, 503);
  EXPECT_EQ(rzp("POST", "/v1/payments/create/json", card_body(order_id)).status, 200);
}

TEST_F(razorpay_errors, reset_after_apply_creates_the_order_then_drops_the_connection) {
  auto r = rzp("POST", "/v1/orders", {{"amount", 1000}, {"currency", "INR"}},
               {{"X-Sim-Fault", "reset-after-apply"}});
  EXPECT_TRUE(r.error);
  EXPECT_EQ(rzp_stats().at("orders").as_int64(), 1);
}

TEST_F(razorpay_errors, unknown_routes_and_bodies) {
  auto route = rzp("GET", "/v1/nothing");
  EXPECT_EQ(route.status, 400);
  EXPECT_EQ(rzp_error(route).at("description"), "The requested URL was not found on the server.");
  auto bad_json = client_->request("POST", "/razorpay/v1/orders", "{not json",
                                   {{"Authorization", basic_auth(rzp_key_id, rzp_key_secret)}});
  EXPECT_EQ(bad_json.status, 400);
  const auto e = rzp_error(bad_json);
  for (const char* key : {"code", "description", "source", "step", "reason", "metadata"}) {
    EXPECT_TRUE(e.contains(key)) << key;
  }
  EXPECT_EQ(get("/_sim/razorpay/payments/pay_X").status, 404);
}

}  // namespace
}  // namespace processor_sim::testing
