// SetupMandate (a customer-initiated payment that stores the card; amount 0 verifies it),
// RecurringCharge (merchant-initiated on the stored source, previous_payment_id) and
// RevokeMandate (DELETE /instruments/{src}); the mandate id is `src_….pay_…`.
#include "test_support.hpp"

namespace cko_test {
namespace {

using connector_testing::read_golden;

constexpr const char* source_id = "src_nq6m5dqvxmsunhtzf7adymbq3i";
const std::string mandate_id = std::string(source_id) + "." + payment_id;

setup_mandate_request setup(money amount = money{0, "EUR"}) {
  setup_mandate_request r;
  r.idempotency_key = "idem-mandate-1";
  r.merchant_reference = "mandate-1001";
  r.amount = std::move(amount);
  r.shopper.id = "cust-1001";
  r.method = std::get<card>(card_authorize().method);
  return r;
}

recurring_charge_request charge(std::string mandate = mandate_id) {
  recurring_charge_request r;
  r.idempotency_key = "idem-renewal-1";
  r.merchant_reference = "renewal-2024-06";
  r.mandate_id = std::move(mandate);
  r.amount = money{1999, "EUR"};
  return r;
}

boost::json::object body_of(const http_request& r) {
  return boost::json::parse(r.body).as_object();
}

TEST(CheckoutComSetupMandate, ZeroAmountIsACardVerificationThatStoresTheCard) {
  auto run =
      drive(&flow_table::setup_mandate, setup(),
            {reply(201, read_golden("checkout_com", "payment_card_verified.response.json"))});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "setup_mandate_verification");
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::active);
  EXPECT_EQ(m.payment, payment_status::authorized);
  EXPECT_EQ(m.connector_payment_id, "pay_y3oqhf46pyzuxjbcn2giaqnb44");
  EXPECT_EQ(m.processor_status, "Card Verified");
  ASSERT_TRUE(m.mandate);
  EXPECT_EQ(m.mandate->mandate_id, std::string(source_id) + ".pay_y3oqhf46pyzuxjbcn2giaqnb44");
  EXPECT_EQ(m.mandate->customer_id, "cust-1001");
  EXPECT_EQ(m.mandate->status, mandate_status::active);
}

TEST(CheckoutComSetupMandate, AmountModelAndReturnUrlShapeTheFirstPayment) {
  auto req = setup(money{500, "EUR"});
  req.model = recurring_model::subscription;
  req.return_url = "https://shop.example/mandate";
  auto run = drive(&flow_table::setup_mandate, req, {});
  ASSERT_EQ(run.requests.size(), 1u);
  auto body = body_of(run.requests[0]);
  EXPECT_EQ(body["amount"], 500);
  EXPECT_EQ(body["payment_type"], "Recurring");
  EXPECT_EQ(body["merchant_initiated"], false);
  EXPECT_EQ(body["3ds"], (boost::json::object{{"enabled", true}}));
  EXPECT_EQ(body["success_url"], "https://shop.example/mandate");
  // The spec's payment_type has no Unscheduled: card-on-file is stored by a Regular payment.
  auto cof = setup();
  cof.model = recurring_model::card_on_file;
  EXPECT_EQ(body_of(drive(&flow_table::setup_mandate, cof, {}).requests.at(0))["payment_type"],
            "Regular");
}

TEST(CheckoutComSetupMandate, DeclineFailsTheMandate) {
  auto run = drive(&flow_table::setup_mandate, setup(),
                   {reply(201, read_golden("checkout_com", "payment_declined.response.json"))});
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::failed);
  EXPECT_EQ(m.payment, payment_status::failure);
  EXPECT_FALSE(m.mandate);
  ASSERT_TRUE(m.error);
  EXPECT_EQ(m.error->code, decline_code::insufficient_funds);
}

TEST(CheckoutComSetupMandate, ThreeDsLeavesItPendingWithTheRedirect) {
  auto run = drive(&flow_table::setup_mandate, setup(),
                   {reply(202, read_golden("checkout_com", "payment_3ds_pending.response.json"))});
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::pending);
  EXPECT_EQ(m.payment, payment_status::authentication_pending);
  EXPECT_EQ(m.connector_payment_id, payment_id);
  EXPECT_TRUE(m.redirect);
  EXPECT_FALSE(m.mandate);
}

TEST(CheckoutComSetupMandate, ApprovedWithoutAStoredCardIsAFailedMandate) {
  std::string body = R"({"id":")" + std::string(payment_id) +
                     R"(","status":"Authorized","approved":true,"amount":0,"currency":"EUR"})";
  auto run = drive(&flow_table::setup_mandate, setup(), {reply(201, body)});
  const auto& m = run.value();
  EXPECT_EQ(m.status, mandate_status::failed);
  EXPECT_EQ(m.payment, payment_status::authorized);
  EXPECT_TRUE(m.error);
  EXPECT_FALSE(m.mandate);
}

TEST(CheckoutComSetupMandate, ValidationBeforeAnyCall) {
  auto no_key = setup();
  no_key.idempotency_key.clear();
  EXPECT_EQ(drive(&flow_table::setup_mandate, no_key, {}).err().field, "idempotency_key");
  auto no_currency = setup(money{0, ""});
  EXPECT_EQ(drive(&flow_table::setup_mandate, no_currency, {}).err().field, "amount.currency_code");
  auto negative = setup(money{-1, "EUR"});
  EXPECT_EQ(drive(&flow_table::setup_mandate, negative, {}).err().field, "amount.minor_amount");
  auto token = setup();
  token.method = processor_token{"tok_ubfj2q76miwundwlk72vxt2i7q"};
  EXPECT_EQ(body_of(drive(&flow_table::setup_mandate, token, {}).requests.at(0))["source"],
            (boost::json::object{{"type", "token"}, {"token", "tok_ubfj2q76miwundwlk72vxt2i7q"}}));
}

TEST(CheckoutComRecurringCharge, ChargesTheStoredSourceAsAMerchantInitiatedPayment) {
  auto run = drive(&flow_table::recurring_charge, charge(),
                   {reply(201, read_golden("checkout_com", "payment_authorized.response.json"))});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "recurring_charge");
  EXPECT_EQ(run.value().status, payment_status::authorized);
  auto manual = charge();
  manual.capture = capture_method::manual;
  EXPECT_EQ(body_of(drive(&flow_table::recurring_charge, manual, {}).requests.at(0))["capture"],
            false);
}

TEST(CheckoutComRecurringCharge, MandateIdMustBeSourceDotPayment) {
  for (std::string bad :
       {std::string(source_id), std::string(payment_id), std::string(source_id) + ":" + payment_id,
        std::string(payment_id) + "." + source_id, std::string(source_id) + "." + payment_id + ".x",
        std::string("pm_123")}) {
    auto run = drive(&flow_table::recurring_charge, charge(bad), {});
    EXPECT_TRUE(run.requests.empty()) << bad;
    EXPECT_EQ(run.err().field, "connector_mandate_id") << bad;
  }
  EXPECT_EQ(drive(&flow_table::recurring_charge, charge(""), {}).err().reason,
            reason::missing_field);
}

TEST(CheckoutComRecurringCharge, DeclineAndUnknownSourceComeBack) {
  auto declined =
      drive(&flow_table::recurring_charge, charge(),
            {reply(201, read_golden("checkout_com", "payment_declined.response.json"))});
  EXPECT_EQ(declined.value().status, payment_status::failure);
  auto unknown = drive(&flow_table::recurring_charge, charge(),
                       {reply(422, R"({"request_id":"r-9","error_type":"request_invalid",)"
                                   R"("error_codes":["source_id_invalid"]})")});
  EXPECT_EQ(unknown.err().code, error_code::invalid_argument);
  EXPECT_NE(unknown.err().message.find("source_id_invalid"), std::string::npos);
}

TEST(CheckoutComRevokeMandate, DeletesTheStoredInstrument) {
  revoke_mandate_request req;
  req.mandate_id = mandate_id;
  auto run = drive(&flow_table::revoke_mandate, req, {reply(204, "")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "revoke_mandate");
  EXPECT_EQ(run.value().status, mandate_status::revoked);
  auto gone = drive(&flow_table::revoke_mandate, req, {reply(404, "")});
  EXPECT_EQ(gone.err().code, error_code::not_found);
  req.mandate_id = "src_NQ6M5DQVXMSUNHTZF7ADYMBQ3I." + std::string(payment_id);
  EXPECT_EQ(drive(&flow_table::revoke_mandate, req, {}).err().field, "connector_mandate_id");
}

}  // namespace
}  // namespace cko_test
