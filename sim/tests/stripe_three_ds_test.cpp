#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class stripe_three_ds : public stripe_test {
 protected:
  // Follows next_action.redirect_to_url.url like a browser; returns the 302 reply.
  http_reply follow(const boost::json::value& intent, const std::string& extra_query = {}) {
    const std::string url = s(intent.at("next_action").at("redirect_to_url").at("url"));
    const std::string base = app_->base_url();
    EXPECT_EQ(url.rfind(base + "/stripe/3ds/", 0), 0u) << url;
    return client_->request("GET", url.substr(base.size()) + extra_query);
  }

  std::string customer() { return s(post("/v1/customers", {{"name", "Jo"}}).json().at("id")); }

  http_reply setup(const std::string& cus, const std::string& method) {
    return post("/v1/setup_intents", {{"customer", cus},
                                      {"payment_method", method},
                                      {"confirm", "true"},
                                      {"usage", "off_session"},
                                      {"return_url", "https://shop.example/setup-done"}});
  }

  http_reply off_session(const std::string& cus, const std::string& pm) {
    return post("/v1/payment_intents", {{"amount", "2000"},
                                        {"currency", "eur"},
                                        {"customer", cus},
                                        {"payment_method", pm},
                                        {"off_session", "true"},
                                        {"confirm", "true"}});
  }
};

TEST_F(stripe_three_ds, redirect_round_trip_authorizes_the_intent) {
  auto r =
      pay("4000000000003220", true, 1000, {{"return_url", "https://shop.example/back?order=7"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto pi = r.json();
  const auto id = s(pi.at("id"));
  EXPECT_EQ(pi.at("status"), "requires_action");
  EXPECT_EQ(pi.at("next_action").at("type"), "redirect_to_url");
  EXPECT_EQ(pi.at("next_action").at("redirect_to_url").at("return_url"),
            "https://shop.example/back?order=7");
  EXPECT_TRUE(wait_event("payment_intent.requires_action", id));

  auto page = follow(pi);
  ASSERT_EQ(page.status, 302) << page.body;
  EXPECT_EQ(page.header("location"), "https://shop.example/back?order=7&payment_intent=" + id +
                                         "&payment_intent_client_secret=" +
                                         s(pi.at("client_secret")) + "&redirect_status=succeeded");
  auto after = fetch("/v1/payment_intents/" + id).json();
  EXPECT_EQ(after.at("status"), "requires_capture");
  EXPECT_TRUE(after.at("next_action").is_null());
  EXPECT_TRUE(wait_event("payment_intent.amount_capturable_updated", id));
  EXPECT_EQ(follow(pi).status, 302);  // a second visit changes nothing
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 1);
}

TEST_F(stripe_three_ds, automatic_capture_succeeds_and_failed_authentication_fails) {
  auto sale = pay("4000002760003184", false, 1000, {{"return_url", "https://shop.example/r"}});
  ASSERT_EQ(sale.json().at("status"), "requires_action");
  EXPECT_EQ(follow(sale.json()).status, 302);
  EXPECT_EQ(fetch("/v1/payment_intents/" + s(sale.json().at("id"))).json().at("status"),
            "succeeded");

  auto failing = pay("4000000000003220", false, 1000, {{"return_url", "https://shop.example/r"}});
  auto page = follow(failing.json(), "&result=failed");
  ASSERT_EQ(page.status, 302);
  EXPECT_NE(page.header("location").find("redirect_status=failed"), std::string::npos);
  auto after = fetch("/v1/payment_intents/" + s(failing.json().at("id"))).json();
  EXPECT_EQ(after.at("status"), "requires_payment_method");
  EXPECT_EQ(after.at("last_payment_error").at("code"), "payment_intent_authentication_failure");
}

TEST_F(stripe_three_ds, the_page_needs_the_client_secret) {
  auto pi = pay("4000000000003220", false, 1000, {{"return_url", "https://shop.example/r"}});
  auto r = client_->request("GET", "/stripe/3ds/" + s(pi.json().at("id")) + "?client_secret=x");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(fetch("/v1/payment_intents/" + s(pi.json().at("id"))).json().at("status"),
            "requires_action");
}

TEST_F(stripe_three_ds, setup_intent_then_off_session_charge_succeeds) {
  const auto cus = customer();
  auto si = setup(cus, "pm_card_visa");
  ASSERT_EQ(si.status, 200) << si.body;
  EXPECT_EQ(si.json().at("object"), "setup_intent");
  EXPECT_EQ(si.json().at("status"), "succeeded");
  EXPECT_EQ(si.json().at("usage"), "off_session");
  const auto pm = s(si.json().at("payment_method"));
  EXPECT_TRUE(wait_event("setup_intent.succeeded", s(si.json().at("id"))));
  EXPECT_EQ(fetch("/v1/payment_methods/" + pm).json().at("customer"), cus.c_str());
  EXPECT_EQ(fetch("/v1/setup_intents/" + s(si.json().at("id"))).json().at("status"), "succeeded");

  auto charge = off_session(cus, pm);
  ASSERT_EQ(charge.status, 200) << charge.body;
  EXPECT_EQ(charge.json().at("status"), "succeeded");
  EXPECT_EQ(charge.json().at("customer"), cus.c_str());
}

TEST_F(stripe_three_ds, off_session_charge_needing_authentication_is_402) {
  const auto cus = customer();
  auto si = setup(cus, "pm_card_threeDSecure2Required");
  ASSERT_EQ(si.json().at("status"), "requires_action");
  auto page = follow(si.json());
  ASSERT_EQ(page.status, 302);
  EXPECT_NE(page.header("location").find("setup_intent=" + s(si.json().at("id"))),
            std::string::npos);
  auto done = fetch("/v1/setup_intents/" + s(si.json().at("id"))).json();
  EXPECT_EQ(done.at("status"), "succeeded");

  auto r = off_session(cus, s(done.at("payment_method")));
  ASSERT_EQ(r.status, 402) << r.body;
  auto e = error_of(r);
  EXPECT_EQ(e.at("type"), "card_error");
  EXPECT_EQ(e.at("code"), "authentication_required");
  EXPECT_EQ(e.at("decline_code"), "authentication_required");
  EXPECT_EQ(e.at("payment_intent").at("status"), "requires_payment_method");
  EXPECT_EQ(e.at("payment_intent").at("last_payment_error").at("code"), "authentication_required");
  EXPECT_TRUE(wait_event("payment_intent.payment_failed", s(e.at("payment_intent").at("id"))));
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 0);
}

TEST_F(stripe_three_ds, authenticate_unless_set_up_card_charges_off_session_once_set_up) {
  const auto cus = customer();
  auto si = setup(cus, "pm_card_authenticationRequiredOnSetup");
  ASSERT_EQ(follow(si.json()).status, 302);
  const auto pm =
      s(fetch("/v1/setup_intents/" + s(si.json().at("id"))).json().at("payment_method"));
  EXPECT_EQ(off_session(cus, pm).json().at("status"), "succeeded");
  EXPECT_EQ(off_session(cus, "pm_card_authenticationRequired").status, 402);
}

TEST_F(stripe_three_ds, declined_card_fails_the_setup_intent) {
  auto r = setup(customer(), "pm_card_chargeDeclined");
  EXPECT_EQ(r.status, 402);
  EXPECT_EQ(error_of(r).at("setup_intent").at("status"), "requires_payment_method");
  EXPECT_EQ(error_of(r).at("decline_code"), "generic_decline");
  EXPECT_EQ(setup("cus_unknown", "pm_card_visa").status, 404);
}

}  // namespace
}  // namespace processor_sim::testing
