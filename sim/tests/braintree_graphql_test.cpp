// The GraphQL layer: the reader of documents, projection of selection sets (aliases, fragments,
// type conditions), GraphQL errors in 200 bodies, authentication and the Braintree-Version header.
#include "braintree/braintree_graphql.hpp"
#include "braintree_fixture.hpp"

namespace processor_sim::testing {
namespace {

namespace gql = braintree::gql;

TEST(BraintreeGraphqlParser, ReadsTheConnectorsLookupWithFragmentsAndArguments) {
  const auto doc = gql::parse(std::string(bt_queries::lookup));
  ASSERT_EQ(doc.operations.size(), 1u);
  const auto& op = doc.operations[0];
  EXPECT_EQ(op.type, "query");
  EXPECT_EQ(op.name, "Lookup");
  ASSERT_EQ(op.variables.size(), 2u);
  EXPECT_EQ(op.variables[0].type, "TransactionSearchInput!");
  EXPECT_TRUE(op.variables[0].non_null);
  EXPECT_FALSE(op.variables[1].non_null);
  ASSERT_EQ(op.selections.size(), 2u);
  EXPECT_EQ(op.selections[0].name, "search");
  const auto& transactions = op.selections[0].children.at(0);
  ASSERT_EQ(transactions.arguments.size(), 2u);
  EXPECT_EQ(transactions.arguments[1].second.text, "20");
  ASSERT_TRUE(doc.fragments.count("TransactionFields"));
  EXPECT_EQ(doc.fragments.at("TransactionFields").type_condition, "Transaction");
}

TEST(BraintreeGraphqlParser, KeepsAliasesAndRefusesBadSyntaxWithItsLocation) {
  const auto doc = gql::parse("query {\n  a: node(id: \"x\") { ... on Refund { id } }\n}");
  EXPECT_EQ(doc.operations[0].selections[0].alias, "a");
  EXPECT_EQ(doc.operations[0].selections[0].name, "node");
  try {
    gql::parse("query {\n  node(id: $x { id }\n}");
    FAIL() << "parsed a broken document";
  } catch (const gql::error& e) {
    EXPECT_EQ(e.where.line, 2);
    EXPECT_GT(e.where.column, 1);
  }
  EXPECT_THROW(gql::parse("query { ping"), gql::error);
  EXPECT_THROW(gql::parse("query @skip(if: true) { ping }"), gql::error);
  EXPECT_THROW(gql::parse("subscription { ping }"), gql::error);
}

TEST(BraintreeGraphqlParser, PrepareAppliesTheDocumentRules) {
  const boost::json::object none;
  EXPECT_THROW(gql::prepare(gql::parse("query { ...F }"), "", none), gql::error);  // undefined
  EXPECT_THROW(gql::prepare(gql::parse("query { ping } fragment F on Query { ping }"), "", none),
               gql::error);  // unused fragment
  EXPECT_THROW(gql::prepare(gql::parse("query Q($id: ID!) { node(id: $id) { id } }"), "", none),
               gql::error);  // required variable missing
  EXPECT_THROW(gql::prepare(gql::parse("query Q { node(id: $id) { id } }"), "",
                            boost::json::object{{"id", "x"}}),
               gql::error);  // undeclared variable
  EXPECT_THROW(gql::prepare(gql::parse("query A { ping } query B { ping }"), "", none),
               gql::error);  // which one?
  EXPECT_NO_THROW(gql::prepare(gql::parse("query A { ping } query B { ping }"), "B", none));
}

class BraintreeGraphql : public braintree_test {};

TEST_F(BraintreeGraphql, PingAnswersPongWithARequestId) {
  auto r = gql("query { ping }");
  EXPECT_EQ(data(r).at("ping"), "pong");
  EXPECT_EQ(s(r.json().at("extensions").at("requestId")).size(), 36u);
}

TEST_F(BraintreeGraphql, AnUnknownRootFieldIsAValidationErrorIn200WithoutData) {
  auto r =
      gql("mutation Void($input: ReverseTransactionInput!) { voidTransaction(input: $input) "
          "{ clientMutationId } }",
          {{"input", {{"transactionId", "x"}}}});
  auto e = first_error(r);
  EXPECT_NE(s(e.at("message")).find("voidTransaction"), std::string::npos);
  EXPECT_EQ(e.at("extensions").at("errorClass"), "VALIDATION");
  EXPECT_EQ(e.at("locations").at(0).at("line"), 1);
  EXPECT_FALSE(r.json().as_object().contains("data"));
}

TEST_F(BraintreeGraphql, SyntaxErrorsAndUnmodelledFieldsAreRefused) {
  auto broken = first_error(gql("query { node(id: \"x\") { id }"));
  EXPECT_EQ(broken.at("extensions").at("errorClass"), "VALIDATION");
  auto t = pay("10.00", false);
  auto unknown =
      first_error(gql("query T($id: ID!) { node(id: $id) { ... on Transaction { id "
                      "riskData { decision } } } }",
                      {{"id", t.at("id")}}));
  EXPECT_NE(s(unknown.at("message")).find("riskData"), std::string::npos);
  auto no_json =
      client_->request("POST", "/braintree/graphql", "not json",
                       {{"Authorization", basic(bt_defaults.public_key, bt_defaults.private_key)},
                        {"Braintree-Version", "2019-01-01"}});
  EXPECT_EQ(no_json.status, 200);
  EXPECT_TRUE(no_json.json().as_object().contains("errors"));
}

TEST_F(BraintreeGraphql, SelectionSetsComeBackAsAskedWithAliases) {
  auto t = pay("2001.00", true);
  // The connector's TransactionFields: only the fields named, the SettlementDeclinedEvent alias.
  auto node = transaction(s(t.at("id")));
  EXPECT_EQ(node.at("__typename"), "Transaction");
  EXPECT_FALSE(node.contains("createdAt"));
  EXPECT_TRUE(node.contains("refunds"));
  auto r =
      gql("query T($id: ID!) { tx: node(id: $id) { ... on Transaction { st: status "
          "amount { v: value } } } }",
          {{"id", t.at("id")}});
  auto d = data(r);
  EXPECT_EQ(d.at("tx").at("st"), "PROCESSOR_DECLINED");
  EXPECT_EQ(d.at("tx").at("amount").at("v"), "2001.00");
  EXPECT_EQ(d.at("tx").as_object().size(), 2u);
}

TEST_F(BraintreeGraphql, WrongOrMissingKeysAre401) {
  const std::string q = R"({"query":"query { ping }"})";
  auto wrong = client_->request("POST", "/braintree/graphql", q,
                                {{"Authorization", basic(bt_defaults.public_key, "nope")},
                                 {"Braintree-Version", "2019-01-01"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json().at("errors").at(0).at("extensions").at("errorClass"), "AUTHENTICATION");
  auto none =
      client_->request("POST", "/braintree/graphql", q, {{"Braintree-Version", "2019-01-01"}});
  EXPECT_EQ(none.status, 401);
  auto bearer = client_->request("POST", "/braintree/graphql", q,
                                 {{"Authorization", "Bearer " + bt_defaults.private_key},
                                  {"Braintree-Version", "2019-01-01"}});
  EXPECT_EQ(bearer.status, 401);
}

TEST_F(BraintreeGraphql, TheBraintreeVersionHeaderIsRequired) {
  auto missing =
      client_->request("POST", "/braintree/graphql", R"({"query":"query { ping }"})",
                       {{"Authorization", basic(bt_defaults.public_key, bt_defaults.private_key)}});
  auto e = first_error(missing);
  EXPECT_NE(s(e.at("message")).find("Braintree-Version"), std::string::npos);
  auto bad = gql("query { ping }", {}, {{"Braintree-Version", "yesterday"}});
  EXPECT_TRUE(bad.json().as_object().contains("errors"));
}

}  // namespace
}  // namespace processor_sim::testing
