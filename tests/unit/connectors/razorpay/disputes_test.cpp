// Disputes: get, accept and contest (document ids per evidence field), and every status.
#include "test_support.hpp"

namespace razorpay_test {
namespace {

constexpr const char* dispute_id = "disp_NtF0kqyNq5jXYd";
constexpr const char* doc_type = "application/vnd.razorpay.document-id";

evidence_document doc(const char* id, std::string processor_type,
                      evidence_type t = evidence_type::unspecified) {
  evidence_document d;
  d.type = t;
  d.content = id;
  d.content_type = doc_type;
  d.processor_type = std::move(processor_type);
  return d;
}

submit_evidence_request evidence() {
  submit_evidence_request r;
  r.dispute_id = dispute_id;
  r.text = "Delivered on 2024-03-02; the customer signed for it.";
  r.documents = {doc("doc_NtF2hWcXJq7sK1", "shipping_proof"),
                 doc("doc_NtF2iAb3CdEfGh", "", evidence_type::shipping_proof),
                 doc("doc_NtF2jKl4MnOpQr", "", evidence_type::receipt),
                 doc("doc_NtF2kSt5UvWxYz", "others")};
  r.submit = true;
  return r;
}

dispute_result get_with(const std::string& golden_name) {
  return drive(&cs::domain::flow_table::get_dispute, dispute_request{{}, dispute_id},
               {reply(200, golden_name)})
      .value();
}

TEST(RazorpayDisputes, GetGoldenRequest) {
  auto run = drive(&cs::domain::flow_table::get_dispute, dispute_request{{}, dispute_id}, {});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_dispute");
}

TEST(RazorpayDisputes, EveryStatus) {
  EXPECT_EQ(get_with("dispute_open.response.json").status, dispute_status::opened);
  EXPECT_EQ(get_with("dispute_under_review.response.json").status, dispute_status::challenged);
  EXPECT_EQ(get_with("dispute_won.response.json").status, dispute_status::won);
  EXPECT_EQ(get_with("dispute_lost.response.json").status, dispute_status::lost);
  EXPECT_EQ(get_with("dispute_closed.response.json").status, dispute_status::expired);
  auto unknown = get_with("dispute_unknown.response.json");
  EXPECT_EQ(unknown.status, dispute_status::unrecognized);
  EXPECT_EQ(unknown.processor_status, "arbitration");
  EXPECT_EQ(unknown.dispute_id, dispute_id);
}

TEST(RazorpayDisputes, AcceptPostsAndLostMeansAccepted) {
  auto run = drive(&cs::domain::flow_table::accept_dispute, dispute_request{{}, dispute_id},
                   {reply(200, "dispute_lost.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "accept_dispute");
  EXPECT_EQ(run.value().status, dispute_status::accepted);
  EXPECT_EQ(run.value().processor_status, "lost");
}

TEST(RazorpayDisputes, ContestGoldenRequestGroupsDocumentsPerField) {
  auto run = drive(&cs::domain::flow_table::submit_evidence, evidence(),
                   {reply(200, "dispute_under_review.response.json")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "submit_evidence");
  EXPECT_EQ(run.value().status, dispute_status::challenged);
}

TEST(RazorpayDisputes, DraftWhenNotSubmitting) {
  auto r = evidence();
  r.submit = false;
  EXPECT_EQ(
      body_string(drive(&cs::domain::flow_table::submit_evidence, r, {}).requests.at(0), "action"),
      "draft");
}

TEST(RazorpayDisputes, UnknownFieldOrRawBytesAreRefusedNamingTheDocument) {
  auto r = evidence();
  r.documents[1].processor_type = "receipt";
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field,
            "documents[1].processor_type");
  r = evidence();
  r.documents[2].content = "%PDF-1.7 raw bytes";
  r.documents[2].content_type = "application/pdf";
  auto e = drive(&cs::domain::flow_table::submit_evidence, r, {}).err();
  EXPECT_EQ(e.field, "documents[2].content");
  EXPECT_NE(e.message.find("doc_"), std::string::npos);
}

TEST(RazorpayDisputes, SummaryLimitAndEmptyContest) {
  auto r = evidence();
  r.text = std::string(1001, 'x');
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field, "text");
  r.text.clear();
  r.documents.clear();
  EXPECT_EQ(drive(&cs::domain::flow_table::submit_evidence, r, {}).err().field, "documents");
}

TEST(RazorpayDisputes, DefendIsUnimplementedAndIdsAreChecked) {
  const auto& c = cs::connectors::razorpay::descriptor();
  EXPECT_EQ(c.flows.defend_dispute, nullptr);
  EXPECT_EQ(flow_not_offered(c, flow::defend_dispute).code, error_code::unimplemented);
  EXPECT_EQ(
      drive(&cs::domain::flow_table::get_dispute, dispute_request{{}, "dp_123"}, {}).err().field,
      "connector_dispute_id");
}

}  // namespace
}  // namespace razorpay_test
