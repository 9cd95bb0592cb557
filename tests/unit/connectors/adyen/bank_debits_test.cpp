// authorize with SEPA Direct Debit and ACH Direct Debit: the paymentMethod shapes of Adyen's
// Checkout v71 (SepaDirectDebitDetails, AchDetails), what the connector refuses before any call
// (never with the IBAN or account number in the text), the currencies it declares, and how
// Adyen's Received answer and the AUTHORISATION notification read.
#include <boost/json.hpp>

#include "connectors/adyen/hmac_signature.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

namespace adyen = cs::connectors::adyen;

const std::string iban = "DE89370400440532013000";
const std::string account_number = "000123456789";
const std::string routing = "011000015";

sepa_debit sepa(std::string number = iban, std::string holder = "Anna Schmidt") {
  return sepa_debit{secret<std::string>(std::move(number)), std::move(holder)};
}

ach_debit ach(std::string number = account_number, std::string route = routing) {
  ach_debit d;
  d.account_number = secret<std::string>(std::move(number));
  d.routing_number = std::move(route);
  d.holder_name = "John Doe";
  return d;
}

authorize_request with(payment_method m, capture_method c = capture_method::automatic) {
  auto r = authorize_manual();
  r.capture = c;
  r.method = std::move(m);
  return r;
}

step_result<payment_result> build(const authorize_request& r) {
  auto c = creds();
  return descriptor().flows.authorize(r, flow_context{c, {}});
}

boost::json::object body_of(const authorize_request& r) {
  return boost::json::parse(request_of(build(r)).body).as_object();
}

TEST(AdyenBankDebits, SepaDebitIsSepaDirectDebitDetails) {
  auto body = body_of(with(sepa()));
  EXPECT_EQ(body.at("paymentMethod"),
            (boost::json::object{
                {"type", "sepadirectdebit"}, {"iban", iban}, {"ownerName", "Anna Schmidt"}}));
  EXPECT_FALSE(body.contains("mpiData"));
  EXPECT_FALSE(body.contains("additionalData"));  // automatic capture
  EXPECT_EQ(body.at("amount").at("currency"), "EUR");
}

TEST(AdyenBankDebits, AchDebitIsAchDetailsWithAdyensNamesForTheTypes) {
  auto body = body_of(with(ach()));
  EXPECT_EQ(body.at("paymentMethod"), (boost::json::object{{"type", "ach"},
                                                           {"bankAccountNumber", account_number},
                                                           {"bankLocationId", routing},
                                                           {"ownerName", "John Doe"},
                                                           {"bankAccountType", "checking"},
                                                           {"accountHolderType", "personal"}}));
  auto d = ach();
  d.account_type = bank_account_type::savings;
  d.holder_type = account_holder_type::company;
  const auto other = body_of(with(d));
  const auto& pm = other.at("paymentMethod");
  EXPECT_EQ(pm.at("bankAccountType"), "savings");
  EXPECT_EQ(pm.at("accountHolderType"), "business");
}

// Adyen offers separate captures for both debits (its payment-method pages): manual capture is
// sent as for cards, not refused.
TEST(AdyenBankDebits, ManualCaptureIsSentAsForCards) {
  for (payment_method m : {payment_method{sepa()}, payment_method{ach()}}) {
    auto body = body_of(with(m, capture_method::manual));
    EXPECT_EQ(body.at("additionalData").at("manualCapture"), "true");
  }
}

struct bad_debit {
  const char* name;
  payment_method method;
  const char* field;
};

TEST(AdyenBankDebits, BadDetailsAreRefusedNamingTheFieldNeverTheNumber) {
  auto nameless = sepa();
  nameless.holder_name.clear();
  auto ach_nameless = ach();
  ach_nameless.holder_name.clear();
  const bad_debit cases[] = {
      {"bad IBAN", sepa("DE89370400440532013001"), "payment_method.sepa_debit.iban"},
      {"empty IBAN", sepa(""), "payment_method.sepa_debit.iban"},
      {"no holder", nameless, "payment_method.sepa_debit.account_holder_name"},
      {"bad routing", ach(account_number, "011000016"), "payment_method.ach_debit.routing_number"},
      {"short account", ach("123"), "payment_method.ach_debit.account_number"},
      {"letters in account", ach("0001234x6789"), "payment_method.ach_debit.account_number"},
      {"ach no holder", ach_nameless, "payment_method.ach_debit.account_holder_name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto e = error_of(build(with(c.method)));
    EXPECT_EQ(e.code, error_code::invalid_argument);
    EXPECT_EQ(e.field, c.field);
    EXPECT_NE(e.message.find(c.field), std::string::npos) << e.message;
    for (const char* secret_part : {"DE89370400440532013", "0001234", "123x"})
      EXPECT_EQ(e.message.find(secret_part), std::string::npos) << e.message;
  }
}

TEST(AdyenBankDebits, DeclaredForEuroAndDollarOnly) {
  const auto& c = descriptor();
  const auto* s = method_entry(c, method_kind::sepa_debit);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->currencies, (std::vector<std::string_view>{"EUR"}));
  const auto* a = method_entry(c, method_kind::ach_debit);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->currencies, (std::vector<std::string_view>{"USD"}));
  auto wrong = check_method(c, sepa(), "USD");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.err().message,
            "amount.currency_code: sepa_debit through the adyen connector takes EUR; not USD");
  EXPECT_FALSE(check_method(c, ach(), "EUR").ok());
  EXPECT_TRUE(check_method(c, ach(), "USD").ok());
}

// Adyen answers Received while the bank has not answered: PENDING, nothing captured, no error.
TEST(AdyenBankDebits, ReceivedIsPendingNotCharged) {
  auto r = run(&flow_table::authorize, with(sepa()), 200,
               R"({"pspReference":"DBT0000000000001","resultCode":"Received",)"
               R"("amount":{"currency":"EUR","value":1000},"merchantReference":"order-1001",)"
               R"("paymentMethod":{"type":"sepadirectdebit"}})");
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, payment_status::pending);
  EXPECT_EQ(r->processor_status, "Received");
  EXPECT_EQ(r->connector_payment_id, "DBT0000000000001");
  EXPECT_FALSE(r->captured_amount.has_value());
  EXPECT_FALSE(r->error.has_value());
}

std::string authorisation(bool success, const std::string& reason) {
  adyen::notification_fields f{
      "DBT0000000000001",        "", merchant, "order-1001", "1000", "EUR", "AUTHORISATION",
      success ? "true" : "false"};
  boost::json::object item{
      {"pspReference", f.psp_reference},
      {"merchantAccountCode", f.merchant_account_code},
      {"merchantReference", f.merchant_reference},
      {"amount", {{"value", 1000}, {"currency", "EUR"}}},
      {"eventCode", "AUTHORISATION"},
      {"success", f.success},
      {"reason", reason},
      {"paymentMethod", "sepadirectdebit"},
      {"additionalData", {{"hmacSignature", adyen::hmac_signature(webhook_key, f)}}}};
  return boost::json::serialize(boost::json::object{
      {"live", "false"},
      {"notificationItems", boost::json::array{{{"NotificationRequestItem", item}}}}});
}

// The bank's answer arrives as AUTHORISATION: success is AUTHORIZED (the item does not say how
// the account captures), a refusal is FAILURE with Adyen's reason mapped to a decline code.
TEST(AdyenBankDebits, TheBanksAnswerArrivesAsAuthorisation) {
  webhook_request w;
  w.secret_key = secret<std::string>(webhook_key);
  w.body = authorisation(true, "");
  auto ok = descriptor().handle_webhook(w);
  ASSERT_TRUE(ok.ok()) << ok.err().message;
  ASSERT_EQ(ok->events.size(), 1u);
  EXPECT_EQ(ok->events[0].payment, payment_status::authorized);
  EXPECT_EQ(ok->events[0].connector_payment_id, "DBT0000000000001");

  w.body = authorisation(false, "Not enough balance");
  auto refused = descriptor().handle_webhook(w);
  ASSERT_TRUE(refused.ok()) << refused.err().message;
  const auto& e = refused->events.at(0);
  EXPECT_EQ(e.payment, payment_status::failure);
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(e.error->processor_message, "Not enough balance");
}

}  // namespace
}  // namespace adyen_test
