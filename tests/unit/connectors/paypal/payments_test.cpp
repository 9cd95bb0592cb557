// The PayPal flows against canned replies in PayPal's wire format: the order with the card, the
// authorize/capture call PayPal may leave to the merchant, payer action (3-D Secure), declines,
// and modifications that act on the order's authorization or capture.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace paypal_test {
namespace {

constexpr const char* order_id = "5O190127TN364715T";

std::string order(std::string_view status, std::string_view payments = "",
                  std::string_view intent = "AUTHORIZE") {
  return fmt::format(
      R"({{"id":"{}","intent":"{}","status":"{}","purchase_units":[{{"reference_id":"default",)"
      R"("custom_id":"order-1001","amount":{{"currency_code":"USD","value":"10.50"}}{}}}],)"
      R"("links":[{{"href":"https://www.sandbox.paypal.com/webapps/helios?action=verify&flow=3ds&cart_id={}",)"
      R"("rel":"payer-action","method":"GET"}}]}})",
      order_id, intent, status,
      payments.empty() ? "" : fmt::format(R"(,"payments":{{{}}})", payments), order_id);
}

const std::string authorized = order(
    "COMPLETED",
    R"("authorizations":[{"id":"0AW2184448108334S","status":"CREATED","amount":{"currency_code":"USD","value":"10.50"}}])");

TEST(PayPalAuthorize, OrderCarriesTheCardAndTheIntent) {
  auto run = drive(&flow_table::authorize, card_authorize(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& r = run.requests[0];
  EXPECT_EQ(r.step, "order");
  EXPECT_EQ(r.method, http_method::post);
  EXPECT_EQ(r.target, "/v2/checkout/orders");
  EXPECT_EQ(header(r, "Authorization"), std::string("Bearer ") + token);
  EXPECT_TRUE(sensitive(r, "Authorization"));
  EXPECT_EQ(header(r, "PayPal-Request-Id"), "idem-1");
  EXPECT_EQ(r.idempotency_key, "idem-1");
  EXPECT_EQ(header(r, "Prefer"), "return=representation");
  auto b = body_of(r).as_object();
  EXPECT_EQ(b.at("intent").as_string(), "AUTHORIZE");
  auto unit = b.at("purchase_units").as_array().at(0).as_object();
  EXPECT_EQ(unit.at("custom_id").as_string(), "order-1001");
  EXPECT_EQ(unit.at("amount").at("value").as_string(), "10.50");
  EXPECT_EQ(unit.at("amount").at("currency_code").as_string(), "USD");
  auto card = b.at("payment_source").at("card").as_object();
  EXPECT_EQ(card.at("number").as_string(), "4012888888881881");
  EXPECT_EQ(card.at("expiry").as_string(), "2030-03");
  EXPECT_EQ(card.at("security_code").as_string(), "123");
  EXPECT_EQ(card.at("name").as_string(), "Asha Rao");
  EXPECT_EQ(card.at("experience_context").at("return_url").as_string(),
            "https://shop.example/return");
  auto automatic = drive(&flow_table::authorize, card_authorize(capture_method::automatic), {});
  EXPECT_EQ(body_of(automatic.requests.at(0)).at("intent").as_string(), "CAPTURE");
}

TEST(PayPalAuthorize, CompletedOrderWithAnAuthorizationIsAuthorized) {
  auto run = drive(&flow_table::authorize, card_authorize(), {json_reply(201, authorized)});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authorized);
  EXPECT_EQ(p.connector_payment_id, order_id);
  EXPECT_EQ(p.connector_operation_id, "0AW2184448108334S");
  EXPECT_EQ(p.processor_status, "CREATED");
  EXPECT_EQ(p.amount, (money{1050, "USD"}));
  EXPECT_EQ(p.merchant_reference, "order-1001");
}

TEST(PayPalAuthorize, OrderLeftToTheMerchantIsAuthorizedInANamedSecondStep) {
  auto run = drive(&flow_table::authorize, card_authorize(),
                   {json_reply(201, order("APPROVED")), json_reply(201, authorized)});
  ASSERT_EQ(run.requests.size(), 2u);
  const auto& second = run.requests[1];
  EXPECT_EQ(second.step, "authorize");
  EXPECT_EQ(second.target, std::string("/v2/checkout/orders/") + order_id + "/authorize");
  EXPECT_EQ(header(second, "PayPal-Request-Id"), "idem-1:authorize");
  EXPECT_EQ(run.value().status, payment_status::authorized);
}

TEST(PayPalAuthorize, CaptureIntentEndsCharged) {
  auto captured = order(
      "COMPLETED",
      R"("captures":[{"id":"3C679366HH908993F","status":"COMPLETED","amount":{"currency_code":"USD","value":"10.50"}}])",
      "CAPTURE");
  auto run = drive(&flow_table::authorize, card_authorize(capture_method::automatic),
                   {json_reply(201, order("CREATED", "", "CAPTURE")), json_reply(201, captured)});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].step, "capture");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::charged);
  EXPECT_EQ(p.connector_operation_id, "3C679366HH908993F");
  EXPECT_EQ(p.captured_amount, (money{1050, "USD"}));
}

TEST(PayPalAuthorize, PayerActionIsAuthenticationPendingWithTheLink) {
  auto run = drive(&flow_table::authorize, card_authorize(),
                   {json_reply(200, order("PAYER_ACTION_REQUIRED"))});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authentication_pending);
  ASSERT_TRUE(p.redirect);
  EXPECT_NE(p.redirect->url.find("flow=3ds"), std::string::npos);
  EXPECT_EQ(p.redirect->method, "GET");
}

TEST(PayPalAuthorize, DeclinedCaptureCarriesTheResponseCode) {
  auto declined = order(
      "COMPLETED",
      R"("captures":[{"id":"3C6","status":"DECLINED","processor_response":{"response_code":"5120"},"amount":{"currency_code":"USD","value":"10.50"}}])",
      "CAPTURE");
  auto run = drive(&flow_table::authorize, card_authorize(capture_method::automatic),
                   {json_reply(201, declined)});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p.error->processor_code, "5120");
}

TEST(PayPalAuthorize, InstrumentDeclinedIsADeclineNotAnError) {
  auto run = drive(
      &flow_table::authorize, card_authorize(),
      {json_reply(201, order("APPROVED")),
       json_reply(
           422,
           R"({"name":"UNPROCESSABLE_ENTITY","message":"The requested action could not be performed.",
                           "debug_id":"b1f2c3","details":[{"issue":"INSTRUMENT_DECLINED",
                           "description":"The instrument presented was either declined by the processor or bank."}]})")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  EXPECT_EQ(p.connector_payment_id, order_id);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->processor_code, "INSTRUMENT_DECLINED");
}

TEST(PayPalAuthorize, ValidationBeforeAnyCall) {
  auto r = card_authorize();
  r.amount = money{150050, "HUF"};
  auto run = drive(&flow_table::authorize, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "amount.minor_amount");
  r = card_authorize();
  r.method = upi{"asha@okbank"};
  EXPECT_EQ(drive(&flow_table::authorize, r, {}).err().field, "payment_method");
  r = card_authorize();
  r.idempotency_key.clear();
  EXPECT_EQ(drive(&flow_table::authorize, r, {}).err().field, "idempotency_key");
}

TEST(PayPalErrors, ProcessorErrorsKeepDebugIdAndNeverTheTokenOrCard) {
  auto run = drive(
      &flow_table::authorize, card_authorize(),
      {json_reply(500, std::string(R"({"name":"INTERNAL_SERVER_ERROR","message":"token )") + token +
                           R"( card 4012888888881881","debug_id":"90957fca61718"})")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_TRUE(e.retryable);
  EXPECT_NE(e.message.find("90957fca61718"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find(token), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find("4012888888881881"), std::string::npos) << e.message;
  auto missing = drive(&flow_table::get_payment, get_payment_request{order_id, ""},
                       {json_reply(404, R"({"name":"RESOURCE_NOT_FOUND","message":"x"})")});
  EXPECT_EQ(missing.err().code, error_code::not_found);
}

TEST(PayPalErrors, OrderAnsweredWithoutABodyIsABadReply) {
  // Found by fuzz_paypal_replies: an empty 2xx to the order call.
  auto run = drive(&flow_table::authorize, card_authorize(), {json_reply(201, "")});
  EXPECT_EQ(run.err().reason, reason::bad_processor_reply);
}

TEST(PayPalGetPayment, ReadsTheOrder) {
  auto run = drive(&flow_table::get_payment, get_payment_request{order_id, ""},
                   {json_reply(200, authorized)});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.requests[0].method, http_method::get);
  EXPECT_EQ(run.requests[0].target, std::string("/v2/checkout/orders/") + order_id);
  EXPECT_EQ(run.value().status, payment_status::authorized);
  EXPECT_EQ(drive(&flow_table::get_payment, get_payment_request{"../x", ""}, {}).err().field,
            "connector_payment_id");
}

TEST(PayPalCapture, PartialCaptureActsOnTheOrdersAuthorization) {
  capture_request c;
  c.idempotency_key = "cap-1";
  c.connector_payment_id = order_id;
  c.amount_to_capture = money{400, "USD"};
  c.payment_amount = money{1050, "USD"};
  auto run = drive(
      &flow_table::capture, c,
      {json_reply(200, authorized),
       json_reply(
           201,
           R"({"id":"2GG279541U471931P","status":"COMPLETED","amount":{"currency_code":"USD","value":"4.00"}})")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[0].step, "order");
  EXPECT_EQ(run.requests[1].step, "capture");
  EXPECT_EQ(run.requests[1].target, "/v2/payments/authorizations/0AW2184448108334S/capture");
  EXPECT_EQ(header(run.requests[1], "PayPal-Request-Id"), "cap-1");
  auto b = body_of(run.requests[1]).as_object();
  EXPECT_EQ(b.at("amount").at("value").as_string(), "4.00");
  EXPECT_FALSE(b.at("final_capture").as_bool());
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::partially_charged);
  EXPECT_EQ(p.connector_payment_id, order_id);
  EXPECT_EQ(p.captured_amount, (money{400, "USD"}));
  c.amount_to_capture = money{2000, "USD"};
  EXPECT_EQ(drive(&flow_table::capture, c, {}).err().field, "amount_to_capture.minor_amount");
}

TEST(PayPalVoid, NoContentIsVoided) {
  void_request v;
  v.connector_payment_id = order_id;
  auto run =
      drive(&flow_table::void_payment, v, {json_reply(200, authorized), json_reply(204, "")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].target, "/v2/payments/authorizations/0AW2184448108334S/void");
  EXPECT_TRUE(run.requests[1].idempotency_key.empty());
  EXPECT_EQ(run.value().status, payment_status::voided);
  auto no_auth = drive(&flow_table::void_payment, v, {json_reply(200, order("CREATED"))});
  EXPECT_EQ(no_auth.err().code, error_code::failed_precondition);
}

TEST(PayPalRefund, RefundsTheOrdersCapture) {
  refund_request r;
  r.idempotency_key = "ref-1";
  r.connector_payment_id = order_id;
  r.amount = money{300, "USD"};
  r.payment_amount = money{1050, "USD"};
  auto captured = order(
      "COMPLETED",
      R"("captures":[{"id":"3C679366HH908993F","status":"COMPLETED","amount":{"currency_code":"USD","value":"10.50"}}])",
      "CAPTURE");
  auto run = drive(
      &flow_table::refund, r,
      {json_reply(200, captured),
       json_reply(
           201,
           R"({"id":"1JU08902781691411","status":"COMPLETED","amount":{"currency_code":"USD","value":"3.00"}})")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].target, "/v2/payments/captures/3C679366HH908993F/refund");
  EXPECT_EQ(header(run.requests[1], "PayPal-Request-Id"), "ref-1");
  const auto& out = run.value();
  EXPECT_EQ(out.status, refund_status::success);
  EXPECT_EQ(out.connector_refund_id, "1JU08902781691411");
  EXPECT_EQ(out.amount, (money{300, "USD"}));
  auto uncaptured = drive(&flow_table::refund, r, {json_reply(200, authorized)});
  EXPECT_EQ(uncaptured.err().code, error_code::failed_precondition);
}

TEST(PayPalGetRefund, ReadsTheRefund) {
  auto run = drive(
      &flow_table::get_refund, get_refund_request{"1JU08902781691411", order_id},
      {json_reply(
          200,
          R"({"id":"1JU08902781691411","status":"PENDING","amount":{"currency_code":"USD","value":"3.00"}})")});
  EXPECT_EQ(run.requests.at(0).target, "/v2/payments/refunds/1JU08902781691411");
  EXPECT_EQ(run.value().status, refund_status::pending);
}

// A status that is not one of PayPal's words (here an echoed token) is not passed on.
TEST(PayPalGetRefund, StatusThatIsNotAStatusWordIsDropped) {
  auto run = drive(
      &flow_table::get_refund, get_refund_request{"1JU08902781691411", order_id},
      {json_reply(
          200,
          R"({"id":"1JU08902781691411","status":"A21AAFechoedToken","amount":{"currency_code":"USD","value":"3.00"}})")});
  EXPECT_EQ(run.value().status, refund_status::unrecognized);
  EXPECT_EQ(run.value().processor_status, "");
}

}  // namespace
}  // namespace paypal_test
