// The simulator's Braintree tests send a copy of the connector's GraphQL documents
// (sim/tests/braintree_queries.hpp: the simulator includes none of the service's code); this
// fails when the copy and connectors/braintree/queries.hpp part, so the simulator keeps being
// tested with what the connector really sends.
#include <gtest/gtest.h>

#include "connectors/braintree/queries.hpp"
#include "sim/tests/braintree_queries.hpp"

namespace {

namespace connector = cs::connectors::braintree::queries;
namespace sim = processor_sim::testing::braintree_queries;

TEST(BraintreeQueries, TheSimulatorTestsSendTheConnectorsDocuments) {
  EXPECT_EQ(connector::lookup, sim::lookup) << "lookup";
  EXPECT_EQ(connector::tokenize_credit_card, sim::tokenize_credit_card) << "tokenize_credit_card";
  EXPECT_EQ(connector::authorize_payment_method, sim::authorize_payment_method)
      << "authorize_payment_method";
  EXPECT_EQ(connector::charge_payment_method, sim::charge_payment_method)
      << "charge_payment_method";
  EXPECT_EQ(connector::transaction, sim::transaction) << "transaction";
  EXPECT_EQ(connector::refund, sim::refund) << "refund";
  EXPECT_EQ(connector::capture_transaction, sim::capture_transaction) << "capture_transaction";
  EXPECT_EQ(connector::reverse_transaction, sim::reverse_transaction) << "reverse_transaction";
  EXPECT_EQ(connector::refund_transaction, sim::refund_transaction) << "refund_transaction";
  EXPECT_EQ(connector::id_from_legacy_id, sim::id_from_legacy_id) << "id_from_legacy_id";
  EXPECT_EQ(connector::vault_payment_method, sim::vault_payment_method) << "vault_payment_method";
  EXPECT_EQ(connector::delete_payment_method, sim::delete_payment_method)
      << "delete_payment_method";
  EXPECT_EQ(connector::dispute, sim::dispute) << "dispute";
  EXPECT_EQ(connector::accept_dispute, sim::accept_dispute) << "accept_dispute";
  EXPECT_EQ(connector::create_dispute_text_evidence, sim::create_dispute_text_evidence)
      << "create_dispute_text_evidence";
  EXPECT_EQ(connector::finalize_dispute, sim::finalize_dispute) << "finalize_dispute";
}

}  // namespace
