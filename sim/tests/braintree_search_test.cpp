// Charging once without idempotency: the connector's lookup (search.transactions by orderId and
// the merchant accounts), the double-charge counter, a lookup after a reset-after-apply fault,
// the search-index lag knob, node and idFromLegacyId.
#include "braintree_fixture.hpp"

#include <thread>

namespace processor_sim::testing {
namespace {

class BraintreeSearch : public braintree_test {
 protected:
  boost::json::object lookup(const std::string& order) {
    auto d = data(gql(bt_queries::lookup, {{"search", {{"orderId", {{"is", order}}}}}}));
    return d;
  }
  static std::size_t hits(const boost::json::object& d) {
    return d.at("search").at("transactions").at("edges").as_array().size();
  }
};

TEST_F(BraintreeSearch, TheLookupFindsTheOrderAndTheAccountsCurrencies) {
  auto t = pay("10.50", true, "order-1001");
  pay("10.50", true, "order-other");
  auto d = lookup("order-1001");
  ASSERT_EQ(hits(d), 1u);
  const auto& node = d.at("search").at("transactions").at("edges").at(0).at("node");
  EXPECT_EQ(node.at("id"), t.at("id"));
  EXPECT_EQ(node.at("status"), "SUBMITTED_FOR_SETTLEMENT");
  const auto& accounts =
      d.at("viewer").at("merchant").at("merchantAccounts").at("edges").as_array();
  ASSERT_EQ(accounts.size(), 3u);
  EXPECT_EQ(accounts[0].at("node").at("id"), "sim_usd");
  EXPECT_EQ(accounts[0].at("node").at("currencyCode"), "USD");
  EXPECT_EQ(accounts[0].at("node").at("isDefault"), true);
  EXPECT_EQ(accounts[2].at("node").at("currencyCode"), "JPY");
  EXPECT_EQ(hits(lookup("order-none")), 0u);
  // The accounts filter the connector may pass.
  auto one = data(gql(bt_queries::lookup, {{"search", {{"orderId", {{"is", "x"}}}}},
                                           {"accounts", {{"id", {{"is", "sim_eur"}}}}}}));
  EXPECT_EQ(one.at("viewer").at("merchant").at("merchantAccounts").at("edges").as_array().size(),
            1u);
}

TEST_F(BraintreeSearch, ASecondApprovedChargeOfTheSameOrderAndAmountIsADoubleCharge) {
  pay("10.00", true, "order-7");
  pay("2000.00", true, "order-7");  // declined: no charge
  pay("11.00", true, "order-7");    // another amount: the reference was reused, not a double
  EXPECT_EQ(bt_stats().at("double_charges"), 0);
  pay("10.00", true, "order-7");
  auto stats = bt_stats();
  EXPECT_EQ(stats.at("charges"), 3);
  EXPECT_EQ(stats.at("double_charges"), 1);
  EXPECT_EQ(stats.at("declines"), 1);
}

TEST_F(BraintreeSearch, AChargeWhoseAnswerWasLostIsFoundByItsOrderId) {
  auto r = gql(bt_queries::charge_payment_method, txn_input(tokenize(), "10.00", "order-lost"),
               {{"X-Sim-Fault", "reset-after-apply"}});
  EXPECT_TRUE(r.error) << "the answer should have been cut";
  auto d = lookup("order-lost");
  ASSERT_EQ(hits(d), 1u);
  EXPECT_EQ(d.at("search").at("transactions").at("edges").at(0).at("node").at("status"),
            "SUBMITTED_FOR_SETTLEMENT");
  EXPECT_EQ(bt_stats().at("charges"), 1);
}

TEST_F(BraintreeSearch, TheSearchIndexCanLag) {
  sim_config cfg;
  cfg.braintree.search_lag_ms = 300;
  start(cfg);
  auto t = pay("10.00", true, "order-lag");
  EXPECT_EQ(hits(lookup("order-lag")), 0u);
  EXPECT_EQ(transaction(s(t.at("id"))).at("status"), "SUBMITTED_FOR_SETTLEMENT");  // node sees it
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  EXPECT_EQ(hits(lookup("order-lag")), 1u);
}

TEST_F(BraintreeSearch, NodeAndIdFromLegacyIdSpeakGlobalIds) {
  auto t = pay("10.00", false);
  auto by_node = transaction(s(t.at("id")));
  EXPECT_EQ(by_node.at("legacyId"), t.at("legacyId"));
  auto missing = first_error(gql(bt_queries::transaction, {{"id", "dHJhbnNhY3Rpb25fbm9uZXhpc3Q"}}));
  EXPECT_EQ(missing.at("extensions").at("errorClass"), "NOT_FOUND");
  // A legacy id is not a node id.
  auto legacy = first_error(gql(bt_queries::transaction, {{"id", t.at("legacyId")}}));
  EXPECT_EQ(legacy.at("extensions").at("errorClass"), "NOT_FOUND");
  auto bad_type = gql(bt_queries::id_from_legacy_id, {{"legacyId", "abc"}, {"type", "PLANET"}});
  EXPECT_TRUE(bad_type.json().as_object().contains("errors"));
  auto dispute_id =
      data(gql(bt_queries::id_from_legacy_id, {{"legacyId", "csdp0x7k"}, {"type", "DISPUTE"}}));
  EXPECT_EQ(dispute_id.at("idFromLegacyId"), "ZGlzcHV0ZV9jc2RwMHg3aw");
}

}  // namespace
}  // namespace processor_sim::testing
