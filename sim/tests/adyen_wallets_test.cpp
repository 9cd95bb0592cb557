// Adyen /v71/payments with Apple Pay and Google Pay tokens (applepay, googlepay), decrypted
// wallets (scheme + brand + mpiData) and network tokens (networkToken + TAVV): replies,
// notifications, refusals by test value, the 422s, and modifications afterwards.
#include "sim_fixture.hpp"
#include "wallet_test_tokens.hpp"

namespace processor_sim::testing {
namespace {

namespace wt = client::wallet_test_tokens;

class AdyenWallets : public sim_test {
 protected:
  static boost::json::object body_with(boost::json::object method, bool manual = false) {
    auto body = payment_body("APPROVED", manual);
    body["paymentMethod"] = std::move(method);
    body.erase("returnUrl");
    return body;
  }
  static boost::json::object apple(const std::string& dpan = "4111111111111111") {
    return {{"type", "applepay"}, {"applePayToken", wt::adyen_apple_pay_token(dpan, 12, 2030)}};
  }
  static boost::json::object google(const std::string& pan = "5555555555554444") {
    return {{"type", "googlepay"}, {"googlePayToken", wt::google_pay_token(pan, 12, 2030)}};
  }
  static boost::json::object mpi(const char* cryptogram_field) {
    return {{"directoryResponse", "Y"},
            {"authenticationResponse", "Y"},
            {cryptogram_field, wt::test_cryptogram},
            {"eci", "05"}};
  }
  static void expect_error(const http_reply& r, const char* code) {
    EXPECT_EQ(r.status, 422) << r.body;
    const auto body = r.json();
    EXPECT_EQ(body.at("status"), 422);
    EXPECT_EQ(body.at("errorCode"), code) << r.body;
    EXPECT_EQ(body.at("errorType"), "validation");
  }
};

TEST_F(AdyenWallets, apple_pay_token_is_authorised_like_its_card_and_notified_as_visa_applepay) {
  auto r = adyen("/v71/payments", body_with(apple()));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  EXPECT_EQ(body.at("resultCode"), "Authorised");
  // The spec's ResponsePaymentMethod: brand only for type scheme.
  EXPECT_EQ(body.at("paymentMethod"), (boost::json::object{{"type", "applepay"}}));
  EXPECT_EQ(r.body.find("4111111111111111"), std::string::npos);
  const auto hooks = hooks_->wait_for(1);
  const auto* auth = find_event(hooks, "AUTHORISATION", s(body.at("pspReference")));
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->at("paymentMethod"), "visa_applepay");
  EXPECT_EQ(auth->at("success"), "true");
}

TEST_F(AdyenWallets, a_wallet_payment_is_captured_and_refunded_like_a_card) {
  auto r = adyen("/v71/payments", body_with(google(), true));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string psp = s(r.json().at("pspReference"));
  EXPECT_EQ(r.json().at("paymentMethod").at("type"), "googlepay");
  auto capture =
      adyen("/v71/payments/" + psp + "/captures",
            {{"merchantAccount", merchant}, {"amount", {{"currency", "EUR"}, {"value", 1000}}}});
  EXPECT_EQ(capture.status, 201) << capture.body;
  auto refund =
      adyen("/v71/payments/" + psp + "/refunds",
            {{"merchantAccount", merchant}, {"amount", {{"currency", "EUR"}, {"value", 400}}}});
  EXPECT_EQ(refund.status, 201) << refund.body;
  const auto hooks = hooks_->wait_for(3);
  const auto* auth = find_event(hooks, "AUTHORISATION", psp);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->at("paymentMethod"), "mc_googlepay");
  auto state = get("/_sim/adyen/payments/" + psp).json();
  EXPECT_EQ(state.at("status"), "partially_refunded");
  EXPECT_EQ(state.at("captured").as_int64(), 1000);
  EXPECT_EQ(state.at("refunded").as_int64(), 400);
}

TEST_F(AdyenWallets, wallet_payments_are_refused_by_the_test_value_as_cards_are) {
  auto body = body_with(apple("4000000000000002"));
  body["additionalData"] = {{"RequestedTestAcquirerResponseCode", "NOT_ENOUGH_BALANCE"}};
  auto r = adyen("/v71/payments", body).json();
  EXPECT_EQ(r.at("resultCode"), "Refused");
  EXPECT_EQ(r.at("refusalReason"), "Not enough balance");
  EXPECT_EQ(r.at("refusalReasonCode"), "12");
  // Decrypted: the holder name decides, as for a card.
  auto decrypted = body_with({{"type", "scheme"},
                              {"brand", "applepay"},
                              {"number", "4111111111111111"},
                              {"expiryMonth", "12"},
                              {"expiryYear", "2030"},
                              {"holderName", "DECLINED"}});
  decrypted["mpiData"] = mpi("cavv");
  auto refused = adyen("/v71/payments", decrypted).json();
  EXPECT_EQ(refused.at("resultCode"), "Refused");
  EXPECT_EQ(refused.at("refusalReasonCode"), "2");
}

TEST_F(AdyenWallets, invalid_wallet_tokens_are_422) {
  expect_error(adyen("/v71/payments", body_with({{"type", "applepay"}, {"applePayToken", "%%"}})),
               "5_002");
  expect_error(adyen("/v71/payments", body_with({{"type", "applepay"}})), "5_002");
  // The paymentData text itself instead of its base64, and a Google Pay token as Apple's.
  expect_error(
      adyen(
          "/v71/payments",
          body_with({{"type", "applepay"},
                     {"applePayToken", wt::apple_pay_payment_data("4111111111111111", 12, 2030)}})),
      "5_002");
  expect_error(adyen("/v71/payments",
                     body_with({{"type", "applepay"},
                                {"applePayToken",
                                 wt::base64(wt::google_pay_token("4111111111111111", 12, 2030))}})),
               "5_002");
  expect_error(adyen("/v71/payments", body_with({{"type", "googlepay"}, {"googlePayToken", "{}"}})),
               "14_093");
  const auto an_hour_ago =
      std::chrono::duration_cast<std::chrono::milliseconds>(
          (std::chrono::system_clock::now() - std::chrono::hours(1)).time_since_epoch())
          .count();
  expect_error(adyen("/v71/payments",
                     body_with({{"type", "googlepay"},
                                {"googlePayToken",
                                 wt::google_pay_token("4111111111111111", 12, 2030,
                                                      wt::test_cryptogram, "05", an_hour_ago)}})),
               "14_093");
  EXPECT_EQ(get("/_sim/stats").json().at("adyen").at("payments"), 0);
}

TEST_F(AdyenWallets, decrypted_wallets_are_scheme_payments_with_the_wallet_brand) {
  auto apple_pay = body_with({{"type", "scheme"},
                              {"brand", "applepay"},
                              {"number", "4111111111111111"},
                              {"expiryMonth", "12"},
                              {"expiryYear", "2030"}});
  apple_pay["mpiData"] = mpi("cavv");
  auto r = adyen("/v71/payments", apple_pay).json();
  EXPECT_EQ(r.at("resultCode"), "Authorised");
  EXPECT_EQ(r.at("paymentMethod"),
            (boost::json::object{{"brand", "visa_applepay"}, {"type", "scheme"}}));
  // Google Pay PAN_ONLY has no cryptogram: no mpiData needed.
  auto google_pay = body_with({{"type", "scheme"},
                               {"brand", "googlepay"},
                               {"number", "5555555555554444"},
                               {"expiryMonth", "12"},
                               {"expiryYear", "2030"}});
  auto g = adyen("/v71/payments", google_pay).json();
  EXPECT_EQ(g.at("resultCode"), "Authorised");
  EXPECT_EQ(g.at("paymentMethod").at("brand"), "mc_googlepay");
  // A decrypted Apple Pay token always has a cryptogram.
  apple_pay.erase("mpiData");
  expect_error(adyen("/v71/payments", apple_pay), "14_094");
}

TEST_F(AdyenWallets, network_tokens_need_a_number_and_the_tavv) {
  auto nt = body_with({{"type", "networkToken"},
                       {"number", "4111111111111111"},
                       {"expiryMonth", "12"},
                       {"expiryYear", "2030"}});
  nt["mpiData"] = {{"tokenAuthenticationVerificationValue", wt::test_cryptogram}, {"eci", "05"}};
  auto r = adyen("/v71/payments", nt);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("resultCode"), "Authorised");
  EXPECT_EQ(r.json().at("paymentMethod"), (boost::json::object{{"type", "networkToken"}}));
  const auto hooks = hooks_->wait_for(1);
  const auto* auth = find_event(hooks, "AUTHORISATION", s(r.json().at("pspReference")));
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->at("paymentMethod"), "visa");

  auto no_tavv = nt;
  no_tavv["mpiData"] = {{"cavv", wt::test_cryptogram}, {"eci", "05"}};
  expect_error(adyen("/v71/payments", no_tavv), "14_094");
  no_tavv.erase("mpiData");
  expect_error(adyen("/v71/payments", no_tavv), "14_094");
  auto no_number = nt;
  no_number["paymentMethod"].as_object().erase("number");
  expect_error(adyen("/v71/payments", no_number), "101");
}

TEST_F(AdyenWallets, a_wrong_api_key_is_401_before_the_token_is_read) {
  auto r =
      client_->request("POST", "/adyen/v71/payments", boost::json::serialize(body_with(apple())),
                       {{"X-API-Key", "not_the_key"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json().at("errorType"), "security");
  EXPECT_EQ(get("/_sim/stats").json().at("adyen").at("payments"), 0);
}

}  // namespace
}  // namespace processor_sim::testing
