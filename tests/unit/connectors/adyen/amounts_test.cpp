// Amounts in Adyen's units: every currency whose decimals differ from ISO 4217 (CLP, CVE, IDR,
// ISK) converts exactly both ways, and an amount Adyen cannot take is refused before any call.
#include <boost/json.hpp>

#include "connectors/adyen/currencies.hpp"
#include "connectors/adyen/hmac_signature.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

namespace adyen = cs::connectors::adyen;

struct wire_case {
  const char* currency;
  std::int64_t iso_minor;  // what the client sends
  std::int64_t adyen;      // what Adyen's "value" holds
};

// docs.adyen.com/development-resources/currency-codes: CLP 2 (ISO 0), CVE 0 (ISO 2), IDR 0 (ISO
// 2), ISK 2 (ISO 0); EUR, JPY and KWD as ISO.
const wire_case cases[] = {
    {"CLP", 5000, 500000}, {"ISK", 1250, 125000}, {"CVE", 1000, 10},   {"IDR", 1500000, 15000},
    {"EUR", 1234, 1234},   {"JPY", 500, 500},     {"KWD", 1005, 1005},
};

class AdyenWireAmount : public ::testing::TestWithParam<wire_case> {};

std::int64_t body_value(const http_request& r) {
  auto body = boost::json::parse(r.body).as_object();
  return body.at("amount").at("value").as_int64();
}

TEST_P(AdyenWireAmount, AuthorizeSendsAdyenUnitsAndReadsThemBack) {
  auto [currency, iso, units] = GetParam();
  auto req = authorize_manual();
  req.amount = money{iso, currency};
  const auto& c = cs::connectors::adyen::descriptor();
  auto cr = creds();
  auto first = c.flows.authorize(req, flow_context{cr, {}});
  ASSERT_TRUE(first.ok()) << first.err().message;
  EXPECT_EQ(body_value(request_of(first)), units);
  auto reply = boost::json::serialize(
      boost::json::object{{"pspReference", "QFQTPCQ8HXSKGK82"},
                          {"resultCode", "Authorised"},
                          {"amount", {{"currency", currency}, {"value", units}}},
                          {"merchantReference", "order-1001"}});
  auto p = run(&cs::domain::flow_table::authorize, req, 200, reply);
  ASSERT_TRUE(p.ok()) << p.err().message;
  ASSERT_TRUE(p->amount);
  EXPECT_EQ(*p->amount, (money{iso, currency}));
}

TEST_P(AdyenWireAmount, CaptureAndRefundSendAdyenUnits) {
  auto [currency, iso, units] = GetParam();
  capture_request cap;
  cap.idempotency_key = "k-cap";
  cap.connector_payment_id = "QFQTPCQ8HXSKGK82";
  cap.amount_to_capture = money{iso, currency};
  auto cr = creds();
  auto s = cs::connectors::adyen::descriptor().flows.capture(cap, flow_context{cr, {}});
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_EQ(body_value(request_of(s)), units);
  refund_request ref;
  ref.idempotency_key = "k-ref";
  ref.connector_payment_id = "QFQTPCQ8HXSKGK82";
  ref.amount = money{iso, currency};
  auto r = cs::connectors::adyen::descriptor().flows.refund(ref, flow_context{cr, {}});
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(body_value(request_of(r)), units);
}

TEST_P(AdyenWireAmount, WebhookAmountComesBackInIsoMinorUnits) {
  auto [currency, iso, units] = GetParam();
  adyen::notification_fields f{"PSP0000000000001",    "",       merchant,        "ref-9",
                               std::to_string(units), currency, "AUTHORISATION", "true"};
  boost::json::object item{
      {"pspReference", f.psp_reference},
      {"merchantAccountCode", f.merchant_account_code},
      {"merchantReference", f.merchant_reference},
      {"amount", {{"value", units}, {"currency", currency}}},
      {"eventCode", f.event_code},
      {"success", f.success},
      {"additionalData", {{"hmacSignature", adyen::hmac_signature(webhook_key, f)}}}};
  webhook_request w;
  w.body = boost::json::serialize(boost::json::object{
      {"live", "false"},
      {"notificationItems",
       boost::json::array{boost::json::object{{"NotificationRequestItem", item}}}}});
  w.secret_key = secret<std::string>(webhook_key);
  auto r = cs::connectors::adyen::descriptor().handle_webhook(w);
  ASSERT_TRUE(r.ok()) << r.err().message;
  ASSERT_EQ(r->events.size(), 1u);
  ASSERT_TRUE(r->events[0].amount);
  EXPECT_EQ(*r->events[0].amount, (money{iso, currency}));
}

INSTANTIATE_TEST_SUITE_P(Table, AdyenWireAmount, ::testing::ValuesIn(cases),
                         [](const auto& info) { return std::string(info.param.currency); });

TEST(AdyenAmounts, FractionOfAWholeUnitCurrencyIsRefusedNamingTheField) {
  // CVE and IDR are whole units at Adyen: 10.50 CVE cannot be sent, and is never rounded.
  for (auto [currency, minor] : {std::pair{"CVE", 1050}, std::pair{"IDR", 1500001}}) {
    auto req = authorize_manual();
    req.amount = money{minor, currency};
    auto e = error_of(
        cs::connectors::adyen::descriptor().flows.authorize(req, flow_context{creds(), {}}));
    EXPECT_EQ(e.code, error_code::invalid_argument) << currency;
    EXPECT_EQ(e.field, "amount.minor_amount") << currency;
    EXPECT_NE(e.message.find("multiple of 100"), std::string::npos) << e.message;
  }
  capture_request cap;
  cap.idempotency_key = "k";
  cap.connector_payment_id = "QFQTPCQ8HXSKGK82";
  cap.amount_to_capture = money{1001, "CVE"};
  auto cr = creds();
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.capture(cap, flow_context{cr, {}})).field,
      "amount_to_capture.minor_amount");
}

TEST(AdyenAmounts, TableHoldsTheDocumentedDifferences) {
  const auto& t = adyen::currencies();
  EXPECT_TRUE(t.sorted());
  EXPECT_EQ(t.find("CLP")->exponent, 2);
  EXPECT_EQ(t.find("CVE")->exponent, 0);
  EXPECT_EQ(t.find("IDR")->exponent, 0);
  EXPECT_EQ(t.find("ISK")->exponent, 2);
  int differing = 0;
  for (const auto& r : t.rules())
    if (find_currency(r.code)->exponent != r.exponent) ++differing;
  EXPECT_EQ(differing, 4);  // exactly the four Adyen names
}

}  // namespace
}  // namespace adyen_test
