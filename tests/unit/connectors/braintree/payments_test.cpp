// Authorize, RecurringCharge and GetPayment against canned GraphQL replies: the lookup before
// every charge (an earlier attempt's transaction returned, the account's currency checked), the
// tokenize → authorize/charge steps, declines from statusHistory, GraphQL errors in a 200 body,
// HTTP errors, and an unknown outcome after a charge that gave no answer.
#include "connectors/braintree/replies.hpp"
#include "test_support.hpp"

namespace bt_test {
namespace {

TEST(BraintreeAuthorize, LooksUpTokenizesThenAuthorizes) {
  auto run =
      drive(&flow_table::authorize, card_authorize(),
            {lookup(), tokenized(),
             data(R"({"authorizePaymentMethod":{"transaction":)" + txn("AUTHORIZED") + "}}")});
  ASSERT_EQ(run.requests.size(), 3u);
  expect_golden_request(run.requests[0], "authorize_lookup");
  expect_golden_request(run.requests[1], "tokenize");
  expect_golden_request(run.requests[2], "authorize_manual");
  for (const auto& r : run.requests) EXPECT_TRUE(r.idempotency_key.empty());
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authorized);
  EXPECT_EQ(p.connector_payment_id, txn_id);
  EXPECT_EQ(p.connector_operation_id, txn_legacy);
  EXPECT_EQ(p.amount, (money{1050, "USD"}));
  EXPECT_EQ(p.merchant_reference, "order-1001");
}

TEST(BraintreeAuthorize, AutomaticCaptureChargesWithTheMerchantAccount) {
  auto run = drive(
      &flow_table::authorize, card_authorize(capture_method::automatic),
      {lookup(), tokenized(),
       data(R"({"chargePaymentMethod":{"transaction":)" + txn("SUBMITTED_FOR_SETTLEMENT") + "}}")},
      creds(true));
  ASSERT_EQ(run.requests.size(), 3u);
  expect_golden_request(run.requests[2], "authorize_automatic");
  EXPECT_EQ(run.value().status, payment_status::charged);
  EXPECT_EQ(run.value().captured_amount, (money{1050, "USD"}));
}

TEST(BraintreeAuthorize, ATokenSkipsTokenize) {
  auto req = card_authorize();
  req.method = processor_token{nonce};
  auto run = drive(
      &flow_table::authorize, req,
      {lookup(), data(R"({"authorizePaymentMethod":{"transaction":)" + txn("AUTHORIZED") + "}}")});
  ASSERT_EQ(run.requests.size(), 2u);
  EXPECT_EQ(run.requests[1].step, "authorize");
  EXPECT_EQ(variables(run.requests[1]).at("input").at("paymentMethodId"), nonce);
}

TEST(BraintreeAuthorize, AnEarlierAttemptIsReturnedNotChargedAgain) {
  auto found = R"({"node":)" + txn("AUTHORIZED") + "}";
  auto run = drive(&flow_table::authorize, card_authorize(), {lookup(found)});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().status, payment_status::authorized);
  EXPECT_EQ(run.value().connector_payment_id, txn_id);
  // A failed earlier attempt charged nothing: charge again.
  auto failed = R"({"node":)" + txn("PROCESSOR_DECLINED") + "}";
  auto again = drive(&flow_table::authorize, card_authorize(), {lookup(failed)});
  ASSERT_EQ(again.requests.size(), 2u);
  EXPECT_EQ(again.requests[1].step, "tokenize");
  // The same orderId for another amount: refused.
  auto other = R"({"node":)" + txn("AUTHORIZED", "99.00") + "}";
  auto e = drive(&flow_table::authorize, card_authorize(), {lookup(other)}).err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
}

TEST(BraintreeAuthorize, ACurrencyTheAccountDoesNotHoldIsRefusedBeforeCharging) {
  auto req = card_authorize();
  req.amount = money{1050, "EUR"};
  auto run = drive(&flow_table::authorize, req, {lookup()});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.err().field, "amount.currency_code");
  auto unknown_account =
      drive(&flow_table::authorize, card_authorize(), {lookup("", "")}, creds(true));
  EXPECT_EQ(unknown_account.err().code, error_code::failed_precondition);
}

TEST(BraintreeAuthorize, DeclinesCarryTheProcessorResponse) {
  auto history =
      R"([{"status":"PROCESSOR_DECLINED","declineType":"SOFT","processorResponse":{"legacyCode":"2001","message":"Insufficient Funds"}}])";
  auto run = drive(&flow_table::authorize, card_authorize(),
                   {lookup(), tokenized(),
                    data(R"({"authorizePaymentMethod":{"transaction":)" +
                         txn("PROCESSOR_DECLINED", "10.50", "order-1001", history) + "}}")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p.error->processor_code, "2001");
  EXPECT_EQ(p.error->processor_message, "Insufficient Funds");
  EXPECT_TRUE(p.error->retryable);
  auto rejected =
      R"([{"status":"GATEWAY_REJECTED","gatewayRejectionReason":"CVV","processorResponse":null}])";
  auto g = drive(&flow_table::authorize, card_authorize(),
                 {lookup(), tokenized(),
                  data(R"({"authorizePaymentMethod":{"transaction":)" +
                       txn("GATEWAY_REJECTED", "10.50", "order-1001", rejected) + "}}")});
  ASSERT_TRUE(g.value().error);
  EXPECT_EQ(g.value().error->code, decline_code::incorrect_cvc);
  EXPECT_EQ(g.value().error->processor_code, "CVV");
}

TEST(BraintreeGetPayment, TheNewestAnswerInStatusHistoryIsTheOneThatCounts) {
  // statusHistory is newest first (schema): a settlement decline after an approval.
  auto history =
      R"([{"status":"SETTLEMENT_DECLINED","settlementResponse":{"legacyCode":"4001","message":"Settlement Declined"}},)"
      R"({"status":"AUTHORIZED","processorResponse":{"legacyCode":"1000","message":"Approved"}}])";
  auto run =
      drive(&flow_table::get_payment, get_payment_request{txn_id, "order-1001"},
            {data(R"({"node":{"__typename":"Transaction",)" +
                  txn("SETTLEMENT_DECLINED", "10.50", "order-1001", history).substr(1) + "}")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::capture_failed);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->processor_code, "4001");
  EXPECT_EQ(p.error->processor_message, "Settlement Declined");
}

TEST(BraintreeGetPayment, AReplyEchoingTheKeyDoesNotPassItOn) {
  // Ids, status words and error classes come from the reply: none may carry the private key
  // back (fuzz_braintree_replies found both paths).
  const std::string key(private_key);
  auto node = data(R"({"node":{"__typename":"Transaction","id":"dHJh)" + key +
                   R"(","legacyId":"x","status":"AUTH)" + key +
                   R"(","amount":{"value":"10.50","currencyCode":"USD"},"statusHistory":[]}})");
  auto run = drive(&flow_table::get_payment, get_payment_request{txn_id, "order-1001"}, {node});
  const auto& p = run.value();
  EXPECT_EQ(p.connector_payment_id.find(key), std::string::npos) << p.connector_payment_id;
  EXPECT_EQ(p.processor_status.find(key), std::string::npos) << p.processor_status;
  auto err = drive(&flow_table::get_payment, get_payment_request{txn_id, "order-1001"},
                   {reply(401, R"({"errors":[{"message":"no","extensions":{"errorClass":"AUTH)" +
                                   key + R"("}}]})")});
  const auto& e = err.err();
  EXPECT_EQ(e.processor_code.find(key), std::string::npos) << e.processor_code;
  EXPECT_EQ(e.message.find(key), std::string::npos) << e.message;
}

TEST(BraintreeAuthorize, GraphqlErrorsInA200AreErrorsNeverSuccess) {
  struct row {
    const char* error_class;
    error_code code;
    bool retryable;
  };
  for (auto [cls, code, retryable] : {row{"VALIDATION", error_code::invalid_argument, false},
                                      row{"AUTHENTICATION", error_code::unauthenticated, false},
                                      row{"AUTHORIZATION", error_code::permission_denied, false},
                                      row{"NOT_FOUND", error_code::not_found, false},
                                      row{"RESOURCE_LIMIT", error_code::resource_exhausted, true},
                                      row{"INTERNAL", error_code::unavailable, true},
                                      row{"SERVICE_AVAILABILITY", error_code::unavailable, true}}) {
    // Partial data beside the errors is still an error; the key and card never leak.
    auto body = std::string(R"({"data":{"search":null},"errors":[{"message":"bad )") + private_key +
                R"( 4111111111111111","extensions":{"errorClass":")" + cls +
                R"(","legacyCode":"81502"}}]})";
    auto e = drive(&flow_table::authorize, card_authorize(), {reply(200, body)}).err();
    EXPECT_EQ(e.code, code) << cls;
    EXPECT_EQ(e.retryable, retryable) << cls;
    EXPECT_EQ(e.processor_code, "81502") << cls;
    expect_no_secret(e.message);
    expect_no_secret(e.processor_message);
  }
  auto null_data =
      drive(&flow_table::authorize, card_authorize(), {reply(200, R"({"data":null})")});
  EXPECT_EQ(null_data.err().reason, reason::bad_processor_reply);
}

TEST(BraintreeAuthorize, HttpStatusesMapToErrors) {
  struct row {
    int status;
    error_code code;
  };
  for (auto [status, code] :
       {row{401, error_code::unauthenticated}, row{403, error_code::permission_denied},
        row{426, error_code::failed_precondition}, row{429, error_code::resource_exhausted},
        row{500, error_code::unavailable}, row{503, error_code::unavailable}}) {
    auto e = drive(&flow_table::authorize, card_authorize(), {reply(status, "<html>")}).err();
    EXPECT_EQ(e.code, code) << status;
  }
}

TEST(BraintreeAuthorize, AChargeWithoutAnAnswerIsOutcomeUnknown) {
  for (auto r :
       {reply(500, ""), reply(200, "not json"),
        reply(200, R"({"errors":[{"message":"x","extensions":{"errorClass":"INTERNAL"}}]})"),
        data(R"({"authorizePaymentMethod":null})")}) {
    auto e = drive(&flow_table::authorize, card_authorize(), {lookup(), tokenized(), r}).err();
    EXPECT_EQ(e.code, error_code::unknown);
    EXPECT_EQ(e.reason, reason::outcome_unknown);
    EXPECT_NE(e.message.find("order-1001"), std::string::npos) << e.message;
  }
  // A refusal (VALIDATION) charged nothing: a plain error.
  auto v =
      drive(
          &flow_table::authorize, card_authorize(),
          {lookup(), tokenized(),
           reply(
               200,
               R"({"errors":[{"message":"Amount is invalid","extensions":{"errorClass":"VALIDATION"}}]})")})
          .err();
  EXPECT_EQ(v.code, error_code::invalid_argument);
}

TEST(BraintreeAuthorize, ValidationNamesTheFieldBeforeAnyCall) {
  auto no_key = card_authorize();
  no_key.idempotency_key.clear();
  EXPECT_EQ(drive(&flow_table::authorize, no_key, {}).err().field, "idempotency_key");
  auto clf = card_authorize();
  clf.amount = money{1234, "CLF"};
  EXPECT_EQ(drive(&flow_table::authorize, clf, {}).err().field, "amount.currency_code");
  auto upi_method = card_authorize();
  upi_method.method = upi{"a@b"};
  EXPECT_EQ(drive(&flow_table::authorize, upi_method, {}).err().field, "payment_method");
  auto bad_card = card_authorize();
  std::get<card>(bad_card.method).expiry_month = 13;
  auto e = drive(&flow_table::authorize, bad_card, {}).err();
  EXPECT_TRUE(e.field.starts_with("payment_method.card")) << e.field;
  expect_no_secret(e.message);
  auto long_ref = card_authorize();
  long_ref.merchant_reference = std::string(256, 'r');
  EXPECT_EQ(drive(&flow_table::authorize, long_ref, {}).err().field, "merchant_reference");
  EXPECT_EQ(drive(&flow_table::authorize, card_authorize(), {}, credentials{}).err().code,
            error_code::unauthenticated);
}

TEST(BraintreeRecurringCharge, ChargesTheVaultedMethodAsMerchantInitiated) {
  recurring_charge_request r;
  r.idempotency_key = "rc-1";
  r.merchant_reference = "order-1003";
  r.mandate_id = vaulted;
  r.amount = money{4999, "USD"};
  r.model = recurring_model::subscription;
  auto run = drive(&flow_table::recurring_charge, r,
                   {lookup(), data(R"({"chargePaymentMethod":{"transaction":)" +
                                   txn("SUBMITTED_FOR_SETTLEMENT", "49.99", "order-1003") + "}}")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[1], "recurring_charge");
  EXPECT_EQ(run.value().status, payment_status::charged);
  r.model = recurring_model::unscheduled;
  auto u = drive(&flow_table::recurring_charge, r, {lookup()});
  EXPECT_EQ(variables(u.requests[1]).at("input").at("transaction").at("paymentInitiator"),
            "UNSCHEDULED");
}

TEST(BraintreeGetPayment, ReadsTheNodeAndTurnsALegacyIdIntoAGlobalOne) {
  auto node = data(R"({"node":{"__typename":"Transaction",)" + txn("SETTLED").substr(1) + "}");
  auto run = drive(&flow_table::get_payment, get_payment_request{txn_id, "order-1001"}, {node});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_payment");
  EXPECT_EQ(run.value().status, payment_status::charged);
  auto legacy = drive(&flow_table::get_payment, get_payment_request{txn_legacy, ""},
                      {data(std::string(R"({"idFromLegacyId":")") + txn_id + "\"}"), node});
  ASSERT_EQ(legacy.requests.size(), 2u);
  expect_golden_request(legacy.requests[0], "legacy_id");
  EXPECT_EQ(variables(legacy.requests[1]).at("id"), txn_id);
  EXPECT_EQ(legacy.value().connector_payment_id, txn_id);
  auto missing =
      drive(&flow_table::get_payment, get_payment_request{txn_id, ""}, {data(R"({"node":null})")});
  EXPECT_EQ(missing.err().code, error_code::not_found);
}

TEST(BraintreeStatuses, EveryWordMapsAndUnknownIsUnrecognized) {
  using cs::connectors::braintree::map_payment_status;
  EXPECT_EQ(map_payment_status("AUTHORIZING"), payment_status::pending);
  EXPECT_EQ(map_payment_status("AUTHORIZED"), payment_status::authorized);
  for (auto s : {"SUBMITTED_FOR_SETTLEMENT", "SETTLING", "SETTLEMENT_PENDING", "SETTLED",
                 "SETTLEMENT_CONFIRMED"})
    EXPECT_EQ(map_payment_status(s), payment_status::charged) << s;
  EXPECT_EQ(map_payment_status("VOIDED"), payment_status::voided);
  EXPECT_EQ(map_payment_status("AUTHORIZATION_EXPIRED"), payment_status::expired);
  for (auto s : {"PROCESSOR_DECLINED", "GATEWAY_REJECTED", "FAILED"})
    EXPECT_EQ(map_payment_status(s), payment_status::failure) << s;
  EXPECT_EQ(map_payment_status("SETTLEMENT_DECLINED"), payment_status::capture_failed);
  EXPECT_EQ(map_payment_status("SOMETHING_NEW"), payment_status::unrecognized);
  using cs::connectors::braintree::map_processor_code;
  EXPECT_EQ(map_processor_code("2000").code, decline_code::generic);
  EXPECT_EQ(map_processor_code("2004").code, decline_code::expired_card);
  EXPECT_FALSE(map_processor_code("2004").soft);
  EXPECT_EQ(map_processor_code("2010").code, decline_code::incorrect_cvc);
  EXPECT_EQ(map_processor_code("2015").code, decline_code::not_supported);
  EXPECT_EQ(map_processor_code("2038").code, decline_code::generic);
  EXPECT_EQ(map_processor_code("2044").code, decline_code::referral);
  EXPECT_EQ(map_processor_code("3000").code, decline_code::issuer_unavailable);
  EXPECT_TRUE(map_processor_code("3000").soft);
  EXPECT_EQ(map_processor_code("2999").code, decline_code::generic);
}

}  // namespace
}  // namespace bt_test
