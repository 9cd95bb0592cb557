// authorize with iDEAL and Klarna: the /payments bodies (IdealDetails, KlarnaDetails with
// lineItems, countryCode, shopperLocale, billingAddress, deliveryAddress), what is refused before
// any call, and what Adyen's answers mean for them (RedirectShopper, then /payments/details:
// Authorised is CHARGED for iDEAL and AUTHORIZED for Klarna, Cancelled is a FAILURE).
#include <boost/json.hpp>
#include <fmt/format.h>

#include "test_support.hpp"

namespace adyen_test {
namespace {

authorize_request ideal(capture_method c = capture_method::automatic) {
  auto r = authorize_manual();
  r.capture = c;
  r.method = bank_redirect{bank_redirect_type::ideal, {}};
  return r;
}

authorize_request klarna() {
  auto r = authorize_manual();
  r.amount = money{25000, "SEK"};
  r.method = bnpl{};
  r.shopper.email = "shopper@example.com";
  r.shopper.phone = "+46701234567";
  r.order.items = {{"Tent", "TENT-2", 1, 20000, 4000, 2500, "https://shop.example/tent", ""},
                   {"Tent peg", "", 10, 500, 1000, 2500, "", ""}};
  r.order.billing = address{"Storgatan 1", "", "Stockholm", "11122", "", "SE"};
  r.order.locale = "sv-SE";
  return r;
}

step_result<payment_result> build(const authorize_request& r) {
  auto c = creds();
  return descriptor().flows.authorize(r, flow_context{c, {}});
}

boost::json::object body_of(const authorize_request& r) {
  return boost::json::parse(request_of(build(r)).body).as_object();
}

TEST(AdyenRedirectMethods, IdealIsIdealDetailsWithTheReturnUrl) {
  auto body = body_of(ideal());
  EXPECT_EQ(body.at("paymentMethod"), (boost::json::object{{"type", "ideal"}}));
  EXPECT_EQ(body.at("returnUrl"), "https://shop.example/return");
  EXPECT_FALSE(body.contains("additionalData"));
  EXPECT_FALSE(body.contains("lineItems"));
}

TEST(AdyenRedirectMethods, IdealRefusesAPreselectedBankAndManualCapture) {
  auto with_bank = ideal();
  with_bank.method = bank_redirect{bank_redirect_type::ideal, "INGBNL2A"};
  auto e = error_of(build(with_bank));
  EXPECT_EQ(e.field, "payment_method.ideal.bank");
  EXPECT_NE(e.message.find("iDEAL 2.0"), std::string::npos) << e.message;
  e = error_of(build(ideal(capture_method::manual)));
  EXPECT_EQ(e.field, "capture_method");
  EXPECT_NE(e.message.find("AUTOMATIC"), std::string::npos) << e.message;
}

TEST(AdyenRedirectMethods, KlarnaSendsTheBasketTheShopperAndTheMarket) {
  auto r = klarna();
  r.order.shipping = address{"Lilla vägen 2", "lgh 1101", "Uppsala", "75320", "", "SE"};
  auto body = body_of(r);
  EXPECT_EQ(body.at("paymentMethod"), (boost::json::object{{"type", "klarna"}}));
  EXPECT_EQ(body.at("countryCode"), "SE");
  EXPECT_EQ(body.at("shopperLocale"), "sv-SE");
  EXPECT_EQ(body.at("shopperEmail"), "shopper@example.com");
  EXPECT_EQ(body.at("telephoneNumber"), "+46701234567");
  EXPECT_EQ(body.at("lineItems"), (boost::json::array{{{"description", "Tent"},
                                                       {"quantity", 1},
                                                       {"amountIncludingTax", 20000},
                                                       {"amountExcludingTax", 16000},
                                                       {"taxAmount", 4000},
                                                       {"taxPercentage", 2500},
                                                       {"id", "TENT-2"},
                                                       {"productUrl", "https://shop.example/tent"}},
                                                      {{"description", "Tent peg"},
                                                       {"quantity", 10},
                                                       {"amountIncludingTax", 500},
                                                       {"amountExcludingTax", 400},
                                                       {"taxAmount", 100},
                                                       {"taxPercentage", 2500}}}));
  EXPECT_EQ(body.at("billingAddress"), (boost::json::object{{"street", "Storgatan 1"},
                                                            {"houseNumberOrName", ""},
                                                            {"postalCode", "11122"},
                                                            {"city", "Stockholm"},
                                                            {"country", "SE"}}));
  EXPECT_EQ(body.at("deliveryAddress").at("houseNumberOrName"), "lgh 1101");
  EXPECT_EQ(body.at("deliveryAddress").at("city"), "Uppsala");
  // Adyen captures Klarna only on request: manual capture even when AUTOMATIC was asked for.
  EXPECT_EQ(body.at("additionalData").at("manualCapture"), "true");
  r.capture = capture_method::automatic;
  EXPECT_EQ(body_of(r).at("additionalData").at("manualCapture"), "true");
}

struct bad_klarna {
  const char* name;
  authorize_request request;
  const char* field;
};

TEST(AdyenRedirectMethods, KlarnaRefusesBeforeAnyCall) {
  auto no_items = klarna();
  no_items.order.items.clear();
  auto no_billing = klarna();
  no_billing.order.billing.reset();
  auto no_email = klarna();
  no_email.shopper.email.clear();
  auto short_basket = klarna();
  short_basket.order.items[1].quantity = 9;
  auto euros_in_sweden = klarna();
  euros_in_sweden.amount.currency = "EUR";
  auto no_street = klarna();
  no_street.order.billing->line1.clear();
  auto japan = klarna();
  japan.order.billing->country = "JP";
  auto no_return = klarna();
  no_return.return_url.clear();
  const bad_klarna cases[] = {
      {"no items", no_items, "order.line_items"},
      {"no billing", no_billing, "order.billing_address"},
      {"no email", no_email, "customer.email"},
      {"basket short of the amount", short_basket, "order.line_items"},
      {"EUR in SE", euros_in_sweden, "amount.currency_code"},
      {"no street", no_street, "order.billing_address.line1"},
      {"JP", japan, "order.billing_address.country"},
      {"no return url", no_return, "return_url"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto e = error_of(build(c.request));
    EXPECT_EQ(e.code, error_code::invalid_argument);
    EXPECT_EQ(e.field, c.field);
  }
}

TEST(AdyenRedirectMethods, DeclaredIdealInEurosKlarnaInItsMarketsNoBancontact) {
  const auto& c = descriptor();
  const auto* i = method_entry(c, method_kind::ideal);
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(i->currencies, (std::vector<std::string_view>{"EUR"}));
  EXPECT_EQ(method_entry(c, method_kind::bancontact), nullptr);
  const auto* k = method_entry(c, method_kind::klarna);
  ASSERT_NE(k, nullptr);
  EXPECT_TRUE(check_method(c, bnpl{}, "SEK", "SE").ok());
  EXPECT_FALSE(check_method(c, bnpl{}, "JPY", "SE").ok());
  EXPECT_FALSE(check_method(c, bnpl{}, "EUR", "JP").ok());
  EXPECT_FALSE(check_method(c, bank_redirect{}, "USD").ok());
}

constexpr const char* redirect_reply =
    R"({"resultCode":"RedirectShopper","action":{"paymentMethodType":"ideal",)"
    R"("url":"https://checkoutshopper-test.adyen.com/checkoutshopper/checkoutPaymentRedirect?)"
    R"(redirectData=X3XtfGC9","method":"GET","type":"redirect"}})";

TEST(AdyenRedirectMethods, RedirectShopperIsAuthenticationPendingWithTheRedirect) {
  auto r = run(&flow_table::authorize, ideal(), 200, redirect_reply);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, payment_status::authentication_pending);
  ASSERT_TRUE(r->redirect.has_value());
  EXPECT_EQ(r->redirect->method, "GET");
  EXPECT_NE(r->redirect->url.find("redirectData=X3XtfGC9"), std::string::npos);
}

complete_authorize_request complete(capture_method c) {
  complete_authorize_request r;
  r.idempotency_key = "idem-complete";
  r.merchant_reference = "order-1001";
  r.redirect_payload = {{"redirectResult", "Ab02b4c0"}};
  r.capture = c;
  return r;
}

std::string details_reply(const char* result_code, const char* type, const char* currency,
                          int value) {
  return fmt::format(
      R"({{"pspReference":"RDR0000000000001","resultCode":"{}","merchantReference":"order-1001",)"
      R"("amount":{{"currency":"{}","value":{}}},"paymentMethod":{{"type":"{}"}}}})",
      result_code, currency, value, type);
}

TEST(AdyenRedirectMethods, AuthorisedIsChargedForIdealAndAuthorizedForKlarna) {
  for (auto c : {capture_method::automatic, capture_method::manual}) {
    auto i = run(&flow_table::complete_authorize, complete(c), 200,
                 details_reply("Authorised", "ideal", "EUR", 1500));
    ASSERT_TRUE(i.ok()) << i.err().message;
    EXPECT_EQ(i->status, payment_status::charged);
    ASSERT_TRUE(i->captured_amount.has_value());
    EXPECT_EQ(i->captured_amount->minor_amount, 1500);
    auto k = run(&flow_table::complete_authorize, complete(c), 200,
                 details_reply("Authorised", "klarna", "SEK", 25000));
    ASSERT_TRUE(k.ok()) << k.err().message;
    EXPECT_EQ(k->status, payment_status::authorized);
    EXPECT_FALSE(k->captured_amount.has_value());
    EXPECT_EQ(k->connector_payment_id, "RDR0000000000001");
  }
}

TEST(AdyenRedirectMethods, RefusedOrCancelledAtTheProviderIsAFailure) {
  auto refused = run(&flow_table::complete_authorize, complete(capture_method::automatic), 200,
                     details_reply("Refused", "ideal", "EUR", 1500));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, payment_status::failure);
  auto cancelled = run(&flow_table::complete_authorize, complete(capture_method::manual), 200,
                       details_reply("Cancelled", "klarna", "SEK", 25000));
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, payment_status::failure);
  ASSERT_TRUE(cancelled->error.has_value());
  EXPECT_EQ(cancelled->error->code, decline_code::cancelled);
  EXPECT_EQ(cancelled->processor_status, "Cancelled");
}

}  // namespace
}  // namespace adyen_test
