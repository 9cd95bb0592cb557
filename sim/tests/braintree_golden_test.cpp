// Replays every request the connector's unit tests pin (tests/golden/braintree/*.request.json:
// its headers, its operation, its variables) against the simulator with the connector's query
// documents, and expects no GraphQL error: the simulator accepts exactly what the connector sends.
// Ids in the golden files name objects of the unit tests; they are swapped for live ones of the
// state each step needs (an authorized transaction to capture, a settled one to refund, ...).
#include "braintree_fixture.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace processor_sim::testing {
namespace {

std::string_view query_for(const std::string& operation) {
  static const std::map<std::string, std::string_view> by_operation{
      {"query Lookup", bt_queries::lookup},
      {"mutation TokenizeCreditCard", bt_queries::tokenize_credit_card},
      {"mutation AuthorizePaymentMethod", bt_queries::authorize_payment_method},
      {"mutation ChargePaymentMethod", bt_queries::charge_payment_method},
      {"query Transaction", bt_queries::transaction},
      {"query Refund", bt_queries::refund},
      {"mutation CaptureTransaction", bt_queries::capture_transaction},
      {"mutation ReverseTransaction", bt_queries::reverse_transaction},
      {"mutation RefundTransaction", bt_queries::refund_transaction},
      {"query IdFromLegacyId", bt_queries::id_from_legacy_id},
      {"mutation VaultPaymentMethod", bt_queries::vault_payment_method},
      {"mutation DeletePaymentMethodFromVault", bt_queries::delete_payment_method},
      {"query Dispute", bt_queries::dispute},
      {"mutation AcceptDispute", bt_queries::accept_dispute},
      {"mutation CreateDisputeTextEvidence", bt_queries::create_dispute_text_evidence},
      {"mutation FinalizeDispute", bt_queries::finalize_dispute},
  };
  auto it = by_operation.find(operation);
  return it == by_operation.end() ? std::string_view{} : it->second;
}

void replace_strings(boost::json::value& v,
                     const std::function<std::optional<std::string>(const std::string&)>& swap) {
  if (auto* o = v.if_object()) {
    for (auto& [k, item] : *o) replace_strings(item, swap);
  } else if (auto* a = v.if_array()) {
    for (auto& item : *a) replace_strings(item, swap);
  } else if (v.is_string()) {
    if (auto to = swap(std::string(v.as_string()))) v = *to;
  }
}

class BraintreeGolden : public braintree_test {
 protected:
  void SetUp() override {
    public_key_ = "cstestpublickey1";
    private_key_ = "cstestprivatekey0000000000000001";
    sim_config cfg;
    cfg.braintree.public_key = public_key_;
    cfg.braintree.private_key = private_key_;
    cfg.braintree.merchant_accounts = {{"cs_test_usd", "USD", true}, {"cs_test_eur", "EUR", false}};
    start(cfg);
  }
};

TEST_F(BraintreeGolden, EveryGoldenRequestIsAnsweredWithoutErrors) {
  const std::filesystem::path dir = std::filesystem::path(CS_GOLDEN_DIR) / "braintree";
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().string().ends_with(".request.json")) files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 15u) << dir;
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto golden = boost::json::parse(text.str()).as_object();
    const std::string step(golden.at("step").as_string());
    const auto query = query_for(std::string(golden.at("operation").as_string()));
    ASSERT_FALSE(query.empty()) << "no query for " << golden.at("operation");
    EXPECT_EQ(golden.at("target"), "/graphql");
    // Live objects in the state this step needs.
    auto swap = [&](const std::string& v) -> std::optional<std::string> {
      if (v.starts_with("tokencc_")) return tokenize();
      if (v == "dHJhbnNhY3Rpb25fY3M3cTJ4OW0") {  // transaction_cs7q2x9m
        return s((step == "refund" ? settled("10.50") : pay("10.50", false)).at("id"));
      }
      if (v == "cs7q2x9m") return s(pay("10.50", false).at("legacyId"));
      if (v == "cGF5bWVudG1ldGhvZF9jY19jc3Rlc3Q") {  // paymentmethod_cc_cstest
        auto d = data(
            gql(bt_queries::vault_payment_method, {{"input", {{"paymentMethodId", tokenize()}}}}));
        return s(d.at("vaultPaymentMethod").at("paymentMethod").at("id"));
      }
      if (v == "ZGlzcHV0ZV9jc2RwMHg3aw") {  // dispute_csdp0x7k
        auto t = settled("25.00");
        return s(control("/transactions/" + s(t.at("legacyId")) + "/dispute").json().at("id"));
      }
      return std::nullopt;
    };
    boost::json::value variables = golden.at("variables");
    replace_strings(variables, swap);
    std::map<std::string, std::string> headers;
    for (const auto& [k, v] : golden.at("headers").as_object())
      headers[k] = std::string(v.as_string());
    headers["Content-Type"] = std::string(golden.at("content_type").as_string());
    const boost::json::object body{{"query", query}, {"variables", variables}};
    auto r = client_->request(std::string(golden.at("method").as_string()), "/braintree/graphql",
                              boost::json::serialize(body), headers);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.json().as_object().contains("errors")) << r.body;
    EXPECT_TRUE(r.json().at("data").is_object()) << r.body;
  }
}

}  // namespace
}  // namespace processor_sim::testing
