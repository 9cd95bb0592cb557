// accept (close), submit_evidence (file ids only), get_dispute; no defend.
#include "test_support.hpp"

namespace stripe_test {
namespace {

constexpr const char* dp_id = "dp_1NtxAB2eZvKYlo2C5XbGcMq1";
constexpr const char* file_type = "application/vnd.stripe.file-id";

submit_evidence_request evidence() {
  submit_evidence_request r;
  r.dispute_id = dp_id;
  r.text = "Customer signed for the parcel on 2023-09-14; tracking 1Z999AA10123456784.";
  r.documents.push_back({evidence_type::receipt, "file_1NtyCD2eZvKYlo2CrcPt0aB1", file_type, ""});
  r.documents.push_back(
      {evidence_type::other, "file_1NtyCE2eZvKYlo2CQeLk9xY2", file_type, "shipping_documentation"});
  r.submit = true;
  return r;
}

TEST(StripeDisputes, AcceptClosesTheDispute) {
  dispute_request r{{}, dp_id};
  auto run =
      drive(&cs::domain::flow_table::accept_dispute, r, {reply(200, "dispute_lost.response.json")});
  expect_golden_request(run.requests.at(0), "accept_dispute");
  EXPECT_EQ(run.value().status, dispute_status::accepted);
  EXPECT_EQ(run.value().processor_status, "lost");
  EXPECT_EQ(run.value().dispute_id, dp_id);
  auto inquiry = drive(&cs::domain::flow_table::accept_dispute, r,
                       {reply(200, "dispute_warning_closed.response.json")});
  EXPECT_EQ(inquiry.value().status, dispute_status::accepted);
}

TEST(StripeDisputes, SubmitEvidenceMatchesGolden) {
  auto run = drive(&cs::domain::flow_table::submit_evidence, evidence(),
                   {reply(200, "dispute_under_review.response.json")});
  expect_golden_request(run.requests.at(0), "submit_evidence");
  EXPECT_EQ(run.value().status, dispute_status::challenged);
}

TEST(StripeDisputes, StagingEvidenceSendsSubmitFalse) {
  auto r = evidence();
  r.submit = false;
  auto run = drive(&cs::domain::flow_table::submit_evidence, r,
                   {reply(200, "dispute_needs_response.response.json")});
  EXPECT_EQ(form_value(run.requests.at(0), "submit"), "false");
  EXPECT_EQ(run.value().status, dispute_status::opened);
}

TEST(StripeDisputes, EvidenceTypeChoosesTheFieldWhenNoProcessorType) {
  auto r = evidence();
  r.documents = {{evidence_type::customer_communication, "file_A1", file_type, ""},
                 {evidence_type::other, "file_B2", file_type, ""}};
  auto run = drive(&cs::domain::flow_table::submit_evidence, r, {});
  EXPECT_EQ(form_value(run.requests.at(0), "evidence[customer_communication]"), "file_A1");
  EXPECT_EQ(form_value(run.requests.at(0), "evidence[uncategorized_file]"), "file_B2");
}

TEST(StripeDisputes, RawDocumentBytesAreRejectedPointingToTheFilesApi) {
  auto r = evidence();
  r.documents[1].content = "%PDF-1.7 binary";
  r.documents[1].content_type = "application/pdf";
  auto run = drive(&cs::domain::flow_table::submit_evidence, r, {});
  EXPECT_TRUE(run.requests.empty());
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "documents[1].content");
  EXPECT_NE(e.message.find("Files API"), std::string::npos) << e.message;
  r = evidence();
  r.documents[0].content_type = "text/plain";  // a file id, but not declared as one
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field,
            "documents[0].content");
}

TEST(StripeDisputes, UnknownOrTextFieldAsProcessorTypeIsRejected) {
  auto r = evidence();
  r.documents[0].processor_type = "uncategorized_text";
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field,
            "documents[0].processor_type");
  r.documents[0].processor_type = "evidence[receipt]";
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field,
            "documents[0].processor_type");
}

TEST(StripeDisputes, OneFilePerField) {
  auto r = evidence();
  r.documents[1].processor_type = "receipt";
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field,
            "documents[1].processor_type");
}

TEST(StripeDisputes, NothingToSendIsRejected) {
  submit_evidence_request r;
  r.dispute_id = dp_id;
  r.submit = false;
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().code,
            error_code::invalid_argument);
}

TEST(StripeDisputes, SameEvidenceSameKeyOtherEvidenceOtherKey) {
  auto a = drive(&cs::domain::flow_table::submit_evidence, evidence(), {}).requests.at(0);
  auto b = drive(&cs::domain::flow_table::submit_evidence, evidence(), {}).requests.at(0);
  auto other = evidence();
  other.text += " More.";
  auto c = drive(&cs::domain::flow_table::submit_evidence, other, {}).requests.at(0);
  EXPECT_EQ(a.idempotency_key, b.idempotency_key);
  EXPECT_NE(a.idempotency_key, c.idempotency_key);
}

TEST(StripeDisputes, GetDispute) {
  dispute_request r{{}, dp_id};
  auto run = drive(&cs::domain::flow_table::get_dispute, r,
                   {reply(200, "dispute_needs_response.response.json")});
  expect_golden_request(run.requests.at(0), "get_dispute");
  EXPECT_EQ(run.value().status, dispute_status::opened);
  EXPECT_EQ(run.value().processor_status, "needs_response");
}

TEST(StripeDisputes, DisputeIdIsChecked) {
  dispute_request r{{}, "ch_123"};
  auto run = drive(&cs::domain::flow_table::get_dispute, r, {});
  EXPECT_TRUE(run.requests.empty());
  EXPECT_EQ(run.err().field, "connector_dispute_id");
}

TEST(StripeDisputes, DefendIsUnimplemented) {
  defend_dispute_request r{{}, dp_id, "product_not_received"};
  const auto& c = cs::connectors::stripe::descriptor();
  EXPECT_EQ(c.flows.defend_dispute, nullptr);
  EXPECT_EQ(flow_not_offered(c, flow::defend_dispute).code, error_code::unimplemented);
  (void)r;
}

}  // namespace
}  // namespace stripe_test
