// Disputes: GET /disputes/{id} with every status word, accept (204), and evidence as PUT
// (saved) then POST (submitted), with the draft and submit-only variants.
#include "connectors/checkout_com/replies.hpp"
#include "test_support.hpp"

namespace cko_test {
namespace {

using connector_testing::read_golden;

constexpr const char* dispute_id = "dsp_3dc29c89ce075g46136d7df7fa";

dispute_request lookup() {
  dispute_request r;
  r.dispute_id = dispute_id;
  return r;
}

submit_evidence_request evidence() {
  submit_evidence_request r;
  r.idempotency_key = "idem-evidence-1";
  r.dispute_id = dispute_id;
  r.text = "The customer signed for the parcel on 2024-05-04.";
  r.documents.push_back({evidence_type::shipping_proof,
                         "Tracking 1Z999AA10123456784, delivered 2024-05-04",
                         "text/plain; charset=utf-8", ""});
  r.documents.push_back({evidence_type::other, "file_jmbfgkjromvcrn9t4qu4",
                         "application/vnd.checkout.file-id", "invoice_or_receipt"});
  return r;
}

TEST(CheckoutComDispute, GetReadsTheStatus) {
  auto run = drive(&flow_table::get_dispute, lookup(),
                   {reply(200, read_golden("checkout_com", "dispute.response.json"))});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "get_dispute");
  const auto& d = run.value();
  EXPECT_EQ(d.status, dispute_status::opened);
  EXPECT_EQ(d.processor_status, "evidence_required");
  EXPECT_EQ(d.dispute_id, dispute_id);
}

TEST(CheckoutComDispute, EveryStatusWordIsMapped) {
  using cs::connectors::checkout_com::map_dispute_status;
  EXPECT_EQ(map_dispute_status("evidence_required"), dispute_status::opened);
  EXPECT_EQ(map_dispute_status("evidence_under_review"), dispute_status::challenged);
  EXPECT_EQ(map_dispute_status("arbitration_under_review"), dispute_status::challenged);
  EXPECT_EQ(map_dispute_status("won"), dispute_status::won);
  EXPECT_EQ(map_dispute_status("arbitration_won"), dispute_status::won);
  EXPECT_EQ(map_dispute_status("lost"), dispute_status::lost);
  EXPECT_EQ(map_dispute_status("arbitration_lost"), dispute_status::lost);
  EXPECT_EQ(map_dispute_status("accepted"), dispute_status::accepted);
  EXPECT_EQ(map_dispute_status("expired"), dispute_status::expired);
  EXPECT_EQ(map_dispute_status("resolved"), dispute_status::expired);
  EXPECT_EQ(map_dispute_status("canceled"), dispute_status::expired);
  EXPECT_EQ(map_dispute_status("needs_response"), dispute_status::unrecognized);
}

TEST(CheckoutComDispute, ReplyWithoutAStatusWordIsABadReply) {
  for (const char* body :
       {R"({"id":"dsp_x"})", R"({"status":"Won <script>"})", R"({"status":7})"}) {
    auto run = drive(&flow_table::get_dispute, lookup(), {reply(200, body)});
    EXPECT_EQ(run.err().reason, reason::bad_processor_reply) << body;
  }
}

TEST(CheckoutComDispute, AcceptIsAPostWithoutBodyAnsweredNoContent) {
  auto req = lookup();
  req.idempotency_key = "idem-accept-1";
  auto run = drive(&flow_table::accept_dispute, req, {reply(204, "")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "accept_dispute");
  EXPECT_EQ(run.value().status, dispute_status::accepted);
  EXPECT_EQ(run.value().processor_status, "accepted");
  auto refused = drive(&flow_table::accept_dispute, req,
                       {reply(403, R"({"request_id":"r-3","error_type":"processing_error",)"
                                   R"("error_codes":["dispute_action_not_allowed"]})")});
  EXPECT_EQ(refused.err().code, error_code::failed_precondition);
  EXPECT_NE(refused.err().message.find("dispute_action_not_allowed"), std::string::npos);
}

TEST(CheckoutComEvidence, SavedThenSubmitted) {
  auto run = drive(&flow_table::submit_evidence, evidence(), {reply(204, ""), reply(204, "")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[0], "dispute_evidence");
  EXPECT_EQ(run.requests[0].step, "evidence");
  expect_golden_request(run.requests[1], "dispute_submit");
  EXPECT_EQ(run.requests[1].step, "submit");
  EXPECT_EQ(run.value().status, dispute_status::challenged);
  EXPECT_EQ(run.value().processor_status, "evidence_under_review");
}

TEST(CheckoutComEvidence, DraftIsOnlySaved) {
  auto req = evidence();
  req.submit = false;
  auto run = drive(&flow_table::submit_evidence, req, {reply(204, "")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.value().status, dispute_status::opened);
}

TEST(CheckoutComEvidence, NothingNewSubmitsWhatWasSaved) {
  auto req = evidence();
  req.text.clear();
  req.documents.clear();
  auto run = drive(&flow_table::submit_evidence, req, {reply(204, "")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "dispute_submit");
  EXPECT_EQ(run.value().status, dispute_status::challenged);
  req.submit = false;
  EXPECT_EQ(drive(&flow_table::submit_evidence, req, {}).err().field, "documents");
}

TEST(CheckoutComEvidence, ARefusedStepEndsTheFlow) {
  auto saved = drive(&flow_table::submit_evidence, evidence(),
                     {reply(422, R"({"error_type":"request_invalid"})")});
  EXPECT_EQ(saved.requests.size(), 1u);
  EXPECT_EQ(saved.err().code, error_code::invalid_argument);
  auto submitted =
      drive(&flow_table::submit_evidence, evidence(), {reply(204, ""), reply(403, "{}")});
  EXPECT_EQ(submitted.requests.size(), 2u);
  EXPECT_EQ(submitted.err().code, error_code::failed_precondition);
}

TEST(CheckoutComEvidence, WhatCheckoutComCannotTakeIsRefusedNamingTheField) {
  auto pdf = evidence();
  pdf.documents[0].content_type = "application/pdf";
  EXPECT_EQ(drive(&flow_table::submit_evidence, pdf, {}).err().field, "documents[0].content_type");
  auto long_text = evidence();
  long_text.text = std::string(501, 'a');
  EXPECT_EQ(drive(&flow_table::submit_evidence, long_text, {}).err().field, "text");
  auto utf8 = evidence();
  utf8.text.clear();
  for (int i = 0; i < 500; ++i) utf8.text += "\xC3\xA9";  // 500 characters, 1000 bytes
  EXPECT_EQ(drive(&flow_table::submit_evidence, utf8, {}).requests.size(), 1u);
  auto binary = evidence();
  binary.documents[0].content = "\xFF\xFE";
  EXPECT_EQ(drive(&flow_table::submit_evidence, binary, {}).err().field, "documents[0].content");
  auto bad_type = evidence();
  bad_type.documents[1].processor_type = "receipt";
  EXPECT_EQ(drive(&flow_table::submit_evidence, bad_type, {}).err().field,
            "documents[1].processor_type");
  auto bad_file = evidence();
  bad_file.documents[1].content = "https://files.example/receipt.pdf";
  EXPECT_EQ(drive(&flow_table::submit_evidence, bad_file, {}).err().field, "documents[1].content");
  auto twice = evidence();
  twice.documents.push_back({evidence_type::other, "more", "text/plain", ""});
  auto e = drive(&flow_table::submit_evidence, twice, {}).err();
  EXPECT_EQ(e.field, "documents[2].content");
  EXPECT_NE(e.message.find("additional_evidence_text"), std::string::npos);
}

TEST(CheckoutComDispute, IdsAreCheckedBeforeAnyCall) {
  for (const char* bad : {"", "dp_123", "dsp_", "dsp_abc/../../payments", "dsp_abc def"}) {
    auto req = lookup();
    req.dispute_id = bad;
    auto run = drive(&flow_table::get_dispute, req, {});
    EXPECT_TRUE(run.requests.empty()) << bad;
    EXPECT_EQ(run.err().field, "connector_dispute_id") << bad;
  }
  auto short_id = lookup();
  short_id.dispute_id = "dsp_rbhwd2qrg13uhrp2newf";  // the spec's example: 20 characters
  EXPECT_EQ(drive(&flow_table::get_dispute, short_id, {}).requests.size(), 1u);
}

}  // namespace
}  // namespace cko_test
