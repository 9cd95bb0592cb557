#include "stripe_fixture.hpp"

namespace processor_sim::testing {
namespace {

class stripe_payments : public stripe_test {};

bool has_prefix(const boost::json::value& v, const std::string& prefix) {
  return v.is_string() && v.as_string().size() > prefix.size() + 10 &&
         std::string(v.as_string()).rfind(prefix, 0) == 0;
}

TEST_F(stripe_payments, success_card_succeeds_with_stripe_shape_headers_and_signed_event) {
  auto r = pay("4242424242424242", false, 1000,
               {{"metadata[order_id]", "order 42"}, {"description", "two books"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("request-id").rfind("req_", 0), 0u);
  EXPECT_EQ(r.header("stripe-version"), "2023-08-16");
  EXPECT_EQ(r.body.find("4242424242424242"), std::string::npos);
  auto pi = r.json().as_object();
  EXPECT_TRUE(has_prefix(pi.at("id"), "pi_"));
  EXPECT_EQ(pi.at("object"), "payment_intent");
  EXPECT_EQ(pi.at("status"), "succeeded");
  EXPECT_EQ(pi.at("amount").as_int64(), 1000);
  EXPECT_EQ(pi.at("amount_received").as_int64(), 1000);
  EXPECT_EQ(pi.at("amount_capturable").as_int64(), 0);
  EXPECT_EQ(pi.at("currency"), "usd");
  EXPECT_EQ(pi.at("capture_method"), "automatic");
  EXPECT_TRUE(has_prefix(pi.at("latest_charge"), "ch_"));
  EXPECT_TRUE(has_prefix(pi.at("payment_method"), "pm_"));
  EXPECT_TRUE(pi.at("last_payment_error").is_null());
  EXPECT_TRUE(pi.at("next_action").is_null());
  EXPECT_EQ(pi.at("livemode"), false);
  EXPECT_EQ(pi.at("metadata").at("order_id"), "order 42");
  EXPECT_EQ(pi.at("description"), "two books");
  EXPECT_GT(pi.at("created").as_int64(), 1600000000);

  auto event = wait_event("payment_intent.succeeded", s(pi.at("id")));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->content_type, "application/json");
  EXPECT_TRUE(has_prefix(event->body.at("id"), "evt_"));
  EXPECT_EQ(event->body.at("object"), "event");
  EXPECT_EQ(event->body.at("api_version"), "2023-08-16");
  EXPECT_EQ(event->body.at("livemode"), false);
  EXPECT_EQ(object_of(*event).at("status"), "succeeded");
  EXPECT_TRUE(signature_valid(*event, stripe_secret));
  EXPECT_FALSE(signature_valid(*event, "whsec_other"));

  auto charge = fetch("/v1/charges/" + s(pi.at("latest_charge"))).json();
  EXPECT_EQ(charge.at("payment_method_details").at("card").at("last4"), "4242");
  EXPECT_EQ(charge.at("captured"), true);
}

struct decline_case {
  const char* number;
  const char* code;
  const char* decline_code;
};

TEST_F(stripe_payments, decline_cards_answer_402_card_error_with_the_intent_embedded) {
  const decline_case cases[] = {
      {"4000000000000002", "card_declined", "generic_decline"},
      {"4000000000009995", "card_declined", "insufficient_funds"},
      {"4000000000009987", "card_declined", "lost_card"},
      {"4000000000009979", "card_declined", "stolen_card"},
      {"4000000000000069", "expired_card", "expired_card"},
      {"4000000000000127", "incorrect_cvc", "incorrect_cvc"},
      {"4000000000000119", "processing_error", "processing_error"},
  };
  for (const auto& c : cases) {
    // Created as a PaymentMethod first: the card is only declined when charged.
    auto pm = post("/v1/payment_methods", {{"type", "card"},
                                           {"card[number]", c.number},
                                           {"card[exp_month]", "12"},
                                           {"card[exp_year]", "2034"},
                                           {"card[cvc]", "123"}});
    ASSERT_EQ(pm.status, 200) << c.number << pm.body;
    auto r = pay(s(pm.json().at("id")));
    ASSERT_EQ(r.status, 402) << c.number;
    auto e = error_of(r);
    EXPECT_EQ(e.at("type"), "card_error") << c.number;
    EXPECT_EQ(e.at("code"), c.code) << c.number;
    EXPECT_EQ(e.at("decline_code"), c.decline_code) << c.number;
    EXPECT_FALSE(e.at("message").as_string().empty());
    const auto& pi = e.at("payment_intent").as_object();
    EXPECT_EQ(pi.at("status"), "requires_payment_method") << c.number;
    EXPECT_EQ(pi.at("last_payment_error").at("decline_code"), c.decline_code);
    EXPECT_TRUE(pi.at("payment_method").is_null());
    EXPECT_TRUE(wait_event("payment_intent.payment_failed", s(pi.at("id"))));
  }
  EXPECT_EQ(stripe_stats().at("charges").as_int64(), 0);
}

TEST_F(stripe_payments, test_payment_method_ids_behave_like_their_cards) {
  auto visa = pay("pm_card_visa");
  ASSERT_EQ(visa.status, 200) << visa.body;
  EXPECT_EQ(visa.json().at("status"), "succeeded");
  auto mc =
      post("/v1/payment_methods", {{"type", "card"}, {"payment_method", "pm_card_mastercard"}});
  ASSERT_EQ(mc.status, 200) << mc.body;
  EXPECT_EQ(mc.json().at("card").at("brand"), "mastercard");
  EXPECT_EQ(mc.json().at("card").at("last4"), "4444");
  auto declined = pay("pm_card_chargeDeclinedInsufficientFunds");
  EXPECT_EQ(declined.status, 402);
  EXPECT_EQ(error_of(declined).at("decline_code"), "insufficient_funds");
  EXPECT_EQ(error_of(pay("pm_card_chargeDeclined")).at("decline_code"), "generic_decline");
  auto three_ds = pay("pm_card_threeDSecure2Required", false, 1000,
                      {{"return_url", "https://shop.example/back"}});
  EXPECT_EQ(three_ds.json().at("status"), "requires_action");
}

TEST_F(stripe_payments, payment_methods_are_created_read_attached_and_detached) {
  auto pm = post("/v1/payment_methods", {{"type", "card"},
                                         {"card[number]", "5555555555554444"},
                                         {"card[exp_month]", "7"},
                                         {"card[exp_year]", "2031"},
                                         {"card[cvc]", "321"},
                                         {"billing_details[name]", "Jo Doe"}});
  ASSERT_EQ(pm.status, 200) << pm.body;
  EXPECT_EQ(pm.json().at("billing_details").at("name"), "Jo Doe");
  EXPECT_EQ(pm.body.find("5555555555554444"), std::string::npos);
  EXPECT_EQ(pm.body.find("321\""), std::string::npos);
  const auto id = s(pm.json().at("id"));
  auto read = fetch("/v1/payment_methods/" + id).json();
  EXPECT_EQ(read.at("object"), "payment_method");
  EXPECT_EQ(read.at("card").at("brand"), "mastercard");
  EXPECT_EQ(read.at("card").at("exp_month").as_int64(), 7);
  EXPECT_EQ(read.at("card").at("exp_year").as_int64(), 2031);
  const auto cus = s(post("/v1/customers", {{"email", "a@b.example"}}).json().at("id"));
  auto attached = post("/v1/payment_methods/" + id + "/attach", {{"customer", cus}});
  EXPECT_EQ(attached.json().at("customer"), cus.c_str());
  auto detached = post("/v1/payment_methods/" + id + "/detach", {});
  EXPECT_TRUE(detached.json().at("customer").is_null());
  EXPECT_EQ(post("/v1/payment_methods/" + id + "/detach", {}).status, 400);
  // Like Stripe, a detached method can still be read but never used again.
  EXPECT_EQ(fetch("/v1/payment_methods/" + id).status, 200);
  auto reuse = post("/v1/payment_intents", {{"amount", "1000"},
                                            {"currency", "usd"},
                                            {"customer", cus},
                                            {"payment_method", id},
                                            {"off_session", "true"},
                                            {"confirm", "true"}});
  EXPECT_EQ(reuse.status, 400) << reuse.body;
  EXPECT_EQ(error_of(reuse).at("param"), "payment_method");
  EXPECT_EQ(post("/v1/payment_methods/" + id + "/attach", {{"customer", cus}}).status, 400);
}

TEST_F(stripe_payments, invalid_card_number_is_402_incorrect_number) {
  auto r = post("/v1/payment_methods", {{"type", "card"},
                                        {"card[number]", "4242424242424241"},
                                        {"card[exp_month]", "12"},
                                        {"card[exp_year]", "2034"}});
  EXPECT_EQ(r.status, 402);
  EXPECT_EQ(error_of(r).at("type"), "card_error");
  EXPECT_EQ(error_of(r).at("code"), "incorrect_number");
  EXPECT_EQ(error_of(r).at("param"), "card[number]");
  EXPECT_EQ(pay("1234").status, 402);
}

TEST_F(stripe_payments, wrong_api_key_is_401_with_the_key_masked) {
  auto r = client_->request("POST", "/stripe/v1/payment_intents", "amount=1000&currency=usd",
                            {{"Authorization", "Bearer sk_test_wrongkey12345678"}});
  EXPECT_EQ(r.status, 401);
  auto e = error_of(r);
  EXPECT_EQ(e.at("type"), "invalid_request_error");
  EXPECT_EQ(e.at("message"), "Invalid API Key provided: sk_test_************5678");
  EXPECT_EQ(r.body.find("wrongkey"), std::string::npos);
  EXPECT_EQ(r.header("request-id").rfind("req_", 0), 0u);
  EXPECT_EQ(client_->request("GET", "/stripe/v1/payment_intents/pi_x").status, 401);
  // Like Stripe, HTTP Basic with the key as user name is accepted too.
  auto basic = client_->request("GET", "/stripe/v1/payment_intents/pi_x", {},
                                {{"Authorization", "Basic c2tfdGVzdF9zaW1fc3RyaXBlOg=="}});
  EXPECT_EQ(basic.status, 404);
}

TEST_F(stripe_payments, unknown_ids_are_404_resource_missing) {
  auto r = fetch("/v1/payment_intents/pi_doesnotexist");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(error_of(r).at("code"), "resource_missing");
  EXPECT_EQ(error_of(r).at("message"), "No such payment_intent: 'pi_doesnotexist'");
  EXPECT_EQ(fetch("/v1/refunds/re_nope").status, 404);
  EXPECT_EQ(fetch("/v1/disputes/dp_nope").status, 404);
  EXPECT_EQ(post("/v1/payment_intents/pi_nope/capture", {}).status, 404);
  auto pm = pay("pm_nope");
  EXPECT_EQ(pm.status, 404);
  EXPECT_EQ(error_of(pm).at("param"), "payment_method");
  EXPECT_EQ(fetch("/v1/unknown_things").status, 404);
}

TEST_F(stripe_payments, validation_errors_look_like_stripe) {
  auto missing = post("/v1/payment_intents", {{"currency", "usd"}});
  EXPECT_EQ(missing.status, 400);
  auto e = error_of(missing);
  EXPECT_EQ(e.at("type"), "invalid_request_error");
  EXPECT_EQ(e.at("code"), "parameter_missing");
  EXPECT_EQ(e.at("param"), "amount");
  EXPECT_EQ(e.at("message"), "Missing required param: amount.");
  EXPECT_EQ(error_of(post("/v1/payment_intents", {{"amount", "1000"}})).at("param"), "currency");
  EXPECT_EQ(
      error_of(post("/v1/payment_intents", {{"amount", "ten"}, {"currency", "usd"}})).at("code"),
      "parameter_invalid_integer");
  auto unknown = post("/v1/payment_intents", {{"amount", "1000"}, {"currency", "usd"}, {"x", "1"}});
  EXPECT_EQ(error_of(unknown).at("message"), "Received unknown parameter: x");
}

TEST_F(stripe_payments, amounts_below_the_currency_minimum_are_amount_too_small) {
  auto r = pay("pm_card_visa", false, 49);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r).at("code"), "amount_too_small");
  EXPECT_EQ(error_of(r).at("param"), "amount");
  EXPECT_EQ(error_of(r).at("message"), "Amount must be at least $0.50 usd");
  EXPECT_EQ(pay("pm_card_visa", false, 50).status, 200);
  auto gbp = post("/v1/payment_intents", {{"amount", "30"}, {"currency", "GBP"}});
  EXPECT_EQ(gbp.status, 200) << gbp.body;
  EXPECT_EQ(gbp.json().at("currency"), "gbp");
  EXPECT_EQ(gbp.json().at("status"), "requires_payment_method");
  EXPECT_EQ(post("/v1/payment_intents", {{"amount", "0"}, {"currency", "usd"}}).status, 400);
}

}  // namespace
}  // namespace processor_sim::testing
