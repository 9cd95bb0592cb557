// accept / defend / supply documents through DisputeService.
#include "test_support.hpp"

namespace adyen_test {
namespace {

constexpr const char* dispute_id = "DZ4DPSHB4WD2WN82";

submit_evidence_request evidence_req() {
  submit_evidence_request r;
  r.dispute_id = dispute_id;
  evidence_document invoice;
  invoice.type = evidence_type::receipt;
  invoice.content = "%PDF-1.4 invoice";
  invoice.content_type = "application/pdf";
  evidence_document label;
  label.type = evidence_type::shipping_proof;
  label.content = "tracking 1Z999";
  label.content_type = "text/plain";
  label.processor_type = "ShippingLabel";
  r.documents = {invoice, label};
  return r;
}

defend_dispute_request defend_req() {
  return {{}, dispute_id, "GoodsOrServicesProvided"};
}

TEST(AdyenDisputes, AcceptMatchesGolden) {
  auto c = creds();
  expect_golden_request(request_of(cs::connectors::adyen::descriptor().flows.accept_dispute(
                            {{}, dispute_id}, flow_context{c, {}})),
                        "accept_dispute");
}

TEST(AdyenDisputes, DefendMatchesGolden) {
  auto c = creds();
  expect_golden_request(request_of(cs::connectors::adyen::descriptor().flows.defend_dispute(
                            defend_req(), flow_context{c, {}})),
                        "defend_dispute");
}

TEST(AdyenDisputes, SupplyDocumentsMatchesGolden) {
  auto c = creds();
  expect_golden_request(request_of(cs::connectors::adyen::descriptor().flows.submit_evidence(
                            evidence_req(), flow_context{c, {}})),
                        "submit_evidence");
}

TEST(AdyenDisputes, DefendNeedsReasonCode) {
  auto c = creds();
  auto r = defend_req();
  r.reason_code.clear();
  auto e =
      error_of(cs::connectors::adyen::descriptor().flows.defend_dispute(r, flow_context{c, {}}));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "reason_code");
}

TEST(AdyenDisputes, EvidenceNeedsDocuments) {
  auto c = creds();
  auto r = evidence_req();
  r.documents.clear();
  r.text = "we shipped it";
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.submit_evidence(r, flow_context{c, {}}))
          .field,
      "documents");
  r = evidence_req();
  r.documents[1].content_type.clear();
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.submit_evidence(r, flow_context{c, {}}))
          .field,
      "documents[1].content_type");
}

TEST(AdyenDisputes, AcceptSuccessIsAccepted) {
  auto d = run(&cs::domain::flow_table::accept_dispute, dispute_request{{}, dispute_id}, 200,
               golden("dispute_success.response.json"));
  ASSERT_TRUE(d.ok()) << d.err().message;
  EXPECT_EQ(d->status, dispute_status::accepted);
  EXPECT_EQ(d->dispute_id, dispute_id);
  EXPECT_FALSE(d->error);
}

TEST(AdyenDisputes, DefendAndEvidenceSuccessAreChallenged) {
  auto d = run(&cs::domain::flow_table::defend_dispute, defend_req(), 200,
               golden("dispute_success.response.json"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->status, dispute_status::challenged);
  auto e = run(&cs::domain::flow_table::submit_evidence, evidence_req(), 200,
               golden("dispute_success.response.json"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->status, dispute_status::challenged);
}

TEST(AdyenDisputes, FailureCarriesAdyensMessage) {
  auto d = run(&cs::domain::flow_table::accept_dispute, dispute_request{{}, dispute_id}, 200,
               golden("dispute_failure.response.json"));
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d->status, dispute_status::accepted);
  ASSERT_TRUE(d->error);
  EXPECT_EQ(d->error->processor_message, "Dispute is already defended or expired");
}

TEST(AdyenDisputes, ReplyWithoutResultIsBadReply) {
  auto d = run(&cs::domain::flow_table::accept_dispute, dispute_request{{}, dispute_id}, 200, "{}");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.err().reason, reason::bad_processor_reply);
}

TEST(AdyenDisputes, GetDisputeIsNotSupportedAndSaysWhy) {
  const auto& c = cs::connectors::adyen::descriptor();
  EXPECT_EQ(c.flows.get_dispute, nullptr);
  auto e = flow_not_offered(c, flow::get_dispute);
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::not_supported_by_processor);
  EXPECT_NE(e.message.find("HandleWebhook"), std::string::npos) << e.message;
}

}  // namespace
// Found by fuzz_adyen_replies: DisputeService's errorMessage is processor text like any other.
TEST(AdyenDisputes, RefusalMessageEchoingTheKeyIsScrubbed) {
  auto body = std::string(R"({"disputeServiceResult":{"errorMessage":"Dispute )") + api_key +
              R"( is already defended or expired","success":false}})";
  auto d = run(&cs::domain::flow_table::accept_dispute, dispute_request{{}, dispute_id}, 200, body);
  ASSERT_TRUE(d.ok()) << d.err().message;
  ASSERT_TRUE(d->error);
  EXPECT_EQ(d->error->processor_message.find(api_key), std::string::npos);
  EXPECT_NE(d->error->processor_message.find("already defended"), std::string::npos);
}

}  // namespace adyen_test
