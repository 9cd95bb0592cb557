// Apple Pay, Google Pay and network tokens over gRPC against the simulator, per processor that
// takes them: the wallet's encrypted token (the simulator's test tokens, sim/README.md "Wallet
// test tokens"), the decrypted form and token-service network tokens; approvals, declines by the
// card behind the token, refused tokens, and methods a connector does not take refused before
// any call.

#include "harness.hpp"
#include "wallet_test_tokens.hpp"

namespace e2e {
namespace {

namespace wt = processor_sim::client::wallet_test_tokens;

const std::string cryptogram(wt::test_cryptogram);

v1::AuthorizeRequest base(const std::string& connector, const std::string& reference,
                          std::int64_t minor, const std::string& currency, bool manual) {
  v1::AuthorizeRequest r;
  r.set_connector(connector);
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(minor, currency);
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  return r;
}

void decrypted(v1::NetworkToken* t, const std::string& dpan, const std::string& holder = {}) {
  t->set_number(dpan);
  t->set_expiry_month(12);
  t->set_expiry_year(2030);
  t->set_cryptogram(cryptogram);
  t->set_eci("05");
  t->set_holder_name(holder);
}

grpc::Status pay(const std::string& account, const v1::AuthorizeRequest& r, v1::Payment& out) {
  return env().svc.payments->Authorize(ctx(account).get(), r, &out);
}

// --- Adyen -----------------------------------------------------------------------------------

TEST(Wallets, AdyenApplePayTokenAuthorizesThenCapturesLikeACard) {
  auto r = base("adyen", "e2e-wallet-adyen-apple", 1200, "EUR", true);
  r.mutable_payment_method()->mutable_apple_pay()->set_payment_token(
      wt::apple_pay_payment_data(visa, 12, 2030, cryptogram, "07"));
  v1::Payment p;
  auto s = pay("demo", r, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHORIZED) << p.DebugString();
  auto state = env().payment_state(p.connector_payment_id());
  EXPECT_EQ(state.at("paymentMethod").at("type").as_string(), "applepay") << state;
  EXPECT_EQ(state.at("paymentMethod").at("brand").as_string(), "visa_applepay") << state;

  v1::CaptureRequest c;
  c.set_connector("adyen");
  c.set_connector_payment_id(p.connector_payment_id());
  c.set_merchant_reference("e2e-wallet-adyen-apple-capture");
  *c.mutable_amount_to_capture() = money(1200);
  *c.mutable_payment_amount() = money(1200);
  v1::Payment captured;
  ASSERT_TRUE(env().svc.payments->Capture(ctx().get(), c, &captured).ok());
  EXPECT_EQ(captured.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING);
}

TEST(Wallets, AdyenGooglePayTokenIsASale) {
  auto r = base("adyen", "e2e-wallet-adyen-google", 800, "EUR", false);
  r.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      wt::google_pay_token(mastercard, 12, 2030, cryptogram, "05"));
  v1::Payment p;
  auto s = pay("demo", r, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_CHARGED) << p.DebugString();
}

TEST(Wallets, AdyenDecryptedWalletsAndNetworkTokensFollowTheCardBehindThem) {
  auto apple = base("adyen", "e2e-wallet-adyen-apple-dec", 900, "EUR", false);
  decrypted(apple.mutable_payment_method()->mutable_apple_pay()->mutable_decrypted(), visa);
  v1::Payment p;
  auto s = pay("demo", apple, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_CHARGED);

  // The simulator's refusal triggers ride on the holder name, as for cards.
  auto declined = base("adyen", "e2e-wallet-adyen-google-dec", 900, "EUR", false);
  decrypted(declined.mutable_payment_method()->mutable_google_pay()->mutable_decrypted(), visa,
            "NOT_ENOUGH_BALANCE");
  v1::Payment d;
  ASSERT_TRUE(pay("demo", declined, d).ok());
  EXPECT_EQ(d.status(), v1::PAYMENT_STATUS_FAILURE);
  EXPECT_EQ(d.error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS) << d.DebugString();

  auto token = base("adyen", "e2e-wallet-adyen-vts", 700, "EUR", true);
  decrypted(token.mutable_payment_method()->mutable_network_token(), visa);
  v1::Payment t;
  ASSERT_TRUE(pay("demo", token, t).ok());
  EXPECT_EQ(t.status(), v1::PAYMENT_STATUS_AUTHORIZED);
  auto state = env().payment_state(t.connector_payment_id());
  EXPECT_EQ(state.at("paymentMethod").at("type").as_string(), "networkToken") << state;
}

TEST(Wallets, AdyenAnUndecryptableTokenIsRefusedAndNothingIsCharged) {
  auto r = base("adyen", "e2e-wallet-adyen-bad", 500, "EUR", false);
  r.mutable_payment_method()->mutable_apple_pay()->set_payment_token(
      R"({"version":"EC_v1","data":"bm90IGpzb24=","signature":"c2ln","header":{}})");
  v1::Payment p;
  auto s = pay("demo", r, p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);

  auto g = base("adyen", "e2e-wallet-adyen-bad-google", 500, "EUR", false);
  g.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      R"({"protocolVersion":"ECv2","signature":"c2ln","signedMessage":"not a message"})");
  const auto before = env().stats().at("adyen");
  auto gs = pay("demo", g, p);
  ASSERT_FALSE(gs.ok());
  EXPECT_EQ(gs.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(gs);
  EXPECT_EQ(env().stats().at("adyen").at("charges"), before.at("charges"));  // nothing charged
}

// --- Stripe ----------------------------------------------------------------------------------

TEST(Wallets, StripeGooglePayStripeTokenIsPaidAsACard) {
  auto r = base("stripe", "e2e-wallet-stripe-google", 1500, "USD", false);
  r.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      wt::stripe_google_pay_token("tok_visa"));
  v1::Payment p;
  auto s = pay(stripe_account, r, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_CHARGED) << p.DebugString();

  auto declined = base("stripe", "e2e-wallet-stripe-google-declined", 1500, "USD", false);
  declined.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      wt::stripe_google_pay_token("tok_chargeDeclined"));
  v1::Payment d;
  ASSERT_TRUE(pay(stripe_account, declined, d).ok());
  EXPECT_EQ(d.status(), v1::PAYMENT_STATUS_FAILURE);
  EXPECT_EQ(d.error().processor_code(), "card_declined") << d.DebugString();
}

TEST(Wallets, StripeApplePayIsTokenizedThenCharged) {
  auto r = base("stripe", "e2e-wallet-stripe-apple", 2500, "USD", true);
  auto* apple = r.mutable_payment_method()->mutable_apple_pay();
  apple->set_payment_token(
      wt::apple_pay_payment_data(stripe_card::visa, 12, 2030, cryptogram, "07"));
  apple->set_network("Visa");
  apple->set_display_name("Visa 4242");
  v1::Payment p;
  auto s = pay(stripe_account, r, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHORIZED) << p.DebugString();

  auto declined = base("stripe", "e2e-wallet-stripe-apple-declined", 2500, "USD", false);
  declined.mutable_payment_method()->mutable_apple_pay()->set_payment_token(
      wt::apple_pay_payment_data(stripe_card::insufficient, 12, 2030, cryptogram, "07"));
  v1::Payment d;
  ASSERT_TRUE(pay(stripe_account, declined, d).ok());
  EXPECT_EQ(d.status(), v1::PAYMENT_STATUS_FAILURE);
  EXPECT_EQ(d.error().decline_code(), v1::DECLINE_CODE_INSUFFICIENT_FUNDS) << d.DebugString();

  auto bad = base("stripe", "e2e-wallet-stripe-apple-bad", 2500, "USD", false);
  bad.mutable_payment_method()->mutable_apple_pay()->set_payment_token(
      R"({"version":"EC_v1","data":"!!","signature":"c2ln","header":{}})");
  v1::Payment b;
  auto bs = pay(stripe_account, bad, b);
  ASSERT_FALSE(bs.ok());
  EXPECT_EQ(bs.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(bs);
}

TEST(Wallets, StripeDecryptedWalletsAreRefusedBeforeAnyCall) {
  auto before = env().stats();
  auto r = base("stripe", "e2e-wallet-stripe-decrypted", 1500, "USD", false);
  decrypted(r.mutable_payment_method()->mutable_apple_pay()->mutable_decrypted(),
            stripe_card::visa);
  v1::Payment p;
  auto s = pay(stripe_account, r, p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("payment_method.apple_pay.decrypted"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("stripe"), std::string::npos);
  EXPECT_EQ(env().stats().at("stripe").at("payment_intents"),
            before.at("stripe").at("payment_intents"));
}

// --- Checkout.com ----------------------------------------------------------------------------

TEST(Wallets, CheckoutComApplePayAndGooglePayAreExchangedForTokensThenPaid) {
  auto r = base("checkout_com", "e2e-wallet-cko-apple", 1050, "USD", true);
  r.mutable_payment_method()->mutable_apple_pay()->set_payment_token(
      wt::apple_pay_payment_data(cko_card::visa, 12, 2030, cryptogram, "07"));
  v1::Payment p;
  auto s = pay(checkout_com_account, r, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_AUTHORIZED) << p.DebugString();

  const auto& [decline_card, code] = cko_card::declines.at(5);  // 20051
  auto g = base("checkout_com", "e2e-wallet-cko-google", 1050, "USD", false);
  g.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      wt::google_pay_token(decline_card, 12, 2030, cryptogram, "05"));
  v1::Payment d;
  ASSERT_TRUE(pay(checkout_com_account, g, d).ok());
  EXPECT_EQ(d.status(), v1::PAYMENT_STATUS_FAILURE);
  EXPECT_EQ(d.error().processor_code(), code) << d.DebugString();
}

TEST(Wallets, CheckoutComRefusedTokenAndMissingPublicKey) {
  auto r = base("checkout_com", "e2e-wallet-cko-bad", 1050, "USD", false);
  r.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      R"({"protocolVersion":"ECv2","signature":"c2ln","signedMessage":"not json"})");
  v1::Payment p;
  auto s = pay(checkout_com_account, r, p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "payment_method.google_pay.payment_token");

  // Credentials by metadata, without the public key.
  grpc::ClientContext c;
  c.AddMetadata("x-auth-secret-key", checkout_com_secret_key);
  c.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  r.mutable_payment_method()->mutable_google_pay()->set_payment_token(
      wt::google_pay_token(cko_card::visa, 12, 2030, cryptogram, "05"));
  auto missing = env().svc.payments->Authorize(&c, r, &p);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(missing);
  EXPECT_NE(missing.error_message().find("x-auth-public-key"), std::string::npos);
}

TEST(Wallets, CheckoutComNetworkTokensAndDecryptedWalletsAreNetworkTokenSources) {
  auto r = base("checkout_com", "e2e-wallet-cko-vts", 1050, "USD", false);
  decrypted(r.mutable_payment_method()->mutable_network_token(), cko_card::visa);
  v1::Payment p;
  auto s = pay(checkout_com_account, r, p);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_CHARGED) << p.DebugString();

  auto g = base("checkout_com", "e2e-wallet-cko-google-dec", 1050, "USD", true);
  decrypted(g.mutable_payment_method()->mutable_google_pay()->mutable_decrypted(),
            cko_card::declines.at(0).first);
  v1::Payment d;
  ASSERT_TRUE(pay(checkout_com_account, g, d).ok());
  EXPECT_EQ(d.status(), v1::PAYMENT_STATUS_FAILURE);
  EXPECT_EQ(d.error().processor_code(), cko_card::declines.at(0).second) << d.DebugString();
}

// --- connectors without wallets --------------------------------------------------------------

TEST(Wallets, ConnectorsWithoutWalletsRefuseThemNamingMethodAndConnector) {
  for (const auto& [connector, account, currency] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"razorpay", razorpay_account, "INR"},
           {"paypal", paypal_account, "USD"},
           {"braintree", braintree_account, "USD"}}) {
    auto r = base(connector, "e2e-wallet-refused-" + connector, 1000, currency, false);
    r.mutable_payment_method()->mutable_google_pay()->set_payment_token(
        wt::google_pay_token(visa, 12, 2030, cryptogram, "05"));
    v1::Payment p;
    auto s = pay(account, r, p);
    ASSERT_FALSE(s.ok()) << connector;
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << connector;
    EXPECT_EQ(meta(s, "field"), "payment_method") << connector;
    EXPECT_NE(s.error_message().find("the " + connector +
                                     " connector does not take "
                                     "payment_method.google_pay"),
              std::string::npos)
        << s.error_message();
  }
}

}  // namespace
}  // namespace e2e
