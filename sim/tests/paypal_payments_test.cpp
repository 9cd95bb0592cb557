// PayPal Payments v2 (capture, void, reauthorize, refund) and PayPal-Request-Id idempotency,
// concurrent duplicates and the common faults on the PayPal routes.
#include "paypal_fixture.hpp"

#include <future>

namespace processor_sim::testing {
namespace {

class paypal_payments : public paypal_test {
 protected:
  std::string authorization_id(const std::string& value = "100.00") {
    auto o = order(card_order("AUTHORIZE", value));
    return s(payments(o).at("authorizations").at(0).at("id"));
  }
  std::string capture_id(const std::string& value = "100.00") {
    auto o = order(card_order("CAPTURE", value));
    return s(payments(o).at("captures").at(0).at("id"));
  }
  static boost::json::object amount(const std::string& value) {
    return {{"amount", {{"currency_code", "USD"}, {"value", value}}}};
  }
};

TEST_F(paypal_payments, partial_then_final_capture_of_an_authorization) {
  const std::string auth = authorization_id();
  auto first = post("/v2/payments/authorizations/" + auth + "/capture", amount("40.00"),
                    {{"Prefer", "return=representation"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("status"), "COMPLETED");
  EXPECT_EQ(first.json().at("amount").at("value"), "40.00");
  EXPECT_EQ(fetch("/v2/payments/authorizations/" + auth).json().at("status"), "PARTIALLY_CAPTURED");
  auto over = post("/v2/payments/authorizations/" + auth + "/capture", amount("60.01"));
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(issue_of(over), "MAX_CAPTURE_AMOUNT_EXCEEDED");
  auto body = amount("10.00");
  body["final_capture"] = true;
  auto last = post("/v2/payments/authorizations/" + auth + "/capture", body);
  ASSERT_EQ(last.status, 201);
  EXPECT_EQ(last.json().as_object().size(), 3u);  // return=minimal: id, status, links
  EXPECT_EQ(fetch("/v2/payments/authorizations/" + auth).json().at("status"), "CAPTURED");
  auto again = post("/v2/payments/authorizations/" + auth + "/capture", {});
  EXPECT_EQ(issue_of(again), "AUTHORIZATION_ALREADY_CAPTURED");
  auto cap = fetch("/v2/payments/captures/" + s(last.json().at("id")));
  EXPECT_EQ(cap.json().at("amount").at("value"), "10.00");
  EXPECT_EQ(cap.json().at("final_capture"), true);
}

TEST_F(paypal_payments, void_answers_204_and_cannot_be_repeated) {
  const std::string auth = authorization_id();
  auto v = post("/v2/payments/authorizations/" + auth + "/void", {});
  EXPECT_EQ(v.status, 204);
  EXPECT_TRUE(v.body.empty());
  auto again = post("/v2/payments/authorizations/" + auth + "/void", {},
                    {{"Prefer", "return=representation"}});
  EXPECT_EQ(issue_of(again), "PREVIOUSLY_VOIDED");
  EXPECT_EQ(issue_of(post("/v2/payments/authorizations/" + auth + "/capture", {})),
            "AUTHORIZATION_VOIDED");
  const std::string other = authorization_id();
  auto rep = post("/v2/payments/authorizations/" + other + "/void", {},
                  {{"Prefer", "return=representation"}});
  EXPECT_EQ(rep.status, 200);
  EXPECT_EQ(rep.json().at("status"), "VOIDED");
  ASSERT_TRUE(wait_event("PAYMENT.AUTHORIZATION.VOIDED", other));
}

TEST_F(paypal_payments, reauthorize_gives_a_new_authorization) {
  const std::string auth = authorization_id("50.00");
  auto r = post("/v2/payments/authorizations/" + auth + "/reauthorize", amount("50.00"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.json().at("id"), auth.c_str());
  EXPECT_EQ(r.json().at("status"), "CREATED");
}

TEST_F(paypal_payments, partial_and_multiple_refunds_up_to_the_captured_amount) {
  const std::string cap = capture_id("30.00");
  auto r1 = post("/v2/payments/captures/" + cap + "/refund", amount("10.00"),
                 {{"Prefer", "return=representation"}});
  ASSERT_EQ(r1.status, 201) << r1.body;
  EXPECT_EQ(r1.json().at("status"), "COMPLETED");
  EXPECT_EQ(fetch("/v2/payments/captures/" + cap).json().at("status"), "PARTIALLY_REFUNDED");
  auto too_much = post("/v2/payments/captures/" + cap + "/refund", amount("20.01"));
  EXPECT_EQ(too_much.status, 422);
  EXPECT_EQ(issue_of(too_much), "REFUND_AMOUNT_EXCEEDED");
  auto rest = post("/v2/payments/captures/" + cap + "/refund", {});  // no amount: the rest
  ASSERT_EQ(rest.status, 201);
  auto got = fetch("/v2/payments/refunds/" + s(rest.json().at("id")));
  EXPECT_EQ(got.json().at("amount").at("value"), "20.00");
  EXPECT_EQ(fetch("/v2/payments/captures/" + cap).json().at("status"), "REFUNDED");
  EXPECT_EQ(issue_of(post("/v2/payments/captures/" + cap + "/refund", amount("1.00"))),
            "CAPTURE_FULLY_REFUNDED");
  EXPECT_EQ(fetch("/v2/payments/refunds/NOPE").status, 404);
  EXPECT_EQ(paypal_stats().at("refunds").as_int64(), 2);
}

TEST_F(paypal_payments, same_request_id_replays_with_200_and_one_charge) {
  std::map<std::string, std::string> key{{"PayPal-Request-Id", "order-7-attempt"}};
  auto first = post("/v2/checkout/orders", card_order("CAPTURE"), key);
  ASSERT_EQ(first.status, 201);
  auto second = post("/v2/checkout/orders", card_order("CAPTURE"), key);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.json().at("id"), first.json().at("id"));
  auto other_body = post("/v2/checkout/orders", card_order("CAPTURE", "99.00"), key);
  EXPECT_EQ(other_body.status, 200);  // PayPal answers the first request's result
  EXPECT_EQ(other_body.json().at("id"), first.json().at("id"));
  const std::string cap = s(payments(first.json().as_object()).at("captures").at(0).at("id"));
  std::map<std::string, std::string> rkey{{"PayPal-Request-Id", "refund-1"}};
  auto ref1 = post("/v2/payments/captures/" + cap + "/refund", amount("1.00"), rkey);
  auto ref2 = post("/v2/payments/captures/" + cap + "/refund", amount("1.00"), rkey);
  EXPECT_EQ(ref1.status, 201);
  EXPECT_EQ(ref2.status, 200);
  EXPECT_EQ(ref2.json().at("id"), ref1.json().at("id"));
  auto stats = paypal_stats();
  EXPECT_EQ(stats.at("orders").as_int64(), 1);
  EXPECT_EQ(stats.at("charges").as_int64(), 1);
  EXPECT_EQ(stats.at("refunds").as_int64(), 1);
  EXPECT_EQ(stats.at("double_charges").as_int64(), 0);
  EXPECT_EQ(stats.at("idempotent_replays").as_int64(), 3);
  EXPECT_EQ(stats.at("replays_with_other_body").as_int64(), 1);
}

TEST_F(paypal_payments, concurrent_duplicate_is_refused_while_the_first_is_in_flight) {
  std::map<std::string, std::string> slow{{"PayPal-Request-Id", "busy-key"},
                                          {"X-Sim-Fault", "latency:400"}};
  token();
  auto first = std::async(std::launch::async, [&] {
    tls_client other(app_->tls().ca_cert_pem, app_->port());
    return other.request("POST", "/paypal/v2/checkout/orders",
                         boost::json::serialize(card_order("CAPTURE")),
                         {{"Authorization", "Bearer " + token_},
                          {"Content-Type", "application/json"},
                          {"PayPal-Request-Id", "busy-key"},
                          {"X-Sim-Fault", "latency:400"}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  auto dup =
      post("/v2/checkout/orders", card_order("CAPTURE"), {{"PayPal-Request-Id", "busy-key"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.json().at("name"), "RESOURCE_CONFLICT");
  EXPECT_EQ(issue_of(dup), "PREVIOUS_REQUEST_IN_PROGRESS");
  EXPECT_EQ(first.get().status, 201);
  EXPECT_EQ(paypal_stats().at("charges").as_int64(), 1);
}

TEST_F(paypal_payments, common_faults_apply_to_the_paypal_routes) {
  auto unavailable =
      post("/v2/checkout/orders", card_order("CAPTURE"), {{"X-Sim-Fault", "status:503"}});
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.json().at("name"), "SERVICE_UNAVAILABLE");
  EXPECT_FALSE(unavailable.header("paypal-debug-id").empty());
  auto limited = post("/v2/checkout/orders", card_order("CAPTURE"),
                      {{"X-Sim-Fault", "status:429:retry-after=2"}});
  EXPECT_EQ(limited.json().at("name"), "RATE_LIMIT_REACHED");
  EXPECT_EQ(limited.header("retry-after"), "2");
  EXPECT_EQ(paypal_stats().at("charges").as_int64(), 0);

  std::map<std::string, std::string> lost{{"PayPal-Request-Id", "reset-key"},
                                          {"X-Sim-Fault", "reset-after-apply"}};
  EXPECT_TRUE(post("/v2/checkout/orders", card_order("CAPTURE"), lost).error);
  auto retry =
      post("/v2/checkout/orders", card_order("CAPTURE"), {{"PayPal-Request-Id", "reset-key"}});
  EXPECT_EQ(retry.status, 200);
  EXPECT_TRUE(
      post("/v2/checkout/orders", card_order("CAPTURE"), {{"X-Sim-Fault", "truncate"}}).error);
  EXPECT_EQ(post("/v2/checkout/orders", card_order("CAPTURE"), {{"X-Sim-Fault", "garble"}}).status,
            200);
  auto queued = client_->request("POST", "/_sim/faults",
                                 R"({"fault":"status:500","path_prefix":"/paypal/v2","count":1})");
  ASSERT_EQ(queued.status, 200);
  auto five = fetch("/v2/checkout/orders/" + s(retry.json().at("id")));
  EXPECT_EQ(five.status, 500);
  EXPECT_EQ(five.json().at("name"), "INTERNAL_SERVER_ERROR");
  auto stats = get("/_sim/stats").json();
  EXPECT_EQ(stats.at("paypal").at("charges").as_int64(), 2);  // reset-key once, truncate once
  EXPECT_EQ(stats.at("paypal").at("double_charges").as_int64(), 0);
  EXPECT_EQ(stats.at("double_charges").as_int64(), 0);
}

TEST_F(paypal_payments, duplicate_invoice_id_is_refused) {
  auto body = card_order("CAPTURE");
  body["purchase_units"].at(0).as_object()["invoice_id"] = "INV-1";
  ASSERT_EQ(post("/v2/checkout/orders", body).status, 201);
  auto dup = post("/v2/checkout/orders", body);
  EXPECT_EQ(dup.status, 422);
  EXPECT_EQ(issue_of(dup), "DUPLICATE_INVOICE_ID");
  EXPECT_EQ(paypal_stats().at("duplicate_invoice_refusals").as_int64(), 1);
}

}  // namespace
}  // namespace processor_sim::testing
