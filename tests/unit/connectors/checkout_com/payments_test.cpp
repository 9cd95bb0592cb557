// Authorize and GetPayment against canned replies in Checkout.com's wire format: the golden
// request (card source, capture flag, Bearer key, Cko-Idempotency-Key), approvals, declines by
// response code, 3-D Secure pending, error bodies and the payment status words.
#include "connectors/checkout_com/replies.hpp"
#include "test_support.hpp"

namespace cko_test {
namespace {

using connector_testing::read_golden;

http_response golden_reply(int status, const std::string& name) {
  return reply(status, read_golden("checkout_com", name + ".response.json"));
}

TEST(CheckoutComAuthorize, ManualCaptureSendsCaptureFalse) {
  auto run = drive(&flow_table::authorize, card_authorize(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_manual");
}

TEST(CheckoutComAuthorize, AutomaticCaptureSendsCaptureTrue) {
  auto run = drive(&flow_table::authorize, card_authorize(capture_method::automatic), {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_automatic");
}

TEST(CheckoutComAuthorize, ApprovedIsAuthorized) {
  auto run =
      drive(&flow_table::authorize, card_authorize(), {golden_reply(201, "payment_authorized")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authorized);
  EXPECT_EQ(p.connector_payment_id, payment_id);
  EXPECT_EQ(p.connector_operation_id, "act_y3oqhf46pyzuxjbcn2giaqnb44");
  EXPECT_EQ(p.processor_status, "Authorized");
  EXPECT_EQ(p.amount, (money{1050, "USD"}));
  EXPECT_EQ(p.merchant_reference, "order-1001");
  EXPECT_FALSE(p.error);
}

TEST(CheckoutComAuthorize, DeclineCarriesTheResponseCode) {
  auto run =
      drive(&flow_table::authorize, card_authorize(), {golden_reply(201, "payment_declined")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p.error->processor_code, "20051");
  EXPECT_EQ(p.error->processor_message, "Insufficient Funds");
  EXPECT_TRUE(p.error->retryable);
}

TEST(CheckoutComAuthorize, PendingWithRedirectWaitsForThePayer) {
  auto run =
      drive(&flow_table::authorize, card_authorize(), {golden_reply(202, "payment_3ds_pending")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authentication_pending);
  ASSERT_TRUE(p.redirect);
  EXPECT_EQ(p.redirect->url,
            "https://3ds2-sandbox.ckotech.co/interceptor/3ds_ozh5whs5h4jepdplwsqrkrcqey");
}

TEST(CheckoutComAuthorize, ErrorBodyBecomesAnErrorWithoutSecrets) {
  auto run = drive(&flow_table::authorize, card_authorize(), {golden_reply(422, "error_invalid")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_EQ(e.processor_code, "request_invalid");
  EXPECT_NE(e.message.find("payment_source_required, amount_invalid"), std::string::npos);
  EXPECT_NE(e.message.find("0HL80RJLS76I7"), std::string::npos);
  expect_no_secret(e.message);
}

TEST(CheckoutComAuthorize, HttpStatusesMapToErrors) {
  struct row {
    int status;
    error_code code;
    bool retryable;
  };
  for (auto [status, code, retryable] :
       {row{401, error_code::unauthenticated, false},
        row{403, error_code::failed_precondition, false}, row{404, error_code::not_found, false},
        row{429, error_code::resource_exhausted, true}, row{500, error_code::unavailable, true},
        row{502, error_code::unavailable, true}}) {
    // A 401 may have no body; a processor echoing the key or the card must not leak either.
    auto run =
        drive(&flow_table::authorize, card_authorize(),
              {reply(status, std::string(R"({"error_type":"x )") + key + " 4242424242424242\"}")});
    auto e = run.err();
    EXPECT_EQ(e.code, code) << status;
    EXPECT_EQ(e.retryable, retryable) << status;
    expect_no_secret(e.message);
  }
  auto garbage = drive(&flow_table::authorize, card_authorize(), {reply(502, "<html>")});
  EXPECT_EQ(garbage.err().reason, reason::bad_processor_reply);
}

TEST(CheckoutComAuthorize, KeyEchoedInAStatusOrCodeDoesNotComeBack) {
  // Found by fuzz_checkout_com_replies: a status word is plain text, so the key passed as one.
  std::string body = std::string(R"({"id":")") + payment_id + R"(","status":")" + key +
                     R"(","approved":false,"response_code":")" + key + R"(","response_summary":")" +
                     key + R"(","action_id":")" + key + "\"}";
  auto run = drive(&flow_table::authorize, card_authorize(), {reply(201, body)});
  const auto& p = run.value();
  expect_no_secret(p.processor_status);
  expect_no_secret(p.connector_operation_id);
  ASSERT_TRUE(p.error);
  expect_no_secret(p.error->processor_code);
  expect_no_secret(p.error->processor_message);
  expect_no_secret(p.error->decline_code_raw);
}

TEST(CheckoutComAuthorize, ValidationNamesTheFieldBeforeAnyCall) {
  auto no_key = card_authorize();
  no_key.idempotency_key.clear();
  EXPECT_EQ(drive(&flow_table::authorize, no_key, {}).err().field, "idempotency_key");
  auto bhd = card_authorize();
  bhd.amount = money{1234, "BHD"};  // Checkout.com's three-decimal amounts end in 0
  auto e = drive(&flow_table::authorize, bhd, {}).err();
  EXPECT_EQ(e.field, "amount.minor_amount");
  auto big = card_authorize();
  big.amount = money{1'000'000'000, "USD"};  // ten digits
  EXPECT_EQ(drive(&flow_table::authorize, big, {}).err().field, "amount.minor_amount");
  auto upi_method = card_authorize();
  upi_method.method = upi{"asha@upi"};
  EXPECT_EQ(drive(&flow_table::authorize, upi_method, {}).err().field, "payment_method");
  auto no_method = card_authorize();
  no_method.method = std::monostate{};
  EXPECT_EQ(drive(&flow_table::authorize, no_method, {}).err().field, "payment_method");
  auto bad_card = card_authorize();
  std::get<card>(bad_card.method).expiry_month = 13;
  auto ce = drive(&flow_table::authorize, bad_card, {}).err();
  EXPECT_TRUE(ce.field.starts_with("payment_method.card")) << ce.field;
  expect_no_secret(ce.message);
}

TEST(CheckoutComAuthorize, MissingSecretKeyIsNamed) {
  auto e = drive(&flow_table::authorize, card_authorize(), {}, credentials{}).err();
  EXPECT_EQ(e.code, error_code::unauthenticated);
  EXPECT_NE(e.message.find("secret_key"), std::string::npos);
}

TEST(CheckoutComGetPayment, GetsThePaymentAndReadsBalances) {
  get_payment_request req;
  req.connector_payment_id = payment_id;
  auto run =
      drive(&flow_table::get_payment, req, {golden_reply(200, "payment_partially_captured")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_payment");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::partially_charged);
  EXPECT_EQ(p.captured_amount, (money{500, "USD"}));
}

TEST(CheckoutComGetPayment, RefusesIdsThatAreNotPaymentIds) {
  for (const char* id :
       {"", "pay_short", "act_mbabizu24mvu3mela5njyhpit4", "pay_mbabizu24mvu3mela5njyhp/t4"}) {
    get_payment_request req;
    req.connector_payment_id = id;
    auto e = drive(&flow_table::get_payment, req, {}).err();
    EXPECT_EQ(e.field, "connector_payment_id") << id;
  }
}

TEST(CheckoutComStatus, EveryStatusWordIsMapped) {
  using cs::connectors::checkout_com::map_payment_status;
  EXPECT_EQ(map_payment_status("Pending"), payment_status::pending);
  EXPECT_EQ(map_payment_status("Authorized"), payment_status::authorized);
  EXPECT_EQ(map_payment_status("Card Verified"), payment_status::authorized);
  EXPECT_EQ(map_payment_status("Voided"), payment_status::voided);
  EXPECT_EQ(map_payment_status("Partially Captured"), payment_status::partially_charged);
  EXPECT_EQ(map_payment_status("Captured"), payment_status::charged);
  EXPECT_EQ(map_payment_status("Paid"), payment_status::charged);
  EXPECT_EQ(map_payment_status("Partially Refunded"), payment_status::charged);
  EXPECT_EQ(map_payment_status("Refunded"), payment_status::charged);
  EXPECT_EQ(map_payment_status("Declined"), payment_status::failure);
  EXPECT_EQ(map_payment_status("Canceled"), payment_status::failure);
  EXPECT_EQ(map_payment_status("Expired"), payment_status::expired);
  EXPECT_EQ(map_payment_status("Approved"), payment_status::unrecognized);
  EXPECT_EQ(map_payment_status(""), payment_status::unrecognized);
}

TEST(CheckoutComStatus, ResponseCodesOfTheTestCards) {
  using cs::connectors::checkout_com::map_response_code;
  EXPECT_EQ(map_response_code("20051"), decline_code::insufficient_funds);
  EXPECT_EQ(map_response_code("20054"), decline_code::expired_card);
  EXPECT_EQ(map_response_code("200N7"), decline_code::incorrect_cvc);
  EXPECT_EQ(map_response_code("20001"), decline_code::referral);
  EXPECT_EQ(map_response_code("20014"), decline_code::invalid_card);
  EXPECT_EQ(map_response_code("20059"), decline_code::fraud_suspected);
  EXPECT_EQ(map_response_code("20061"), decline_code::limit_exceeded);
  EXPECT_EQ(map_response_code("20068"), decline_code::issuer_unavailable);
  EXPECT_EQ(map_response_code("30041"), decline_code::lost_or_stolen);
  EXPECT_EQ(map_response_code("20099"), decline_code::generic);
  EXPECT_EQ(map_response_code("40101"), decline_code::fraud_suspected);
}

}  // namespace
}  // namespace cko_test
