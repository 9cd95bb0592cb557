// Adyen /v71/payments with iDEAL (ideal) and Klarna (klarna): the 422s for what is missing or
// outside the method's markets, RedirectShopper to the simulator's provider page, the shopper's
// approve / fail / cancel there back at returnUrl with a redirectResult, /payments/details with
// the outcome and the AUTHORISATION notification, and Klarna's separate (partial) captures.
#include "sim_fixture.hpp"

namespace processor_sim::testing {
namespace {

class AdyenRedirectMethods : public sim_test {
 protected:
  static boost::json::object ideal_body(const char* currency = "EUR") {
    auto body = payment_body("ideal");
    body["paymentMethod"] = {{"type", "ideal"}};
    body["amount"] = {{"currency", currency}, {"value", 1500}};
    return body;
  }
  // Two lines adding up to 25000 SEK minor units, a Swedish shopper.
  static boost::json::object klarna_body() {
    auto body = payment_body("klarna");
    body["paymentMethod"] = {{"type", "klarna"}};
    body["amount"] = {{"currency", "SEK"}, {"value", 25000}};
    body["lineItems"] = {{{"id", "TENT-2"},
                          {"description", "Tent"},
                          {"quantity", 1},
                          {"amountIncludingTax", 20000},
                          {"amountExcludingTax", 16000},
                          {"taxAmount", 4000},
                          {"taxPercentage", 2500}},
                         {{"description", "Tent peg"},
                          {"quantity", 10},
                          {"amountIncludingTax", 500},
                          {"amountExcludingTax", 400},
                          {"taxAmount", 100},
                          {"taxPercentage", 2500}}};
    body["billingAddress"] = {{"street", "Storgatan 1"},
                              {"houseNumberOrName", ""},
                              {"postalCode", "11122"},
                              {"city", "Stockholm"},
                              {"country", "SE"}};
    body["countryCode"] = "SE";
    body["shopperLocale"] = "sv-SE";
    body["shopperEmail"] = "shopper@example.com";
    return body;
  }
  // Pays (RedirectShopper expected), visits the page with `outcome`, returns the redirectResult.
  std::string shopper_at_page(const boost::json::object& body, const std::string& outcome) {
    auto r = adyen("/v71/payments", body);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto reply = r.json();
    EXPECT_EQ(reply.at("resultCode"), "RedirectShopper");
    const auto& action = reply.at("action");
    EXPECT_EQ(action.at("type"), "redirect");
    EXPECT_EQ(action.at("method"), "GET");
    EXPECT_EQ(action.at("paymentMethodType"), body.at("paymentMethod").at("type"));
    const std::string url = s(action.at("url"));
    const std::string base = app_->base_url() + "/adyen/hpp/redirect?ref=";
    EXPECT_EQ(url.rfind(base, 0), 0u) << url;
    auto page =
        client_->request("GET", url.substr(app_->base_url().size()) + "&outcome=" + outcome);
    EXPECT_EQ(page.status, 302) << page.body;
    const std::string location = page.header("location");
    const std::string prefix = "https://shop.example/return?redirectResult=";
    EXPECT_EQ(location.rfind(prefix, 0), 0u) << location;
    return location.substr(prefix.size());
  }
  boost::json::value details(const std::string& redirect_result) {
    auto r = adyen("/v71/payments/details", {{"details", {{"redirectResult", redirect_result}}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  void expect_error(const boost::json::object& body, const char* code, const std::string& words) {
    auto r = adyen("/v71/payments", body);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json().at("errorCode"), code) << r.body;
    EXPECT_NE(r.body.find(words), std::string::npos) << r.body;
  }
};

TEST_F(AdyenRedirectMethods, ideal_approved_at_the_bank_is_authorised_and_captured_at_once) {
  auto done = details(shopper_at_page(ideal_body(), "approve"));
  EXPECT_EQ(done.at("resultCode"), "Authorised");
  const std::string psp = s(done.at("pspReference"));
  EXPECT_EQ(done.at("paymentMethod"), (boost::json::object{{"type", "ideal"}}));
  auto hooks = hooks_->wait_for(1);
  const auto* auth = find_event(hooks, "AUTHORISATION", psp);
  ASSERT_NE(auth, nullptr);
  EXPECT_EQ(auth->at("success"), "true");
  EXPECT_EQ(auth->at("paymentMethod"), "ideal");
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("status"), "captured");
  // iDEAL has no separate capture: a capture is refused by its webhook.
  auto capture =
      adyen("/v71/payments/" + psp + "/captures",
            {{"merchantAccount", merchant}, {"amount", {{"currency", "EUR"}, {"value", 1500}}}});
  EXPECT_EQ(capture.status, 201);
  auto more = hooks_->wait_for(2);
  const auto* refused = find_event(more, "CAPTURE", s(capture.json().at("pspReference")));
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->at("success"), "false");
}

TEST_F(AdyenRedirectMethods, ideal_failed_or_cancelled_at_the_bank) {
  const auto failed = shopper_at_page(ideal_body(), "fail");
  auto refused = details(failed);
  EXPECT_EQ(refused.at("resultCode"), "Refused");
  EXPECT_EQ(refused.at("refusalReasonCode"), "2");
  const std::string failed_psp = s(refused.at("pspReference"));
  auto cancelled = details(shopper_at_page(ideal_body(), "cancel"));
  EXPECT_EQ(cancelled.at("resultCode"), "Cancelled");
  const std::string cancelled_psp = s(cancelled.at("pspReference"));
  auto hooks = hooks_->wait_for(2);
  for (const auto& psp : {failed_psp, cancelled_psp}) {
    const auto* auth = find_event(hooks, "AUTHORISATION", psp);
    ASSERT_NE(auth, nullptr) << psp;
    EXPECT_EQ(auth->at("success"), "false");
  }
  // The page's first visit decides; an unknown outcome or session is refused.
  auto again = details(failed);
  EXPECT_EQ(again.at("resultCode"), "Refused");
  EXPECT_EQ(get("/adyen/hpp/redirect?ref=nope").status, 404);
}

TEST_F(AdyenRedirectMethods, ideal_needs_a_return_url_and_euros) {
  auto no_return = ideal_body();
  no_return.erase("returnUrl");
  expect_error(no_return, "14_006", "returnUrl");
  expect_error(ideal_body("USD"), "905_1", "txvariant (ideal), currency (USD)");
}

TEST_F(AdyenRedirectMethods, klarna_is_authorised_then_captured_in_parts_never_beyond) {
  auto done = details(shopper_at_page(klarna_body(), "approve"));
  EXPECT_EQ(done.at("resultCode"), "Authorised");
  const std::string psp = s(done.at("pspReference"));
  EXPECT_EQ(done.at("paymentMethod"), (boost::json::object{{"type", "klarna"}}));
  auto hooks = hooks_->wait_for(1);
  const auto* auth = find_event(hooks, "AUTHORISATION", psp);
  ASSERT_NE(auth, nullptr);
  EXPECT_EQ(auth->at("operations"), (boost::json::array{"CANCEL", "CAPTURE", "REFUND"}));
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("captured").as_int64(), 0);
  auto capture = [&](std::int64_t value) {
    auto r =
        adyen("/v71/payments/" + psp + "/captures",
              {{"merchantAccount", merchant}, {"amount", {{"currency", "SEK"}, {"value", value}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return s(r.json().at("pspReference"));
  };
  const auto first = capture(20000);
  const auto second = capture(10000);  // only 5000 are left
  auto events = hooks_->wait_for(3);
  const auto* ok = find_event(events, "CAPTURE", first);
  const auto* over = find_event(events, "CAPTURE", second);
  ASSERT_NE(ok, nullptr);
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(ok->at("success"), "true");
  EXPECT_EQ(over->at("success"), "false");
  EXPECT_EQ(get("/_sim/adyen/payments/" + psp).json().at("captured").as_int64(), 20000);
}

TEST_F(AdyenRedirectMethods, klarna_refused_at_klarna_is_refused) {
  EXPECT_EQ(details(shopper_at_page(klarna_body(), "fail")).at("resultCode"), "Refused");
}

TEST_F(AdyenRedirectMethods, klarna_checks_the_basket_the_shopper_and_the_market) {
  auto body = klarna_body();
  body.erase("lineItems");
  expect_error(body, "000", "'lineItems'");
  body = klarna_body();
  body["lineItems"].as_array()[1].as_object()["quantity"] = 9;
  expect_error(body, "000", "does not match amount.value");
  body = klarna_body();
  body.erase("billingAddress");
  expect_error(body, "000", "'billingAddress'");
  body = klarna_body();
  body.erase("shopperEmail");
  expect_error(body, "000", "'shopperEmail'");
  body = klarna_body();
  body["amount"].as_object()["currency"] = "EUR";
  expect_error(body, "905_1", "txvariant (klarna), currency (EUR)");
  body = klarna_body();
  body["countryCode"] = "JP";
  expect_error(body, "905_1", "klarna");
  body = klarna_body();
  body.erase("returnUrl");
  expect_error(body, "14_006", "returnUrl");
  EXPECT_EQ(get("/_sim/stats").json().at("adyen").at("payments"), 0);
}

}  // namespace
}  // namespace processor_sim::testing
