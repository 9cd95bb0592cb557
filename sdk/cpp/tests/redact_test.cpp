#include <gtest/gtest.h>

#include "connectorservice/v1/payment.pb.h"
#include "cs/sdk/redact.hpp"

namespace {

namespace v1 = connectorservice::v1;

TEST(Redact, MasksCardAndWalletSecretsInACopy) {
  v1::AuthorizeRequest req;
  req.set_connector("adyen");
  req.set_merchant_reference("r1");
  auto* card = req.mutable_payment_method()->mutable_card();
  card->set_number("4111 1111 1111 1111");
  card->set_cvc("737");
  card->set_holder_name("Jane");
  auto copy = cs::sdk::redact(req);
  EXPECT_EQ(copy.payment_method().card().number(), "411111\u20261111");
  EXPECT_EQ(copy.payment_method().card().cvc(), "[REDACTED]");
  EXPECT_EQ(copy.payment_method().card().holder_name(), "Jane");
  EXPECT_EQ(req.payment_method().card().cvc(), "737");  // the original is untouched

  v1::SetupMandateRequest apple;
  apple.mutable_payment_method()->mutable_apple_pay()->set_payment_token(R"({"data":"secret"})");
  EXPECT_EQ(cs::sdk::redact(apple).payment_method().apple_pay().payment_token(), "[REDACTED]");
  v1::AuthorizeRequest google;
  google.mutable_payment_method()->mutable_google_pay()->set_payment_token("gpay-secret");
  auto text = cs::sdk::redacted_text(google);
  EXPECT_EQ(text.find("gpay-secret"), std::string::npos) << text;
  EXPECT_NE(text.find("AuthorizeRequest{"), std::string::npos) << text;

  auto line = cs::sdk::redacted_text(req);
  EXPECT_EQ(line.find("4111 1111 1111 1111"), std::string::npos) << line;
  EXPECT_EQ(line.find("737"), std::string::npos) << line;
}

TEST(Redact, ShortNumbersAndEmptyFields) {
  v1::Card c;
  c.set_number("4111");
  EXPECT_EQ(cs::sdk::redact(c).number(), "[REDACTED]");
  v1::Card empty;
  EXPECT_EQ(cs::sdk::redact(empty).ByteSizeLong(), 0u);  // nothing set, nothing added
}

}  // namespace
