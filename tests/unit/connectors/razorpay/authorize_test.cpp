// authorize (two steps: order, then the card or UPI payment) driven step by step against golden
// requests and replies, and every validation that must fail before the order is created.
#include <boost/json.hpp>

#include "connectors/razorpay/currencies.hpp"
#include "connectors/registry.hpp"
#include "test_support.hpp"

namespace razorpay_test {
namespace {

flow_run<payment_result> authorize(const authorize_request& r, std::vector<http_response> replies) {
  return first_attempt(&cs::domain::flow_table::authorize, r, std::move(replies));
}

TEST(RazorpayIdentity, NameKeysAndBaseUrl) {
  const auto& c = cs::connectors::razorpay::descriptor();
  EXPECT_EQ(c.name, "razorpay");
  EXPECT_EQ(c.credential_keys, (std::vector<std::string_view>{"key_id", "key_secret"}));
  auto urls = c.base_urls;
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0].name, "default");
  EXPECT_EQ(urls[0].test_default, "https://api.razorpay.com");
  EXPECT_EQ(cs::connectors::builtin().find("razorpay"), &c);
}

TEST(RazorpayIdentity, SupportedCurrencies) {
  const auto& c = cs::connectors::razorpay::descriptor();
  // Zero- and three-decimal currencies too, since May 2024 (razorpay.com/docs/payments/
  // international-payments/#supported-currencies).
  for (auto code : {"INR", "USD", "EUR", "GBP", "SGD", "AED", "AUD", "CAD", "MYR", "ZAR", "JPY",
                    "KWD", "BHD", "ISK"})
    EXPECT_TRUE(supports_currency(c, code)) << code;
  for (auto code : {"LYD", "XAU", "XYZ", "inr"}) EXPECT_FALSE(supports_currency(c, code));
}

TEST(RazorpayAuthorize, CardStepOneCreatesTheOrder) {
  auto run = authorize(authorize_card(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_card_order");
}

TEST(RazorpayAuthorize, CardStepTwoCreatesThePaymentOnTheOrder) {
  auto run = authorize(authorize_card(), {reply(200, "order_created.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[1], "authorize_card_payment");
}

TEST(RazorpayAuthorize, CardEndsAuthenticationPendingWithTheBankPage) {
  auto run = authorize(authorize_card(), {reply(200, "order_created.response.json"),
                                          reply(200, "payment_create_card.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authentication_pending);
  EXPECT_EQ(p.connector_payment_id, pay_id);
  EXPECT_EQ(p.connector_operation_id, order_id);
  EXPECT_EQ(p.processor_status, "created");
  ASSERT_TRUE(p.redirect);
  EXPECT_EQ(p.redirect->url,
            std::string("https://api.razorpay.com/v1/payments/") + pay_id + "/authenticate");
  EXPECT_EQ(p.redirect->method, "GET");
  EXPECT_TRUE(p.redirect->form_fields.empty());
  ASSERT_TRUE(p.amount);
  EXPECT_EQ(*p.amount, (money{50000, "INR"}));
  EXPECT_EQ(p.merchant_reference, "order-7001");
  EXPECT_FALSE(p.error);
}

TEST(RazorpayAuthorize, UpiStepsUseTheIdempotencyKeyAsReceiptAndDefaultDeviceData) {
  auto run = authorize(authorize_upi(), {reply(200, "order_created.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[0], "authorize_upi_order");
  expect_golden_request(run.requests[1], "authorize_upi_payment");
}

TEST(RazorpayAuthorize, UpiEndsPendingWithoutRedirect) {
  auto run = authorize(authorize_upi(), {reply(200, "order_created.response.json"),
                                         reply(200, "payment_create_upi.response.json")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::pending);
  EXPECT_EQ(p.connector_payment_id, pay_id);
  EXPECT_EQ(p.connector_operation_id, order_id);
  EXPECT_FALSE(p.redirect);
}

TEST(RazorpayAuthorize, CardWithoutRedirectIsPending) {
  auto run = authorize(authorize_card(), {reply(200, "order_created.response.json"),
                                          json_reply(200, R"({"razorpay_payment_id":"pay_X1"})")});
  EXPECT_EQ(run.value().status, payment_status::pending);
  EXPECT_EQ(run.value().connector_payment_id, "pay_X1");
}

TEST(RazorpayAuthorize, AutomaticCaptureAsksTheOrderToCapture) {
  auto r = authorize_card();
  r.capture = capture_method::automatic;
  auto body = authorize(r, {}).requests.at(0).body;
  EXPECT_NE(body.find(R"("payment_capture":true)"), std::string::npos) << body;
}

TEST(RazorpayAuthorize, DeclineInStepTwoIsAFailureThatSaysTheOrderExists) {
  auto run = authorize(authorize_card(), {reply(200, "order_created.response.json"),
                                          reply(400, "error_400_declined.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  EXPECT_EQ(p.connector_operation_id, order_id);
  EXPECT_EQ(p.connector_payment_id, pay_id);
  EXPECT_EQ(p.processor_status, "failed");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::invalid_card);
  EXPECT_EQ(p.error->processor_code, "BAD_REQUEST_ERROR");
  EXPECT_EQ(p.error->decline_code_raw, "card_number_invalid");
  EXPECT_NE(p.error->processor_message.find(std::string("order ") + order_id + " exists"),
            std::string::npos)
      << p.error->processor_message;
  // Razorpay echoed the card number in its text: it never reaches the result.
  EXPECT_EQ(p.error->processor_message.find("4111 1111 1111 1111"), std::string::npos);
  EXPECT_NE(p.error->processor_message.find("[redacted]"), std::string::npos);
}

TEST(RazorpayAuthorize, RejectedPaymentCreateIsAnErrorThatNamesTheOrder) {
  auto run = authorize(authorize_card(), {reply(200, "order_created.response.json"),
                                          reply(400, "error_400_validation.response.json")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_EQ(e.field, "razorpay.contact");
  EXPECT_NE(e.message.find(std::string("Razorpay order ") + order_id + " exists"),
            std::string::npos)
      << e.message;
  expect_no_secrets(e);
}

// A 5xx on the payment create may have charged (Razorpay has no idempotency key there): the
// outcome is unknown, never a plain retryable UNAVAILABLE that invites a second charge.
TEST(RazorpayAuthorize, ServerErrorInStepTwoIsOutcomeUnknownAndNamesTheOrder) {
  auto run = authorize(authorize_upi(), {reply(200, "order_created.response.json"),
                                         reply(500, "error_500.response.json")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unknown);
  EXPECT_EQ(e.reason, reason::outcome_unknown);
  EXPECT_TRUE(e.retryable);
  EXPECT_NE(e.message.find(order_id), std::string::npos) << e.message;
}

// Found by fuzz_razorpay_replies: an order id that is not one (here: it carries the key secret)
// never reaches a later request or a message.
TEST(RazorpayAuthorize, MalformedOrderIdStopsTheFlowWithoutEchoingIt) {
  auto bad = std::string(R"({"id":"order_)") + key_secret + R"("})";
  auto run = authorize(authorize_card(), {json_reply(200, bad)});
  EXPECT_EQ(run.requests.size(), 1u);  // the order create only
  auto e = run.err();
  EXPECT_EQ(e.reason, reason::bad_processor_reply);
  expect_no_secrets(e);
  auto slash = authorize(authorize_card(), {json_reply(200, R"({"id":"order_1/../x"})")});
  EXPECT_EQ(slash.err().reason, reason::bad_processor_reply);
}

TEST(RazorpayAuthorize, FailedOrderStopsBeforeThePayment) {
  auto run = authorize(authorize_card(), {reply(401, "error_401.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_EQ(e.reason, reason::processor_auth_failed);
  expect_no_secrets(e);
}

TEST(RazorpayAuthorize, BelowTheMinimumFailsBeforeAnyCall) {
  auto r = authorize_card();
  r.amount = money{99, "INR"};
  auto run = authorize(r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "amount.minor_amount");
  r.amount = money{100, "INR"};
  EXPECT_EQ(authorize(r, {}).requests.size(), 1u);
}

TEST(RazorpayAuthorize, UnsupportedCurrencyFailsBeforeAnyCall) {
  auto r = authorize_card();
  r.amount = money{5000, "LYD"};
  EXPECT_EQ(authorize(r, {}).err().field, "amount.currency_code");
}

TEST(RazorpayAuthorize, ThreeDecimalAmountMustEndInZeroAndIsSentAsIs) {
  auto r = authorize_card();
  r.amount = money{99991, "KWD"};  // 99.991 KD: Razorpay says pass 99990, not 99991
  auto bad = authorize(r, {});
  EXPECT_TRUE(bad.requests.empty());
  EXPECT_EQ(bad.err().field, "amount.minor_amount");
  r.amount = money{99990, "KWD"};
  auto ok = authorize(r, {});
  ASSERT_EQ(ok.requests.size(), 1u);
  EXPECT_NE(ok.requests[0].body.find("\"amount\":99990"), std::string::npos) << ok.requests[0].body;
  r.amount = money{500, "JPY"};  // zero-decimal: 500 yen is 500
  auto yen = authorize(r, {});
  ASSERT_EQ(yen.requests.size(), 1u);
  EXPECT_NE(yen.requests[0].body.find("\"amount\":500"), std::string::npos);
}

TEST(RazorpayAuthorize, EveryExponentInTheTableIsIso) {
  // Razorpay's amount is the API's minor amount only because of this; writers rely on it.
  const auto& t = cs::connectors::razorpay::currencies();
  EXPECT_TRUE(t.sorted());
  for (const auto& rule : t.rules())
    EXPECT_EQ(rule.exponent, find_currency(rule.code)->exponent) << rule.code;
}

struct shopper_case {
  const char* field;
  void (*spoil)(authorize_request&);
};

class RazorpayShopperValidation : public ::testing::TestWithParam<shopper_case> {};

TEST_P(RazorpayShopperValidation, NamesTheFieldBeforeAnyCall) {
  auto r = authorize_card();
  GetParam().spoil(r);
  auto run = authorize(r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, GetParam().field);
  expect_no_secrets(e);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, RazorpayShopperValidation,
    ::testing::Values(
        shopper_case{"customer.email", [](authorize_request& r) { r.shopper.email.clear(); }},
        shopper_case{"customer.phone", [](authorize_request& r) { r.shopper.phone.clear(); }},
        shopper_case{"customer.ip_address",
                     [](authorize_request& r) { r.shopper.ip_address.clear(); }},
        shopper_case{"payment_method.card.holder_name",
                     [](authorize_request& r) {
                       auto c = test_card();
                       c.holder_name.clear();
                       r.method = c;
                       r.shopper.name.clear();
                     }},
        shopper_case{"payment_method.card.number",
                     [](authorize_request& r) {
                       auto c = test_card();
                       c.number = secret<std::string>("4111x11111111111");
                       r.method = c;
                     }},
        shopper_case{"payment_method.card.cvc",
                     [](authorize_request& r) {
                       auto c = test_card();
                       c.cvc = secret<std::string>("91");
                       r.method = c;
                     }},
        shopper_case{"payment_method.upi_collect.vpa",
                     [](authorize_request& r) { r.method = upi{"no-at-sign"}; }},
        shopper_case{"merchant_reference",
                     [](authorize_request& r) { r.merchant_reference = std::string(41, 'r'); }},
        shopper_case{"metadata", [](authorize_request& r) {
                       for (int i = 0; i < 15; ++i) r.metadata["k" + std::to_string(i)] = "v";
                     }}));

TEST(RazorpayAuthorize, HolderNameFallsBackToTheCustomerName) {
  auto r = authorize_card();
  auto c = test_card();
  c.holder_name.clear();
  r.method = c;
  r.shopper.name = "G Kumar";
  auto run = authorize(r, {reply(200, "order_created.response.json")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_NE(run.requests[1].body.find(R"("name":"G Kumar")"), std::string::npos);
}

TEST(RazorpayAuthorize, WalletsAndTokensAreRejected) {
  auto r = authorize_card();
  r.method = wallet::of(wallet_type::google_pay, "tok");
  EXPECT_EQ(authorize(r, {}).err().field, "payment_method");
  r.method = processor_token{"token_X"};
  EXPECT_EQ(authorize(r, {}).err().field, "payment_method");
  r.method = std::monostate{};
  EXPECT_EQ(authorize(r, {}).err().reason, reason::missing_field);
}

TEST(RazorpayAuthorize, LongIdempotencyKeyBecomesA40CharacterReceipt) {
  auto r = authorize_upi();
  r.idempotency_key = std::string(100, 'k');
  auto a = authorize(r, {}).requests.at(0);
  auto b = authorize(r, {}).requests.at(0);
  auto receipt = body_string(a, "receipt");
  EXPECT_EQ(receipt.size(), 40u);
  EXPECT_EQ(receipt, body_string(b, "receipt"));  // stable across retries
}

TEST(RazorpayAuthorize, MissingCredentialsNameTheKey) {
  credentials only_id;
  only_id.set("key_id", key_id);
  auto run = drive(&cs::domain::flow_table::authorize, authorize_card(), {}, only_id);
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_NE(e.message.find("key_secret"), std::string::npos);
}

TEST(RazorpayAuthorize, OnlyTheAuthorizationHeaderIsSensitiveAndNoIdempotencyHeader) {
  auto run = authorize(authorize_card(), {reply(200, "order_created.response.json")});
  for (auto& q : run.requests) {
    for (auto& h : q.headers) EXPECT_EQ(h.sensitive, h.name == "Authorization") << h.name;
    EXPECT_TRUE(q.idempotency_key.empty());  // Razorpay has no idempotency for payments
  }
}

}  // namespace
}  // namespace razorpay_test

namespace razorpay_test {
namespace {

authorize_request authorize_upi_intent() {
  auto r = authorize_upi();
  r.method = upi_intent{};
  return r;
}

constexpr const char* intent_reply =
    R"({"razorpay_payment_id":"pay_29QQoUBi66xm2f","next":[)"
    R"({"action":"intent","url":"upi://pay?pa=merchant@razorpay&pn=Shop&tr=29QQoUBi66xm2f&am=500.00&cu=INR"},)"
    R"({"action":"poll","url":"https://api.razorpay.com/v1/payments/pay_29QQoUBi66xm2f/status"}]})";

TEST(RazorpayUpiIntent, AsksForTheIntentFlowAndEndsPendingWithTheAppLink) {
  auto run = authorize(authorize_upi_intent(),
                       {reply(200, "order_created.response.json"), json_reply(200, intent_reply)});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].target, "/v1/payments/create/upi");
  auto body = boost::json::parse(run.requests[1].body).as_object();
  EXPECT_EQ(body.at("method"), "upi");
  EXPECT_EQ(body.at("upi"), (boost::json::object{{"flow", "intent"}}));
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::pending);
  EXPECT_EQ(p.connector_payment_id, "pay_29QQoUBi66xm2f");
  EXPECT_EQ(p.deep_link,
            "upi://pay?pa=merchant@razorpay&pn=Shop&tr=29QQoUBi66xm2f&am=500.00&cu=INR");
  EXPECT_FALSE(p.redirect);
}

TEST(RazorpayUpiIntent, AReplyWithoutAUpiLinkIsABadReplyNamingThePayment) {
  for (
      const char* body :
      {R"({"razorpay_payment_id":"pay_29QQoUBi66xm2f"})",
       R"({"razorpay_payment_id":"pay_29QQoUBi66xm2f","next":[{"action":"intent","url":"https://x"}]})"}) {
    auto run = authorize(authorize_upi_intent(),
                         {reply(200, "order_created.response.json"), json_reply(200, body)});
    ASSERT_TRUE(run.outcome && !run.outcome->ok()) << body;
    EXPECT_EQ(run.outcome->err().reason, reason::bad_processor_reply);
    EXPECT_NE(run.outcome->err().message.find("pay_29QQoUBi66xm2f"), std::string::npos);
  }
}

TEST(RazorpayUpiIntent, IsNotAMandateMethod) {
  setup_mandate_request r;
  r.idempotency_key = "idem-m";
  r.merchant_reference = "m-1";
  r.method = upi_intent{};
  r.amount = money{100, "INR"};
  auto c = creds();
  auto s = cs::connectors::razorpay::descriptor().flows.setup_mandate(r, flow_context{c, {}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().field, "payment_method");
}

}  // namespace
}  // namespace razorpay_test
