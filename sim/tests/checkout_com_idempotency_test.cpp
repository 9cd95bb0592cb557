// Cko-Idempotency-Key (replay, mismatch, in flight, not stored when invalid), the charge counters,
// and the common faults answering in Checkout.com's error format.
#include "checkout_com_fixture.hpp"

#include <chrono>
#include <future>
#include <thread>

namespace processor_sim::testing {
namespace {

using namespace std::chrono_literals;

class CheckoutComIdempotency : public checkout_com_test {
 protected:
  std::map<std::string, std::string> key(const std::string& k, const std::string& fault = {}) {
    std::map<std::string, std::string> h{{"Cko-Idempotency-Key", k}};
    if (!fault.empty()) h["X-Sim-Fault"] = fault;
    return h;
  }
};

TEST_F(CheckoutComIdempotency, same_key_and_body_replays_the_reply_without_a_second_charge) {
  auto first = post("/payments", payment_body(), key("order-1-attempt"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = post("/payments", payment_body(), key("order-1-attempt"));
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, first.body);
  // Members in another order are the same body.
  boost::json::object reordered;
  const auto original = payment_body();
  for (auto it = original.end(); it != original.begin();) {
    --it;
    reordered[it->key()] = it->value();
  }
  EXPECT_EQ(post("/payments", reordered, key("order-1-attempt")).body, first.body);

  const std::string id = s(first.json().at("id"));
  auto state = get("/_sim/checkout_com/payments/" + id).json();
  EXPECT_EQ(state.at("idempotencyKey"), "order-1-attempt");
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
  auto st = cko_stats();
  EXPECT_EQ(st.at("payments"), 1);
  EXPECT_EQ(st.at("charges"), 1);
  EXPECT_EQ(st.at("double_charges"), 0);
  EXPECT_EQ(st.at("idempotent_replays"), 2);
  EXPECT_EQ(get("/_sim/stats").json().at("double_charges"), 0);
}

TEST_F(CheckoutComIdempotency, captures_and_refunds_are_replayed_too) {
  const auto id = authorize(1000);
  auto c1 = post("/payments/" + id + "/captures", {{"amount", 400}}, key("cap-1"));
  ASSERT_EQ(c1.status, 202);
  auto c2 = post("/payments/" + id + "/captures", {{"amount", 400}}, key("cap-1"));
  EXPECT_EQ(c2.status, 202);
  EXPECT_EQ(c2.body, c1.body);
  EXPECT_EQ(balances(id).at("total_captured"), 400);
  auto r1 = post("/payments/" + id + "/refunds", {{"amount", 100}}, key("rf-1"));
  auto r2 = post("/payments/" + id + "/refunds", {{"amount", 100}}, key("rf-1"));
  EXPECT_EQ(r2.body, r1.body);
  EXPECT_EQ(balances(id).at("total_refunded"), 100);
}

TEST_F(CheckoutComIdempotency, same_key_with_another_body_or_route_is_422_mismatch) {
  ASSERT_EQ(post("/payments", payment_body(), key("k-conflict")).status, 201);
  auto r = post("/payments", payment_body("4242424242424242", 2000), key("k-conflict"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("error_type"), "request_invalid");
  EXPECT_EQ(codes_of(r), std::vector<std::string>{"idempotency_key_mismatch"});
  const auto id = authorize();
  auto other_route = post("/payments/" + id + "/captures", {}, key("k-conflict"));
  EXPECT_EQ(codes_of(other_route), std::vector<std::string>{"idempotency_key_mismatch"});
  EXPECT_EQ(cko_stats().at("charges"), 2);
  EXPECT_EQ(balances(id).at("total_captured"), 0);
}

TEST_F(CheckoutComIdempotency, declines_are_replayed_but_validation_errors_are_not_stored) {
  auto first = post("/payments", payment_body("4544249167673670"), key("k-decline"));
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(post("/payments", payment_body("4544249167673670"), key("k-decline")).body, first.body);

  auto invalid = payment_body();
  invalid["currency"] = "dollars";
  EXPECT_EQ(post("/payments", invalid, key("k-invalid")).status, 422);
  auto corrected = post("/payments", payment_body(), key("k-invalid"));
  EXPECT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_EQ(corrected.json().at("approved"), true);
  // A refused capture is not stored either: after the authorization exists it runs.
  EXPECT_EQ(post("/payments/pay_aaaaaaaaaaaaaaaaaaaaaaaaaa/captures", {}, key("k-404")).status,
            404);
  EXPECT_EQ(post("/payments/" + authorize() + "/captures", {}, key("k-404")).status, 202);
}

TEST_F(CheckoutComIdempotency, a_retry_while_the_first_is_in_flight_is_429_duplicate_request) {
  tls_client slow_client(app_->tls().ca_cert_pem, app_->port());
  const std::string body = boost::json::serialize(payment_body());
  auto send = [&](tls_client& c, const std::string& fault) {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + cko_defaults.secret_key},
                                         {"Content-Type", "application/json"},
                                         {"Cko-Idempotency-Key", "k-flight"}};
    if (!fault.empty()) h["X-Sim-Fault"] = fault;
    return c.request("POST", "/checkout_com/payments", body, h);
  };
  auto first = std::async(std::launch::async, [&] { return send(slow_client, "latency:400"); });
  std::this_thread::sleep_for(100ms);
  auto busy = send(*client_, "");
  EXPECT_EQ(busy.status, 429) << busy.body;
  EXPECT_EQ(busy.json().at("error_type"), "request_invalid");
  EXPECT_EQ(codes_of(busy), std::vector<std::string>{"duplicate_request"});
  auto original = first.get();
  ASSERT_EQ(original.status, 201) << original.body;
  auto replay = send(*client_, "");
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, original.body);
  auto st = get("/_sim/stats").json();
  EXPECT_EQ(st.at("checkout_com").at("charges"), 1);
  EXPECT_EQ(st.at("idempotency_in_progress"), 1);
  EXPECT_EQ(st.at("double_charges"), 0);
}

TEST_F(CheckoutComIdempotency, reset_after_apply_then_retry_with_the_key_charges_once) {
  auto lost = post("/payments", payment_body(), key("k-reset", "reset-after-apply"));
  EXPECT_TRUE(lost.error);
  auto retry = post("/payments", payment_body(), key("k-reset"));
  EXPECT_EQ(retry.status, 201);
  auto st = cko_stats();
  EXPECT_EQ(st.at("payments"), 1);
  EXPECT_EQ(st.at("charges"), 1);
  EXPECT_EQ(st.at("double_charges"), 0);
}

TEST_F(CheckoutComIdempotency, a_retry_with_a_new_key_is_a_second_charge_not_a_double_one) {
  pay(payment_body(), key("a"));
  pay(payment_body(), key("b"));
  EXPECT_EQ(cko_stats().at("charges"), 2);
  EXPECT_EQ(cko_stats().at("double_charges"), 0);
  EXPECT_EQ(cko_stats().at("idempotency_keys"), 2);
}

TEST_F(CheckoutComIdempotency, status_faults_answer_checkout_com_error_bodies) {
  auto r429 = post("/payments", payment_body(), {{"X-Sim-Fault", "status:429:retry-after=3"}});
  EXPECT_EQ(r429.status, 429);
  EXPECT_EQ(r429.json().at("error_type"), "request_invalid");
  EXPECT_EQ(codes_of(r429), std::vector<std::string>{"too_many_requests"});
  EXPECT_EQ(r429.header("retry-after"), "3");
  EXPECT_EQ(r429.json().at("request_id"), r429.header("cko-request-id").c_str());
  auto r503 = post("/payments", payment_body(), {{"X-Sim-Fault", "status:503"}});
  EXPECT_EQ(r503.status, 503);
  EXPECT_EQ(r503.json().at("error_type"), "processing_error");
  EXPECT_EQ(codes_of(r503), std::vector<std::string>{"service_unavailable"});
  auto r500 = call("GET", "/payments/pay_x", nullptr, {{"X-Sim-Fault", "status:500"}});
  EXPECT_EQ(r500.status, 500);
  EXPECT_EQ(r500.json().at("error_type"), "processing_error");
  auto r422 = post("/payments", payment_body(), {{"X-Sim-Fault", "status:422"}});
  EXPECT_EQ(r422.json().at("error_type"), "request_invalid");
  auto r401 = post("/payments", payment_body(), {{"X-Sim-Fault", "status:401"}});
  EXPECT_EQ(r401.status, 401);
  EXPECT_TRUE(r401.body.empty());
  EXPECT_EQ(cko_stats().at("payments"), 0);

  auto garbled = post("/payments", payment_body(), {{"X-Sim-Fault", "garble"}});
  EXPECT_EQ(garbled.status, 200);
  EXPECT_EQ(cko_stats().at("payments"), 0);
}

TEST_F(CheckoutComIdempotency, status_after_apply_charges_and_the_keyed_retry_finds_it) {
  auto r = post("/payments", payment_body(), key("k-saa", "status-after-apply:502"));
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(codes_of(r), std::vector<std::string>{"bad_gateway"});
  EXPECT_EQ(cko_stats().at("charges"), 1);
  auto retry = post("/payments", payment_body(), key("k-saa"));
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(cko_stats().at("charges"), 1);
  EXPECT_EQ(cko_stats().at("double_charges"), 0);
}

TEST_F(CheckoutComIdempotency, queued_faults_scope_to_checkout_com_paths) {
  const auto id = sale();
  auto queued = client_->request(
      "POST", "/_sim/faults",
      R"({"fault":"status:503","path_prefix":"/checkout_com/payments/","count":1})");
  ASSERT_EQ(queued.status, 200);
  EXPECT_EQ(post("/payments/" + id + "/refunds", {{"amount", 100}}).status, 503);
  EXPECT_EQ(balances(id).at("total_refunded"), 0);
  EXPECT_EQ(post("/payments/" + id + "/refunds", {{"amount", 100}}).status, 202);
  // The 3-D Secure page is a processor path too.
  auto body = payment_body();
  body["3ds"] = {{"enabled", true}};
  auto p = post("/payments", body).json();
  const std::string href = s(p.at("_links").at("redirect").at("href"));
  auto faulted = client_->request("GET", local_path(href), {}, {{"X-Sim-Fault", "status:500"}});
  EXPECT_EQ(faulted.status, 500);
  EXPECT_EQ(payment(s(p.at("id"))).at("status"), "Pending");
}

}  // namespace
}  // namespace processor_sim::testing
