#include "sim_fixture.hpp"

namespace processor_sim::testing {
namespace {

const std::string disputes = "/ca/services/DisputeService/v30/";

class adyen_disputes : public sim_test {
 protected:
  // A captured payment with an open dispute; returns the dispute pspReference.
  std::string open_dispute() {
    payment_psp_ = authorise(false);
    auto r = client_->request(
        "POST", "/_sim/adyen/chargebacks",
        boost::json::serialize(boost::json::object{{"pspReference", payment_psp_}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return s(r.json().at("disputePspReference"));
  }

  boost::json::value call(const std::string& operation, boost::json::object body) {
    body.emplace("merchantAccountCode", merchant);
    auto r = adyen(disputes + operation, body);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  static bool ok(const boost::json::value& v) {
    return v.at("disputeServiceResult").at("success").as_bool();
  }

  std::string payment_psp_;
};

TEST_F(adyen_disputes, chargeback_notifies_and_accept_sends_chargeback_lost) {
  const std::string dispute = open_dispute();
  auto hooks = hooks_->wait_for(2);
  const auto* opened = find_event(hooks, "NOTIFICATION_OF_CHARGEBACK", dispute);
  ASSERT_NE(opened, nullptr);
  EXPECT_EQ(opened->at("originalReference"), payment_psp_.c_str());
  EXPECT_EQ(opened->at("additionalData").at("hmacSignature").as_string(),
            adyen_signature(app_config_key(), *opened).c_str());

  auto accepted = call("acceptDispute", {{"disputePspReference", dispute}});
  EXPECT_TRUE(ok(accepted));
  hooks = hooks_->wait_for(3);
  const auto* lost = find_event(hooks, "CHARGEBACK", dispute);
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(lost->at("originalReference"), payment_psp_.c_str());

  auto again = call("acceptDispute", {{"disputePspReference", dispute}});
  EXPECT_FALSE(ok(again));
  EXPECT_FALSE(again.at("disputeServiceResult").at("errorMessage").as_string().empty());
  EXPECT_EQ(get("/_sim/adyen/disputes/" + dispute).json().at("status"), "Accepted");
}

TEST_F(adyen_disputes, supply_documents_then_defend) {
  const std::string dispute = open_dispute();
  auto reasons = call("retrieveApplicableDefenseReasons", {{"disputePspReference", dispute}});
  EXPECT_TRUE(ok(reasons));
  bool found = false;
  for (const auto& r : reasons.at("defenseReasons").as_array()) {
    found = found || r.at("defenseReasonCode") == "GoodsOrServicesProvided";
  }
  EXPECT_TRUE(found);

  boost::json::object bad_doc{{"content", "not base64!"},
                              {"contentType", "application/pdf"},
                              {"defenseDocumentTypeCode", "TIDorInvoice"}};
  EXPECT_FALSE(
      ok(call("supplyDefenseDocument", {{"disputePspReference", dispute},
                                        {"defenseDocuments", boost::json::array{bad_doc}}})));
  auto good_doc = bad_doc;
  good_doc["content"] = "JVBERi0xLjQK";  // "%PDF-1.4\n"
  EXPECT_TRUE(
      ok(call("supplyDefenseDocument", {{"disputePspReference", dispute},
                                        {"defenseDocuments", boost::json::array{good_doc}}})));

  EXPECT_FALSE(ok(call("defendDispute", {{"disputePspReference", dispute},
                                         {"defenseReasonCode", "BecauseISaidSo"}})));
  EXPECT_TRUE(ok(call("defendDispute", {{"disputePspReference", dispute},
                                        {"defenseReasonCode", "GoodsOrServicesProvided"}})));
  auto state = get("/_sim/adyen/disputes/" + dispute).json();
  EXPECT_EQ(state.at("status"), "Pending");
  EXPECT_EQ(state.at("defenseDocumentTypes").as_array().size(), 1u);
  EXPECT_FALSE(ok(call("acceptDispute", {{"disputePspReference", dispute}})));
}

TEST_F(adyen_disputes, unknown_dispute_and_uncaptured_payment_are_rejected) {
  auto unknown = call("acceptDispute", {{"disputePspReference", "0000000000000000"}});
  EXPECT_FALSE(ok(unknown));
  const std::string manual = authorise(true);
  auto r = client_->request("POST", "/_sim/adyen/chargebacks",
                            boost::json::serialize(boost::json::object{{"pspReference", manual}}));
  EXPECT_EQ(r.status, 422);
  auto no_key = client_->request("POST", "/adyen" + disputes + "acceptDispute", "{}");
  EXPECT_EQ(no_key.status, 401);
}

}  // namespace
}  // namespace processor_sim::testing
