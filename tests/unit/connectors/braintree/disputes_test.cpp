// Disputes: get, accept, text evidence then finalize (or kept as a draft), defend = finalize;
// files are refused with the way out; a legacy dispute id is turned into a global one first.
#include "test_support.hpp"

namespace bt_test {
namespace {

std::string dispute_obj(std::string_view status) {
  return std::string(R"({"id":")") + dispute_id + R"(","legacyId":"csdp0x7k","status":")" +
         std::string(status) +
         R"(","amountDisputed":{"value":"250.00","currencyCode":"USD"},"replyByDate":"2014-03-21","transaction":{"id":")" +
         txn_id + R"("}})";
}

dispute_request dispute_req(std::string id = dispute_id) {
  dispute_request r;
  r.idempotency_key = "d-1";
  r.dispute_id = std::move(id);
  return r;
}

TEST(BraintreeDisputes, GetAndAccept) {
  auto get =
      drive(&flow_table::get_dispute, dispute_req(),
            {data(R"({"node":{"__typename":"Dispute",)" + dispute_obj("OPEN").substr(1) + "}")});
  EXPECT_EQ(get.value().status, dispute_status::opened);
  auto accept = drive(&flow_table::accept_dispute, dispute_req(),
                      {data(R"({"acceptDispute":{"dispute":)" + dispute_obj("ACCEPTED") + "}}")});
  ASSERT_EQ(accept.requests.size(), 1u);
  expect_golden_request(accept.requests[0], "accept_dispute");
  EXPECT_EQ(accept.value().status, dispute_status::accepted);
  auto legacy = drive(&flow_table::accept_dispute, dispute_req("csdp0x7k"),
                      {data(std::string(R"({"idFromLegacyId":")") + dispute_id + "\"}"),
                       data(R"({"acceptDispute":{"dispute":)" + dispute_obj("ACCEPTED") + "}}")});
  ASSERT_EQ(legacy.requests.size(), 2u);
  EXPECT_EQ(variables(legacy.requests[0]).at("type"), "DISPUTE");
  EXPECT_EQ(legacy.value().status, dispute_status::accepted);
}

submit_evidence_request evidence_req(bool submit) {
  submit_evidence_request r;
  r.idempotency_key = "ev-1";
  r.dispute_id = dispute_id;
  r.text = "Delivered 2026-01-04, tracking 1Z999AA10123456784";
  r.submit = submit;
  return r;
}

TEST(BraintreeDisputes, TextEvidenceThenFinalizeOrDraft) {
  auto run = drive(&flow_table::submit_evidence, evidence_req(true),
                   {data(R"({"createDisputeTextEvidence":{"evidence":{"id":"ev1"}}})"),
                    data(R"({"finalizeDispute":{"dispute":)" + dispute_obj("DISPUTED") + "}}")});
  ASSERT_EQ(run.requests.size(), 2u);
  expect_golden_request(run.requests[0], "submit_evidence_text");
  expect_golden_request(run.requests[1], "finalize_dispute");
  EXPECT_EQ(run.value().status, dispute_status::challenged);
  auto draft = drive(&flow_table::submit_evidence, evidence_req(false),
                     {data(R"({"createDisputeTextEvidence":{"evidence":{"id":"ev1"}}})")});
  ASSERT_EQ(draft.requests.size(), 1u);
  EXPECT_EQ(draft.value().status, dispute_status::opened);
  auto files = evidence_req(true);
  files.documents.push_back(
      evidence_document{evidence_type::receipt, "%PDF", "application/pdf", ""});
  EXPECT_EQ(drive(&flow_table::submit_evidence, files, {}).err().field, "documents");
}

TEST(BraintreeDisputes, DefendFinalizes) {
  defend_dispute_request r;
  r.idempotency_key = "df-1";
  r.dispute_id = dispute_id;
  auto run = drive(&flow_table::defend_dispute, r,
                   {data(R"({"finalizeDispute":{"dispute":)" + dispute_obj("DISPUTED") + "}}")});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.requests[0].step, "finalize");
  EXPECT_EQ(run.value().status, dispute_status::challenged);
}

TEST(BraintreeDisputes, CompleteAuthorizeSaysWhatToDoInstead) {
  complete_authorize_request r;
  r.idempotency_key = "ca-1";
  auto e = drive(&flow_table::complete_authorize, r, {}).err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_NE(e.message.find("payment_method.token"), std::string::npos);
}

}  // namespace
}  // namespace bt_test
