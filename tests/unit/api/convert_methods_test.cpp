// The payment methods beyond cards and the order details, proto → domain: each bad field named,
// no account number, IBAN, token or cryptogram echoed.
#include <gtest/gtest.h>

#include "api/convert.hpp"

using namespace cs;
namespace v1 = connectorservice::v1;

namespace {

constexpr const char* cryptogram = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";

v1::AuthorizeRequest base() {
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference("order-1");
  r.set_return_url("https://shop.example/return");
  r.mutable_amount()->set_minor_amount(2500);
  r.mutable_amount()->set_currency_code("EUR");
  return r;
}

void fill(v1::NetworkToken* t) {
  t->set_number("4111111111111111");
  t->set_expiry_month(3);
  t->set_expiry_year(2030);
  t->set_cryptogram(cryptogram);
  t->set_eci("05");
}

// The field of the error; the message must not hold `secret`.
std::string refused(const v1::AuthorizeRequest& r, const std::string& secret = "") {
  auto out = api::from_proto(r);
  EXPECT_FALSE(out.ok());
  if (out.ok()) return {};
  if (!secret.empty()) EXPECT_EQ(out.err().message.find(secret), std::string::npos);
  return out.err().field;
}

TEST(ConvertMethods, DecryptedWalletsAndNetworkTokensKeepTheirOrigin) {
  auto r = base();
  fill(r.mutable_payment_method()->mutable_apple_pay()->mutable_decrypted());
  auto apple = api::from_proto(r);
  ASSERT_TRUE(apple.ok()) << apple.err().message;
  const auto& t = std::get<domain::network_token>(apple->method);
  EXPECT_EQ(t.origin, domain::token_origin::apple_pay);
  EXPECT_EQ(t.cryptogram.reveal(), cryptogram);
  EXPECT_EQ(domain::arm_of(apple->method), "apple_pay.decrypted");
  fill(r.mutable_payment_method()->mutable_google_pay()->mutable_decrypted());
  EXPECT_EQ(domain::arm_of(api::from_proto(r)->method), "google_pay.decrypted");
  fill(r.mutable_payment_method()->mutable_network_token());
  auto plain = api::from_proto(r);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(std::get<domain::network_token>(plain->method).origin,
            domain::token_origin::token_service);
}

TEST(ConvertMethods, NetworkTokenFieldsAreCheckedWithoutEchoingThem) {
  auto r = base();
  auto* t = r.mutable_payment_method()->mutable_network_token();
  fill(t);
  t->set_number("4111111111111112");
  EXPECT_EQ(refused(r, "4111111111111112"), "payment_method.network_token.number");
  fill(t);
  t->clear_cryptogram();
  EXPECT_EQ(refused(r), "payment_method.network_token.cryptogram");
  t->set_cryptogram("not base64!");
  EXPECT_EQ(refused(r, "not base64!"), "payment_method.network_token.cryptogram");
  fill(t);
  t->set_eci("5");
  EXPECT_EQ(refused(r), "payment_method.network_token.eci");
  fill(t);
  t->set_expiry_month(0);
  EXPECT_EQ(refused(r), "payment_method.network_token.expiry_month");
  fill(r.mutable_payment_method()->mutable_apple_pay()->mutable_decrypted());
  r.mutable_payment_method()->mutable_apple_pay()->mutable_decrypted()->clear_eci();
  EXPECT_EQ(refused(r), "payment_method.apple_pay.decrypted.eci");
}

TEST(ConvertMethods, SepaIbanIsNormalizedAndChecked) {
  auto r = base();
  auto* d = r.mutable_payment_method()->mutable_sepa_debit();
  d->set_iban("nl91 abna 0417 1643 00");
  d->set_account_holder_name("Jan de Vries");
  auto ok = api::from_proto(r);
  ASSERT_TRUE(ok.ok()) << ok.err().message;
  EXPECT_EQ(std::get<domain::sepa_debit>(ok->method).iban.reveal(), "NL91ABNA0417164300");
  d->set_iban("NL91ABNA0417164301");  // check digits do not match
  EXPECT_EQ(refused(r, "0417164301"), "payment_method.sepa_debit.iban");
  d->set_iban("NL91ABNA041716430");  // one short for the Netherlands
  EXPECT_EQ(refused(r, "041716430"), "payment_method.sepa_debit.iban");
  d->set_iban("DE89370400440532013000");
  d->clear_account_holder_name();
  EXPECT_EQ(refused(r), "payment_method.sepa_debit.account_holder_name");
}

TEST(ConvertMethods, AchNeedsDigitsAndARoutingNumberWithItsCheckDigit) {
  auto r = base();
  r.mutable_amount()->set_currency_code("USD");
  auto* d = r.mutable_payment_method()->mutable_ach_debit();
  d->set_account_number("000123456789");
  d->set_routing_number("110000000");
  d->set_account_holder_name("Jenny Rosen");
  d->set_account_type(v1::BANK_ACCOUNT_TYPE_SAVINGS);
  auto ok = api::from_proto(r);
  ASSERT_TRUE(ok.ok()) << ok.err().message;
  const auto& ach = std::get<domain::ach_debit>(ok->method);
  EXPECT_EQ(ach.account_type, domain::bank_account_type::savings);
  EXPECT_EQ(ach.holder_type, domain::account_holder_type::individual);
  d->set_routing_number("110000001");
  EXPECT_EQ(refused(r, "110000001"), "payment_method.ach_debit.routing_number");
  d->set_routing_number("110000000");
  d->set_account_number("12-34");
  EXPECT_EQ(refused(r, "12-34"), "payment_method.ach_debit.account_number");
}

TEST(ConvertMethods, RedirectMethodsNeedAReturnUrl) {
  auto r = base();
  r.mutable_payment_method()->mutable_ideal()->set_bank("ing");
  auto ok = api::from_proto(r);
  ASSERT_TRUE(ok.ok()) << ok.err().message;
  EXPECT_EQ(std::get<domain::bank_redirect>(ok->method).bank, "ing");
  r.clear_return_url();
  EXPECT_EQ(refused(r), "return_url");
  r.mutable_payment_method()->mutable_bancontact();
  EXPECT_EQ(refused(r), "return_url");
  r.mutable_payment_method()->mutable_ideal()->set_bank("ing/../x");
  r.set_return_url("https://shop.example/return");
  EXPECT_EQ(refused(r), "payment_method.ideal.bank");
}

v1::AuthorizeRequest klarna() {
  auto r = base();
  r.mutable_payment_method()->mutable_klarna();
  r.mutable_customer()->set_email("shopper@example.com");
  auto* o = r.mutable_order();
  auto* a = o->add_line_items();
  a->set_name("Shoes");
  a->set_quantity(2);
  a->set_unit_amount(1500);
  auto* b = o->add_line_items();
  b->set_name("Discount");
  b->set_quantity(1);
  b->set_unit_amount(-500);
  b->set_tax_rate_bps(0);
  auto* billing = o->mutable_billing_address();
  billing->set_country("NL");
  billing->set_city("Amsterdam");
  return r;
}

TEST(ConvertMethods, KlarnaNeedsLineItemsThatAddUpABillingCountryAndAnEmail) {
  auto ok = api::from_proto(klarna());
  ASSERT_TRUE(ok.ok()) << ok.err().message;
  ASSERT_EQ(ok->order.items.size(), 2u);
  EXPECT_EQ(ok->order.items[1].unit_amount, -500);
  EXPECT_EQ(ok->order.billing->country, "NL");

  auto r = klarna();
  r.mutable_order()->mutable_line_items(0)->set_quantity(3);
  auto out = api::from_proto(r);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.err().field, "order.line_items");
  EXPECT_NE(out.err().message.find("add up to 4000"), std::string::npos) << out.err().message;
  EXPECT_NE(out.err().message.find("amount 2500"), std::string::npos) << out.err().message;
  r = klarna();
  r.mutable_order()->clear_line_items();
  EXPECT_EQ(refused(r), "order.line_items");
  r = klarna();
  r.mutable_order()->clear_billing_address();
  EXPECT_EQ(refused(r), "order.billing_address");
  r = klarna();
  r.mutable_order()->mutable_billing_address()->set_country("nl");
  EXPECT_EQ(refused(r), "order.billing_address.country");
  r = klarna();
  r.mutable_customer()->clear_email();
  EXPECT_EQ(refused(r), "customer.email");
  r = klarna();
  r.mutable_order()->mutable_line_items(1)->set_quantity(0);
  EXPECT_EQ(refused(r), "order.line_items[1].quantity");
  r = klarna();
  r.mutable_order()->mutable_line_items(0)->clear_name();
  EXPECT_EQ(refused(r), "order.line_items[0].name");
  r = klarna();
  r.mutable_order()->mutable_line_items(0)->set_tax_rate_bps(10'001);
  EXPECT_EQ(refused(r), "order.line_items[0].tax_rate_bps");
}

TEST(ConvertMethods, OrderDetailsAreOptionalForOtherMethodsButStillChecked) {
  auto r = base();
  fill(r.mutable_payment_method()->mutable_network_token());
  r.mutable_order()->mutable_shipping_address()->set_country("Netherlands");
  EXPECT_EQ(refused(r), "order.shipping_address.country");
  r.mutable_order()->mutable_shipping_address()->set_country("NL");
  r.mutable_customer()->set_user_agent("Mozilla/5.0");
  auto ok = api::from_proto(r);
  ASSERT_TRUE(ok.ok()) << ok.err().message;
  EXPECT_EQ(ok->order.shipping->country, "NL");
  EXPECT_FALSE(ok->order.billing.has_value());
  EXPECT_EQ(ok->shopper.user_agent, "Mozilla/5.0");
}

}  // namespace

namespace {

TEST(ConvertMethods, AnAppLinkIsTheNextActionsDeepLinkAndARedirectWins) {
  domain::payment_result r;
  r.status = domain::payment_status::pending;
  r.deep_link = "upi://pay?pa=merchant@razorpay&am=500.00&cu=INR";
  v1::Payment out;
  api::to_proto(r, &out);
  ASSERT_EQ(out.next_action().action_case(), v1::NextAction::kDeepLink);
  EXPECT_EQ(out.next_action().deep_link().uri(), r.deep_link);
  r.redirect = domain::redirect_data{"https://bank.example/pay", "GET", {}};
  v1::Payment both;
  api::to_proto(r, &both);
  EXPECT_EQ(both.next_action().action_case(), v1::NextAction::kRedirect);
}

}  // namespace
