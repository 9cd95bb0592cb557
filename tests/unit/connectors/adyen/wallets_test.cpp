// authorize with Apple Pay, Google Pay and network tokens: the paymentMethod and mpiData Adyen's
// Checkout v71 takes for each form, and validation before any call.
#include <boost/json.hpp>

#include "connectors/common/crypto.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

constexpr const char* apple_token = R"({"version":"EC_v1","data":"ZGF0YQ==","signature":"c2ln"})";
constexpr const char* google_token = R"({"protocolVersion":"ECv2","signature":"c2ln"})";
constexpr const char* cryptogram = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";

boost::json::object body_of(const authorize_request& r) {
  auto c = creds();
  auto s = descriptor().flows.authorize(r, flow_context{c, {}});
  return boost::json::parse(request_of(s).body).as_object();
}

authorize_request with(payment_method m) {
  auto r = authorize_manual();
  r.method = std::move(m);
  return r;
}

network_token dpan(token_origin origin) {
  return network_token{secret<std::string>("4111111111111111"),
                       3,
                       2030,
                       secret<std::string>(cryptogram),
                       "07",
                       "A Holder",
                       origin};
}

TEST(AdyenWallets, ApplePayTokenIsSentAsBase64OfPaymentData) {
  auto body = body_of(with(wallet::of(wallet_type::apple_pay, apple_token)));
  const auto& pm = body.at("paymentMethod").as_object();
  EXPECT_EQ(pm.at("type"), "applepay");
  auto decoded = cs::connectors::base64_decode(pm.at("applePayToken").as_string());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, apple_token);
  EXPECT_FALSE(body.contains("mpiData"));
}

TEST(AdyenWallets, GooglePayTokenIsSentAsItsJsonText) {
  auto body = body_of(with(wallet::of(wallet_type::google_pay, google_token)));
  const auto& pm = body.at("paymentMethod").as_object();
  EXPECT_EQ(pm.at("type"), "googlepay");
  EXPECT_EQ(pm.at("googlePayToken"), google_token);
}

TEST(AdyenWallets, DecryptedApplePayIsASchemePaymentOfTheWalletBrandWithMpiData) {
  auto body = body_of(with(dpan(token_origin::apple_pay)));
  const auto& pm = body.at("paymentMethod").as_object();
  EXPECT_EQ(pm.at("type"), "scheme");
  EXPECT_EQ(pm.at("brand"), "applepay");
  EXPECT_EQ(pm.at("number"), "4111111111111111");
  EXPECT_EQ(pm.at("expiryMonth"), "03");
  EXPECT_EQ(pm.at("expiryYear"), "2030");
  const auto& mpi = body.at("mpiData").as_object();
  EXPECT_EQ(mpi.at("cavv"), cryptogram);
  EXPECT_EQ(mpi.at("eci"), "07");
  EXPECT_EQ(mpi.at("directoryResponse"), "Y");
  EXPECT_EQ(mpi.at("authenticationResponse"), "Y");
  EXPECT_EQ(body_of(with(dpan(token_origin::google_pay))).at("paymentMethod").at("brand"),
            "googlepay");
}

TEST(AdyenWallets, TokenServiceNetworkTokenCarriesTheCryptogramAsTavv) {
  auto body = body_of(with(dpan(token_origin::token_service)));
  const auto& pm = body.at("paymentMethod").as_object();
  EXPECT_EQ(pm.at("type"), "networkToken");
  EXPECT_FALSE(pm.contains("brand"));
  const auto& mpi = body.at("mpiData").as_object();
  EXPECT_EQ(mpi.at("tokenAuthenticationVerificationValue"), cryptogram);
  EXPECT_EQ(mpi.at("eci"), "07");
  EXPECT_FALSE(mpi.contains("cavv"));
}

TEST(AdyenWallets, ABadNetworkTokenIsRefusedNamingTheFieldNeverTheValue) {
  auto t = dpan(token_origin::token_service);
  t.number = secret<std::string>("4111111111111112");  // fails Luhn
  auto e = error_of(descriptor().flows.authorize(with(t), flow_context{creds(), {}}));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "payment_method.network_token.number");
  EXPECT_EQ(e.message.find("4111"), std::string::npos) << e.message;
  t = dpan(token_origin::token_service);
  t.eci = "7";
  EXPECT_EQ(error_of(descriptor().flows.authorize(with(t), flow_context{creds(), {}})).field,
            "payment_method.network_token.eci");
}

}  // namespace
}  // namespace adyen_test
