// 3-D Secure: 202 Pending with _links.redirect.href on the simulator; a GET of it answers 302 to
// success_url or failure_url with cko-session-id, and the payment is settled.
#include "checkout_com_fixture.hpp"

namespace processor_sim::testing {
namespace {

class CheckoutComThreeDs : public checkout_com_test {
 protected:
  static boost::json::object three_ds_body(
      const std::string& number, bool capture = true,
      const std::string& success = "https://shop.example/ok?order=7") {
    auto body = payment_body(number, 1050, capture);
    body["3ds"] = {{"enabled", true}};
    if (!success.empty()) body["success_url"] = success;
    body["failure_url"] = "https://shop.example/failed";
    return body;
  }

  boost::json::object pending(const boost::json::object& body,
                              std::map<std::string, std::string> headers = {}) {
    auto r = post("/payments", body, std::move(headers));
    EXPECT_EQ(r.status, 202) << r.body;
    return r.status == 202 ? r.json().as_object() : boost::json::object{};
  }

  // Follows _links.redirect.href like the shopper's browser; returns the page's reply.
  http_reply follow(const boost::json::object& pending_reply) {
    const std::string href = s(pending_reply.at("_links").at("redirect").at("href"));
    EXPECT_EQ(href.rfind(app_->base_url() + "/checkout_com/_3ds/sid_", 0), 0u) << href;
    return client_->request("GET", local_path(href));  // no credentials: a browser
  }

  static std::string session_of(const boost::json::object& pending_reply) {
    const std::string href = s(pending_reply.at("_links").at("redirect").at("href"));
    return href.substr(href.rfind('/') + 1);
  }
};

TEST_F(CheckoutComThreeDs, passing_shopper_is_redirected_to_success_url_and_payment_captured) {
  auto p = pending(three_ds_body("4242424242424242"));
  const std::string id = s(p.at("id"));
  EXPECT_EQ(p.at("status"), "Pending");
  EXPECT_EQ(p.at("reference"), "order-1001");
  EXPECT_EQ(p.at("3ds").at("enrolled"), "Y");
  EXPECT_EQ(p.at("3ds").at("downgraded"), false);
  const std::string sid = session_of(p);
  EXPECT_EQ(sid.size(), 30u);
  EXPECT_EQ(payment(id).at("status"), "Pending");
  EXPECT_EQ(post("/payments/" + id + "/captures", {}).status, 403);  // nothing authorized yet
  EXPECT_TRUE(wait_event("payment_pending", id));

  auto page = follow(p);
  ASSERT_EQ(page.status, 302) << page.body;
  EXPECT_EQ(page.header("location"), "https://shop.example/ok?order=7&cko-session-id=" + sid);
  auto by_pay = payment(id);
  EXPECT_EQ(by_pay.at("status"), "Captured");
  EXPECT_EQ(by_pay.at("approved"), true);
  EXPECT_EQ(by_pay.at("3ds").at("authentication_response"), "Y");
  auto by_session = payment(sid);
  EXPECT_EQ(by_session.at("id"), id.c_str());
  EXPECT_EQ(by_session.at("status"), "Captured");
  EXPECT_EQ(by_session.at("actions").as_array().size(), 2u);
  EXPECT_TRUE(wait_event("payment_approved", id));
  EXPECT_TRUE(wait_event("payment_captured", id));
  EXPECT_EQ(cko_stats().at("charges"), 1);

  auto again = follow(p);  // a reload changes nothing
  EXPECT_EQ(again.status, 302);
  EXPECT_EQ(again.header("location"), page.header("location"));
  EXPECT_EQ(fetch("/payments/" + id + "/actions").json().as_array().size(), 2u);
  EXPECT_EQ(cko_stats().at("charges"), 1);
}

TEST_F(CheckoutComThreeDs, capture_false_is_authorized_after_the_challenge) {
  auto p = pending(three_ds_body("4242424242424242", false));
  ASSERT_EQ(follow(p).status, 302);
  auto got = payment(s(p.at("id")));
  EXPECT_EQ(got.at("status"), "Authorized");
  EXPECT_EQ(got.at("balances").at("available_to_capture"), 1050);
}

TEST_F(CheckoutComThreeDs, failing_card_goes_to_failure_url_and_is_declined_20154) {
  auto p = pending(three_ds_body("4485040371536584"));
  const std::string id = s(p.at("id"));
  auto page = follow(p);
  ASSERT_EQ(page.status, 302);
  EXPECT_EQ(page.header("location"), "https://shop.example/failed?cko-session-id=" + session_of(p));
  auto got = payment(id);
  EXPECT_EQ(got.at("status"), "Declined");
  EXPECT_EQ(got.at("approved"), false);
  EXPECT_EQ(got.at("3ds").at("authentication_response"), "N");
  auto list = fetch("/payments/" + id + "/actions").json().as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("response_code"), "20154");
  EXPECT_EQ(list[0].at("response_summary"), "3D Secure authentication required");
  auto hook = wait_event("payment_declined", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->body.at("data").at("response_code"), "20154");
  EXPECT_EQ(cko_stats().at("charges"), 0);
}

TEST_F(CheckoutComThreeDs, declining_card_passes_the_challenge_then_declines_with_its_code) {
  auto p = pending(three_ds_body("4544249167673670"));
  auto page = follow(p);
  ASSERT_EQ(page.status, 302);
  EXPECT_EQ(page.header("location").rfind("https://shop.example/failed?", 0), 0u);
  auto got = payment(s(p.at("id")));
  EXPECT_EQ(got.at("status"), "Declined");
  EXPECT_EQ(got.at("3ds").at("authentication_response"), "Y");
  EXPECT_EQ(fetch("/payments/" + s(p.at("id")) + "/actions").json().at(0).at("response_code"),
            "20051");
}

TEST_F(CheckoutComThreeDs, without_urls_the_page_answers_200_and_unknown_sessions_404) {
  auto body = three_ds_body("4242424242424242", true, "");
  body.erase("failure_url");
  auto p = pending(body);
  auto page = follow(p);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("passed"), std::string::npos);
  EXPECT_EQ(payment(s(p.at("id"))).at("status"), "Captured");
  EXPECT_EQ(client_->request("GET", "/checkout_com/_3ds/sid_aaaaaaaaaaaaaaaaaaaaaaaaaa").status,
            404);
}

TEST_F(CheckoutComThreeDs, a_replayed_3ds_request_answers_the_same_202_and_one_session) {
  auto body = three_ds_body("4242424242424242");
  auto first = pending(body, {{"Cko-Idempotency-Key", "3ds-key"}});
  auto second = post("/payments", body, {{"Cko-Idempotency-Key", "3ds-key"}});
  EXPECT_EQ(second.status, 202);
  EXPECT_EQ(second.json(), boost::json::value(first));
  ASSERT_EQ(follow(first).status, 302);
  EXPECT_EQ(cko_stats().at("payments"), 1);
  auto state = get("/_sim/checkout_com/payments/" + s(first.at("id"))).json();
  EXPECT_EQ(state.at("idempotencyKey"), "3ds-key");
  EXPECT_EQ(state.at("chargesForIdempotencyKey"), 1);
}

}  // namespace
}  // namespace processor_sim::testing
