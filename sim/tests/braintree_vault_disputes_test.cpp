// Vaulting with a card verification (test cards decline it), recurring charges on the vaulted
// payment method, deleting it, and the dispute lifecycle (open, evidence, finalize, accept,
// won/lost) with its webhooks.
#include "braintree_fixture.hpp"

namespace processor_sim::testing {
namespace {

const std::string customer = "Y3VzdG9tZXJfY3N0ZXN0";  // base64("customer_cstest")

class BraintreeVault : public braintree_test {
 protected:
  boost::json::object vault(const std::string& number, const std::string& customer_id = customer) {
    boost::json::object input{{"paymentMethodId", tokenize(number)},
                              {"verification", {{"merchantAccountId", "sim_usd"}}}};
    if (!customer_id.empty()) input["customerId"] = customer_id;
    return data(gql(bt_queries::vault_payment_method, {{"input", input}}))
        .at("vaultPaymentMethod")
        .as_object();
  }
};

TEST_F(BraintreeVault, AVerifiedCardIsVaultedForTheCustomerAndChargedAgain) {
  auto v = vault("4111111111111111");
  EXPECT_EQ(v.at("verification").at("status"), "VERIFIED");
  EXPECT_EQ(v.at("paymentMethod").at("usage"), "MULTI_USE");
  EXPECT_EQ(v.at("paymentMethod").at("customer").at("id"), customer.c_str());
  const auto pm = s(v.at("paymentMethod").at("id"));
  for (int i = 0; i < 2; ++i) {
    boost::json::object in = txn_input(pm, "49.99", "sub-" + std::to_string(i));
    in["input"].as_object()["transaction"].as_object()["paymentInitiator"] = "RECURRING";
    auto t = data(gql(bt_queries::charge_payment_method, in))
                 .at("chargePaymentMethod")
                 .at("transaction");
    EXPECT_EQ(t.at("status"), "SUBMITTED_FOR_SETTLEMENT");
  }
  EXPECT_EQ(bt_stats().at("vaulted_payment_methods"), 1);
}

struct verification_card {
  std::string number, status, code;
};
class BraintreeVerificationCards : public BraintreeVault,
                                   public ::testing::WithParamInterface<verification_card> {};

TEST_P(BraintreeVerificationCards, DeclineTheVerificationAndVaultNothing) {
  auto v = vault(GetParam().number);
  EXPECT_TRUE(v.at("paymentMethod").is_null());
  EXPECT_EQ(v.at("verification").at("status"), GetParam().status.c_str());
  EXPECT_EQ(v.at("verification").at("processorResponse").at("legacyCode"), GetParam().code.c_str());
  EXPECT_EQ(bt_stats().at("vaulted_payment_methods"), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Sandbox, BraintreeVerificationCards,
    ::testing::Values(verification_card{"4000111111111115", "PROCESSOR_DECLINED", "2000"},
                      verification_card{"5105105105105100", "PROCESSOR_DECLINED", "2000"},
                      verification_card{"378734493671000", "PROCESSOR_DECLINED", "2000"},
                      verification_card{"6011000990139424", "PROCESSOR_DECLINED", "2000"},
                      verification_card{"3566002020360505", "FAILED", "3000"}));

TEST_F(BraintreeVault, DeletedPaymentMethodsCannotBeCharged) {
  const auto pm = s(vault("5555555555554444").at("paymentMethod").at("id"));
  auto d = data(gql(bt_queries::delete_payment_method, {{"input", {{"paymentMethodId", pm}}}}));
  EXPECT_TRUE(d.at("deletePaymentMethodFromVault").at("clientMutationId").is_null());
  auto again =
      first_error(gql(bt_queries::delete_payment_method, {{"input", {{"paymentMethodId", pm}}}}));
  EXPECT_EQ(again.at("extensions").at("errorClass"), "NOT_FOUND");
  auto charge = first_error(gql(bt_queries::charge_payment_method, txn_input(pm, "5.00")));
  EXPECT_EQ(charge.at("extensions").at("errorClass"), "NOT_FOUND");
}

TEST_F(BraintreeVault, ACustomerIdMustBeACustomersGlobalId) {
  boost::json::object input{{"paymentMethodId", tokenize()}, {"customerId", "shopper-1"}};
  auto e = first_error(gql(bt_queries::vault_payment_method, {{"input", input}}));
  EXPECT_EQ(e.at("extensions").at("errorClass"), "NOT_FOUND");
  EXPECT_EQ(e.at("extensions").at("inputPath").at(1), "customerId");
  auto without = vault("4111111111111111", "");
  EXPECT_FALSE(s(without.at("paymentMethod").at("customer").at("id")).empty());
}

class BraintreeDisputes : public braintree_test {
 protected:
  // A settled transaction with an open dispute; the dispute's global id.
  std::string disputed(const std::string& amount = "25.00") {
    auto t = settled(amount);
    auto r = control("/transactions/" + s(t.at("legacyId")) + "/dispute");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? s(r.json().at("id")) : "";
  }
  boost::json::object dispute(const std::string& id) {
    return data(gql(bt_queries::dispute, {{"id", id}})).at("node").as_object();
  }
  http_reply mutate(std::string_view q, const std::string& id, boost::json::object extra = {}) {
    extra["disputeId"] = id;
    return gql(q, {{"input", extra}});
  }
};

TEST_F(BraintreeDisputes, OpenEvidenceFinalizeThenWon) {
  const auto id = disputed();
  auto d = dispute(id);
  EXPECT_EQ(d.at("status"), "OPEN");
  EXPECT_EQ(d.at("amountDisputed").at("value"), "25.00");
  EXPECT_FALSE(s(d.at("replyByDate")).empty());
  const auto legacy = s(d.at("legacyId"));
  ASSERT_TRUE(wait_webhook({"<kind>dispute_opened</kind>", "<id>" + legacy + "</id>"}));

  auto ev = data(mutate(bt_queries::create_dispute_text_evidence, id,
                        {{"category", "GENERAL"}, {"content", "Delivered 2026-01-04"}}));
  EXPECT_FALSE(s(ev.at("createDisputeTextEvidence").at("evidence").at("id")).empty());
  auto fin = data(mutate(bt_queries::finalize_dispute, id));
  EXPECT_EQ(fin.at("finalizeDispute").at("dispute").at("status"), "DISPUTED");
  ASSERT_TRUE(wait_webhook({"<kind>dispute_disputed</kind>", "<id>" + legacy + "</id>"}));
  auto late = first_error(mutate(bt_queries::accept_dispute, id));
  EXPECT_EQ(late.at("extensions").at("legacyCode"), "95704");
  auto more = first_error(mutate(bt_queries::create_dispute_text_evidence, id, {{"content", "x"}}));
  EXPECT_EQ(more.at("extensions").at("legacyCode"), "95701");

  auto won = control("/disputes/" + legacy + "/resolve", {{"outcome", "won"}});
  ASSERT_EQ(won.status, 200) << won.body;
  EXPECT_EQ(dispute(id).at("status"), "WON");
  EXPECT_TRUE(wait_webhook({"<kind>dispute_won</kind>", "<status>won</status>"}));
}

TEST_F(BraintreeDisputes, AcceptedAndLost) {
  const auto a = disputed();
  auto acc = data(mutate(bt_queries::accept_dispute, a));
  EXPECT_EQ(acc.at("acceptDispute").at("dispute").at("status"), "ACCEPTED");
  EXPECT_EQ(control("/disputes/" + s(dispute(a).at("legacyId")) + "/resolve", {{"outcome", "won"}})
                .status,
            422);
  const auto l = disputed("30.00");
  const auto legacy = s(dispute(l).at("legacyId"));
  EXPECT_EQ(control("/disputes/" + legacy + "/resolve", {{"outcome", "lost"}}).status, 200);
  EXPECT_EQ(dispute(l).at("status"), "LOST");
  EXPECT_TRUE(wait_webhook({"<kind>dispute_lost</kind>", "<id>" + legacy + "</id>",
                            "<amount-disputed>30.00</amount-disputed>"}));
}

TEST_F(BraintreeDisputes, OnlyChargedTransactionsCanBeDisputed) {
  auto auth = pay("10.00", false);
  EXPECT_EQ(control("/transactions/" + s(auth.at("legacyId")) + "/dispute").status, 422);
  auto missing = first_error(mutate(bt_queries::accept_dispute, "ZGlzcHV0ZV9ub25l"));
  EXPECT_EQ(missing.at("extensions").at("errorClass"), "NOT_FOUND");
}

}  // namespace
}  // namespace processor_sim::testing
