// Transactions: sandbox trigger amounts, authorize / charge, capture, reverse (void or refund),
// refunds and their rules, nonces, merchant accounts.
#include "braintree_fixture.hpp"

#include <regex>

namespace processor_sim::testing {
namespace {

class BraintreeTransactions : public braintree_test {
 protected:
  // The newest statusHistory event (Braintree lists newest first).
  static boost::json::object newest(const boost::json::object& t) {
    return t.at("statusHistory").at(0).as_object();
  }
  boost::json::object error_of(std::string_view q, const boost::json::object& vars) {
    auto r = gql(q, vars);
    auto e = first_error(r);
    return e;
  }
};

TEST_F(BraintreeTransactions, AnApprovedAuthorizationHasBraintreesIds) {
  auto t = pay("10.50", false, "order-1");
  EXPECT_EQ(t.at("status"), "AUTHORIZED");
  const std::string legacy = s(t.at("legacyId"));
  EXPECT_TRUE(std::regex_match(legacy, std::regex("[a-z0-9]{8}")));
  // base64("transaction_" + legacy), unpadded.
  EXPECT_EQ(
      data(gql(bt_queries::id_from_legacy_id, {{"legacyId", legacy}, {"type", "TRANSACTION"}}))
          .at("idFromLegacyId"),
      t.at("id"));
  EXPECT_EQ(t.at("amount").at("value"), "10.50");
  EXPECT_EQ(t.at("amount").at("currencyCode"), "USD");
  EXPECT_EQ(t.at("orderId"), "order-1");
  EXPECT_EQ(t.at("merchantAccountId"), "sim_usd");
  EXPECT_EQ(newest(t).at("status"), "AUTHORIZED");
}

TEST_F(BraintreeTransactions, AChargeIsSubmittedForSettlement) {
  auto t = pay("10.50", true);
  EXPECT_EQ(t.at("status"), "SUBMITTED_FOR_SETTLEMENT");
  EXPECT_EQ(t.at("statusHistory").as_array().size(), 2u);
  EXPECT_EQ(bt_stats().at("charges"), 1);
}

struct trigger {
  std::string amount, code, message, decline_type;
};

class BraintreeTriggerAmounts : public BraintreeTransactions,
                                public ::testing::WithParamInterface<trigger> {};

TEST_P(BraintreeTriggerAmounts, DeclineWithTheAmountsProcessorResponse) {
  const auto& p = GetParam();
  auto t = pay(p.amount, true);
  EXPECT_EQ(t.at("status"), "PROCESSOR_DECLINED");
  ASSERT_EQ(t.at("statusHistory").as_array().size(), 1u);
  auto e = newest(t);
  EXPECT_EQ(e.at("status"), "PROCESSOR_DECLINED");
  EXPECT_EQ(e.at("processorResponse").at("legacyCode"), p.code.c_str());
  EXPECT_EQ(e.at("processorResponse").at("message"), p.message.c_str());
  EXPECT_EQ(e.at("declineType"), p.decline_type.c_str());
  EXPECT_EQ(bt_stats().at("charges"), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Sandbox, BraintreeTriggerAmounts,
    ::testing::Values(trigger{"2000.00", "2000", "Do Not Honor", "SOFT"},
                      trigger{"2001.00", "2001", "Insufficient Funds", "SOFT"},
                      trigger{"2004.00", "2004", "Expired Card", "HARD"},
                      trigger{"2010.00", "2010", "Card Issuer Declined CVV", "HARD"},
                      trigger{"2015.00", "2015", "Transaction Not Allowed", "HARD"},
                      trigger{"2038.00", "2038", "Processor Declined", "SOFT"},
                      trigger{"2044.99", "2044", "Declined - Call Issuer", "HARD"},
                      trigger{"2099.00", "2099", "Cardholder Authentication Required", "SOFT"}));

TEST_F(BraintreeTransactions, TheEdgesOfTheTriggerRanges) {
  EXPECT_EQ(pay("1999.99", false).at("status"), "AUTHORIZED");
  EXPECT_EQ(pay("2999.99", false).at("status"), "PROCESSOR_DECLINED");
  auto failed = pay("3000.50", false);
  EXPECT_EQ(failed.at("status"), "FAILED");
  EXPECT_EQ(newest(failed).at("processorResponse").at("legacyCode"), "3000");
  EXPECT_EQ(newest(failed).at("processorResponse").at("message"),
            "Processor Network Unavailable - Try Again");
  EXPECT_EQ(pay("3001.00", false).at("status"), "AUTHORIZED");
  auto rejected = pay("5001.00", false);
  EXPECT_EQ(rejected.at("status"), "GATEWAY_REJECTED");
  EXPECT_EQ(newest(rejected).at("gatewayRejectionReason"), "APPLICATION_INCOMPLETE");
  EXPECT_EQ(pay("5001.50", false).at("status"), "AUTHORIZED");
}

TEST_F(BraintreeTransactions, CaptureFullPartialAndItsRules) {
  auto full = pay("10.00", false);
  auto c =
      data(gql(bt_queries::capture_transaction, {{"input", {{"transactionId", full.at("id")}}}}));
  EXPECT_EQ(c.at("captureTransaction").at("transaction").at("status"), "SUBMITTED_FOR_SETTLEMENT");
  EXPECT_EQ(c.at("captureTransaction").at("transaction").at("amount").at("value"), "10.00");
  auto again =
      error_of(bt_queries::capture_transaction, {{"input", {{"transactionId", full.at("id")}}}});
  EXPECT_EQ(again.at("extensions").at("legacyCode"), "91507");
  EXPECT_EQ(again.at("path").at(0), "captureTransaction");

  auto part = pay("10.00", false);
  auto too_much = error_of(
      bt_queries::capture_transaction,
      {{"input", {{"transactionId", part.at("id")}, {"transaction", {{"amount", "10.01"}}}}}});
  EXPECT_EQ(too_much.at("extensions").at("legacyCode"), "91522");
  EXPECT_EQ(too_much.at("extensions").at("errorType"), "user_error");
  auto p = data(
      gql(bt_queries::capture_transaction,
          {{"input", {{"transactionId", part.at("id")}, {"transaction", {{"amount", "4.50"}}}}}}));
  EXPECT_EQ(p.at("captureTransaction").at("transaction").at("amount").at("value"), "4.50");
  EXPECT_EQ(bt_stats().at("captures"), 2);
}

TEST_F(BraintreeTransactions, ReverseVoidsUnsettledAndRefundsSettled) {
  auto auth = pay("10.00", false);
  auto v =
      data(gql(bt_queries::reverse_transaction, {{"input", {{"transactionId", auth.at("id")}}}}));
  EXPECT_EQ(v.at("reverseTransaction").at("reversal").at("__typename"), "Transaction");
  EXPECT_EQ(v.at("reverseTransaction").at("reversal").at("status"), "VOIDED");
  auto twice =
      error_of(bt_queries::reverse_transaction, {{"input", {{"transactionId", auth.at("id")}}}});
  EXPECT_EQ(twice.at("extensions").at("legacyCode"), "91504");

  auto submitted = pay("10.00", true);
  auto v2 = data(
      gql(bt_queries::reverse_transaction, {{"input", {{"transactionId", submitted.at("id")}}}}));
  EXPECT_EQ(v2.at("reverseTransaction").at("reversal").at("status"), "VOIDED");

  auto done = settled("12.00");
  EXPECT_EQ(done.at("status"), "SETTLED");
  auto r =
      data(gql(bt_queries::reverse_transaction, {{"input", {{"transactionId", done.at("id")}}}}));
  const auto& refund = r.at("reverseTransaction").at("reversal");
  EXPECT_EQ(refund.at("__typename"), "Refund");
  EXPECT_EQ(refund.at("amount").at("value"), "12.00");
  EXPECT_EQ(refund.at("refundedTransaction").at("id"), done.at("id"));
}

TEST_F(BraintreeTransactions, RefundsOnlySettledUpToTheAmount) {
  auto unsettled = pay("10.00", true);
  auto e = error_of(bt_queries::refund_transaction,
                    {{"input", {{"transactionId", unsettled.at("id")}}}});
  EXPECT_EQ(e.at("message"), "Cannot refund a transaction unless it is settled.");
  EXPECT_EQ(e.at("extensions").at("legacyCode"), "91506");
  EXPECT_EQ(e.at("extensions").at("errorClass"), "VALIDATION");

  auto t = settled("10.00");
  auto refund = [&](const std::string& amount, const std::string& order) {
    return gql(
        bt_queries::refund_transaction,
        {{"input",
          {{"transactionId", t.at("id")}, {"refund", {{"amount", amount}, {"orderId", order}}}}}});
  };
  auto r1 = data(refund("3.00", "ref-1")).at("refundTransaction").at("refund").as_object();
  EXPECT_EQ(r1.at("status"), "SUBMITTED_FOR_SETTLEMENT");
  EXPECT_EQ(r1.at("orderId"), "ref-1");
  EXPECT_EQ(r1.at("amount").at("value"), "3.00");
  data(refund("6.00", "ref-2"));
  auto too_much = first_error(refund("1.01", "ref-3"));
  EXPECT_EQ(too_much.at("extensions").at("legacyCode"), "91521");
  data(refund("1.00", "ref-4"));
  auto full = first_error(refund("0.01", "ref-5"));
  EXPECT_EQ(full.at("extensions").at("legacyCode"), "91512");
  auto node = transaction(s(t.at("id")));
  ASSERT_EQ(node.at("refunds").as_array().size(), 3u);
  EXPECT_EQ(node.at("refunds").at(0).at("orderId"), "ref-1");
  auto read = data(gql(bt_queries::refund, {{"id", r1.at("id")}}));
  EXPECT_EQ(read.at("node").at("__typename"), "Refund");
  EXPECT_EQ(bt_stats().at("refunds"), 3);
}

TEST_F(BraintreeTransactions, NoncesAreSingleUseAndUnknownIdsAreRefused) {
  const std::string nonce = tokenize();
  data(gql(bt_queries::authorize_payment_method, txn_input(nonce, "5.00")));
  auto reuse = first_error(gql(bt_queries::authorize_payment_method, txn_input(nonce, "5.00")));
  EXPECT_EQ(reuse.at("extensions").at("legacyCode"), "91564");
  auto unknown = first_error(gql(bt_queries::authorize_payment_method,
                                 txn_input("tokencc_bc_nothere_000000_000000_000000_000", "5.00")));
  EXPECT_EQ(unknown.at("extensions").at("legacyCode"), "91565");
  auto fake = data(gql(bt_queries::charge_payment_method, txn_input("fake-valid-nonce", "5.00")));
  EXPECT_EQ(fake.at("chargePaymentMethod").at("transaction").at("status"),
            "SUBMITTED_FOR_SETTLEMENT");
  auto bad_card =
      first_error(gql(bt_queries::tokenize_credit_card, {{"input",
                                                          {{"creditCard",
                                                            {{"number", "4111111111111112"},
                                                             {"expirationMonth", "06"},
                                                             {"expirationYear", "2030"}}}}}}));
  EXPECT_EQ(bad_card.at("extensions").at("legacyCode"), "81715");
}

TEST_F(BraintreeTransactions, AmountsFollowTheMerchantAccountsCurrency) {
  boost::json::object vars = txn_input(tokenize(), "1000");
  vars["input"].as_object()["transaction"].as_object()["merchantAccountId"] = "sim_jpy";
  auto t = data(gql(bt_queries::authorize_payment_method, vars))
               .at("authorizePaymentMethod")
               .at("transaction");
  EXPECT_EQ(t.at("amount").at("value"), "1000");
  EXPECT_EQ(t.at("amount").at("currencyCode"), "JPY");
  boost::json::object fine = txn_input(tokenize(), "10.50");
  fine["input"].as_object()["transaction"].as_object()["merchantAccountId"] = "sim_jpy";
  EXPECT_EQ(first_error(gql(bt_queries::authorize_payment_method, fine))
                .at("extensions")
                .at("legacyCode"),
            "81503");
  boost::json::object unknown = txn_input(tokenize(), "10.50");
  unknown["input"].as_object()["transaction"].as_object()["merchantAccountId"] = "nope";
  EXPECT_EQ(first_error(gql(bt_queries::authorize_payment_method, unknown))
                .at("extensions")
                .at("legacyCode"),
            "91513");
  EXPECT_EQ(first_error(gql(bt_queries::authorize_payment_method, txn_input(tokenize(), "10.5")))
                .at("extensions")
                .at("legacyCode"),
            "81503");
}

TEST_F(BraintreeTransactions, SettlementCanBeDeclined) {
  auto t = pay("4001.00", true);
  auto r = control("/transactions/" + s(t.at("legacyId")) + "/settle");
  ASSERT_EQ(r.status, 200) << r.body;
  auto node = transaction(s(t.at("id")));
  EXPECT_EQ(node.at("status"), "SETTLEMENT_DECLINED");
  EXPECT_EQ(node.at("statusHistory").at(0).at("settlementResponse").at("legacyCode"), "4001");
  // sandboxSettleTransaction does the same through the API.
  auto other = pay("10.00", true);
  auto s2 =
      data(gql("mutation S($input: SandboxSettleTransactionInput!) { "
               "sandboxSettleTransaction(input: $input) { transaction { status } } }",
               {{"input", {{"transactionId", other.at("id")}}}}));
  EXPECT_EQ(s2.at("sandboxSettleTransaction").at("transaction").at("status"), "SETTLED");
}

}  // namespace
}  // namespace processor_sim::testing
