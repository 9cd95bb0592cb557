#include <gtest/gtest.h>

#include "connectorservice/v1/payment.pb.h"
#include "cs/sdk/error.hpp"
#include "cs/sdk/redact.hpp"

namespace {

namespace v1 = connectorservice::v1;
using strings = std::vector<std::string>;

constexpr const char* dpan = "4895370012003478";
constexpr const char* cryptogram = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";
constexpr const char* iban = "NL91ABNA0417164300";

void fill(v1::NetworkToken* t) {
  t->set_number(dpan);
  t->set_expiry_month(12);
  t->set_expiry_year(2030);
  t->set_cryptogram(cryptogram);
  t->set_eci("05");
  t->set_holder_name("J. Doe");
}

v1::AuthorizeRequest authorize() {
  v1::AuthorizeRequest req;
  req.set_connector("adyen");
  req.mutable_amount()->set_minor_amount(1000);
  req.mutable_amount()->set_currency_code("EUR");
  return req;
}

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

TEST(RedactMethods, NetworkTokenNumberAndCryptogram) {
  auto req = authorize();
  fill(req.mutable_payment_method()->mutable_network_token());
  auto copy = cs::sdk::redact(req);
  const auto& t = copy.payment_method().network_token();
  EXPECT_EQ(t.number(), "489537\u20263478");
  EXPECT_EQ(t.cryptogram(), "[REDACTED]");
  EXPECT_EQ(t.eci(), "05");
  EXPECT_EQ(t.holder_name(), "J. Doe");
  EXPECT_EQ(t.expiry_year(), 2030u);
  EXPECT_EQ(req.payment_method().network_token().number(), dpan);  // the original is untouched
  EXPECT_EQ(req.payment_method().network_token().cryptogram(), cryptogram);
  EXPECT_EQ(cs::sdk::secrets_of(req), (strings{dpan, cryptogram}));
  auto line = cs::sdk::redacted_text(req);
  EXPECT_EQ(line.find(dpan), std::string::npos) << line;
  EXPECT_EQ(line.find(cryptogram), std::string::npos) << line;
}

TEST(RedactMethods, DecryptedWalletTokensStayInTheirOneofArm) {
  auto req = authorize();
  auto* apple = req.mutable_payment_method()->mutable_apple_pay();
  fill(apple->mutable_decrypted());
  apple->set_network("Visa");
  apple->set_display_name("Visa 0326");
  apple->set_transaction_identifier("tx-1");
  auto copy = cs::sdk::redact(req);
  const auto& a = copy.payment_method().apple_pay();
  // Writing payment_token (even "") would switch the oneof and drop the decrypted token.
  ASSERT_EQ(a.data_case(), v1::ApplePay::kDecrypted);
  EXPECT_EQ(a.decrypted().number(), "489537\u20263478");
  EXPECT_EQ(a.decrypted().cryptogram(), "[REDACTED]");
  EXPECT_EQ(a.network(), "Visa");
  EXPECT_EQ(a.display_name(), "Visa 0326");
  EXPECT_EQ(a.transaction_identifier(), "tx-1");
  EXPECT_EQ(req.payment_method().apple_pay().decrypted().number(), dpan);
  EXPECT_EQ(req.payment_method().apple_pay().decrypted().cryptogram(), cryptogram);
  EXPECT_EQ(cs::sdk::secrets_of(req), (strings{dpan, cryptogram}));

  v1::SetupMandateRequest google;
  fill(google.mutable_payment_method()->mutable_google_pay()->mutable_decrypted());
  auto g = cs::sdk::redact(google).payment_method().google_pay();
  ASSERT_EQ(g.data_case(), v1::GooglePay::kDecrypted);
  EXPECT_EQ(g.decrypted().cryptogram(), "[REDACTED]");

  v1::AuthorizeRequest token = authorize();
  token.mutable_payment_method()->mutable_apple_pay()->set_payment_token(R"({"data":"secret"})");
  auto t = cs::sdk::redact(token).payment_method().apple_pay();
  EXPECT_EQ(t.data_case(), v1::ApplePay::kPaymentToken);
  EXPECT_EQ(t.payment_token(), "[REDACTED]");
  EXPECT_EQ(cs::sdk::secrets_of(token), (strings{R"({"data":"secret"})"}));
}

TEST(RedactMethods, SepaIbanKeepsCountryCheckDigitsAndLastFour) {
  for (auto [in, out] : std::vector<std::pair<std::string, std::string>>{
           {iban, "NL91\u20264300"},
           {"nl91 abna 0417 1643 00", "NL91\u20264300"},
           {"NO9386011117947", "NO93\u20267947"},  // the shortest IBAN: 15 characters
           {"NL91ABNA04", "[REDACTED]"}}) {
    auto req = authorize();
    auto* sepa = req.mutable_payment_method()->mutable_sepa_debit();
    sepa->set_iban(in);
    sepa->set_account_holder_name("J. Doe");
    auto copy = cs::sdk::redact(req);
    EXPECT_EQ(copy.payment_method().sepa_debit().iban(), out) << in;
    EXPECT_EQ(copy.payment_method().sepa_debit().account_holder_name(), "J. Doe");
    EXPECT_EQ(req.payment_method().sepa_debit().iban(), in);
    EXPECT_EQ(cs::sdk::secrets_of(req), (strings{in}));
  }
}

TEST(RedactMethods, AchAccountNumberKeepsLastFour) {
  for (auto [in, out] : std::vector<std::pair<std::string, std::string>>{
           {"000123456789", "\u20266789"}, {"123456", "\u20263456"}, {"12345", "[REDACTED]"}}) {
    auto req = authorize();
    auto* ach = req.mutable_payment_method()->mutable_ach_debit();
    ach->set_account_number(in);
    ach->set_routing_number("110000000");
    ach->set_account_type(v1::BANK_ACCOUNT_TYPE_SAVINGS);
    ach->set_account_holder_name("J. Doe");
    auto copy = cs::sdk::redact(req);
    EXPECT_EQ(copy.payment_method().ach_debit().account_number(), out) << in;
    EXPECT_EQ(copy.payment_method().ach_debit().routing_number(), "110000000");
    EXPECT_EQ(copy.payment_method().ach_debit().account_type(), v1::BANK_ACCOUNT_TYPE_SAVINGS);
    EXPECT_EQ(req.payment_method().ach_debit().account_number(), in);
    EXPECT_EQ(cs::sdk::secrets_of(req), (strings{in}));
  }
}

TEST(RedactMethods, MethodsWithoutSecretsAndOrderDetailsAreLeftAlone) {
  auto req = authorize();
  req.mutable_payment_method()->mutable_ideal()->set_bank("ABNANL2A");
  auto* line = req.mutable_order()->add_line_items();
  line->set_name("Shoe");
  line->set_quantity(1);
  line->set_unit_amount(1000);
  req.mutable_order()->mutable_billing_address()->set_country("NL");
  req.mutable_customer()->set_user_agent("Mozilla/5.0");
  EXPECT_EQ(cs::sdk::redact(req).SerializeAsString(), req.SerializeAsString());
  EXPECT_TRUE(cs::sdk::secrets_of(req).empty());
  req.mutable_payment_method()->mutable_klarna();
  EXPECT_EQ(cs::sdk::redact(req).SerializeAsString(), req.SerializeAsString());
}

TEST(RedactMethods, ErrorTextsLoseTheRequestsSecrets) {
  auto req = authorize();
  req.mutable_payment_method()->mutable_sepa_debit()->set_iban(iban);
  auto e = cs::sdk::error::client(grpc::StatusCode::INVALID_ARGUMENT, "PROCESSOR_REJECTED",
                                  std::string("iban ") + iban + " refused, again " + iban);
  e.metadata["processorMessage"] = std::string("bad ") + iban;
  e.processor_message = e.metadata["processorMessage"];
  cs::sdk::scrub_secrets(e, cs::sdk::secrets_of(req));
  EXPECT_EQ(e.message, "iban [REDACTED] refused, again [REDACTED]");
  EXPECT_EQ(e.metadata["processorMessage"], "bad [REDACTED]");
  EXPECT_EQ(e.processor_message, "bad [REDACTED]");
}

}  // namespace
