// PayPal Disputes v1 against canned replies in PayPal's wire format: the dispute read back and
// every status it can have, accept-claim and provide-evidence as multipart/form-data with the
// JSON part "input", PayPal's refusals, and ids refused before they reach a path.
#include <gtest/gtest.h>

#include "multipart.hpp"
#include "test_support.hpp"

namespace paypal_test {
namespace {

constexpr const char* dispute_id = "PP-D-27803";

std::string dispute(std::string_view status, std::string_view outcome = "") {
  return fmt::format(
      R"({{"dispute_id":"{}","status":"{}","reason":"MERCHANDISE_OR_SERVICE_NOT_RECEIVED",)"
      R"("dispute_amount":{{"currency_code":"USD","value":"10.50"}},)"
      R"("dispute_life_cycle_stage":"CHARGEBACK"{}}})",
      dispute_id, status,
      outcome.empty() ? "" : fmt::format(R"(,"dispute_outcome":{{"outcome_code":"{}"}})", outcome));
}

const std::string links = fmt::format(
    R"({{"links":[{{"href":"https://api-m.sandbox.paypal.com/v1/customer/disputes/{}","rel":"self","method":"GET"}}]}})",
    dispute_id);

std::string refused(std::string_view issue, std::string_view message = "") {
  return fmt::format(R"({{"name":"UNPROCESSABLE_ENTITY","message":"{}","debug_id":"f0e1d2c3b4a59",)"
                     R"("details":[{{"issue":"{}","description":"Not allowed in this state."}}]}})",
                     message.empty() ? "The requested action could not be performed." : message,
                     issue);
}

dispute_request by_id(std::string id, std::string key = "") {
  dispute_request r;
  r.dispute_id = std::move(id);
  r.idempotency_key = std::move(key);
  return r;
}

submit_evidence_request evidence(std::string text, std::vector<evidence_document> docs = {}) {
  submit_evidence_request r;
  r.dispute_id = dispute_id;
  r.idempotency_key = "ev-1";
  r.text = std::move(text);
  r.documents = std::move(docs);
  return r;
}

TEST(PayPalGetDispute, ReadsTheDisputeWithTheAccessToken) {
  auto run = drive(&flow_table::get_dispute, by_id(dispute_id),
                   {json_reply(200, dispute("WAITING_FOR_SELLER_RESPONSE"))});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& r = run.requests[0];
  EXPECT_EQ(r.method, http_method::get);
  EXPECT_EQ(r.target, "/v1/customer/disputes/PP-D-27803");
  EXPECT_EQ(header(r, "Authorization"), std::string("Bearer ") + token);
  EXPECT_TRUE(sensitive(r, "Authorization"));
  EXPECT_EQ(header(r, "PayPal-Request-Id"), "");  // a read changes nothing
  EXPECT_TRUE(r.body.empty());
  const auto& d = run.value();
  EXPECT_EQ(d.status, dispute_status::opened);
  EXPECT_EQ(d.dispute_id, dispute_id);
  EXPECT_EQ(d.processor_status, "WAITING_FOR_SELLER_RESPONSE");
  EXPECT_FALSE(d.error);
}

TEST(PayPalGetDispute, EveryStatusMapsAsTheWebhooksDo) {
  struct row {
    const char* status;
    const char* outcome;
    dispute_status want;
  };
  for (auto [status, outcome, want] : {
           row{"OPEN", "", dispute_status::opened},
           row{"WAITING_FOR_SELLER_RESPONSE", "", dispute_status::opened},
           row{"WAITING_FOR_BUYER_RESPONSE", "", dispute_status::challenged},
           row{"UNDER_REVIEW", "", dispute_status::challenged},
           row{"RESOLVED", "RESOLVED_SELLER_FAVOUR", dispute_status::won},
           row{"RESOLVED", "RESOLVED_BUYER_FAVOUR", dispute_status::lost},
           // Outcomes the mapping does not judge (CANCELED_BY_BUYER, ACCEPTED, …) stay expired.
           row{"RESOLVED", "CANCELED_BY_BUYER", dispute_status::expired},
           row{"RESOLVED", "", dispute_status::expired},
           row{"OTHER", "", dispute_status::unrecognized},
           row{"ESCALATED_TO_MARS", "", dispute_status::unrecognized},
       }) {
    auto run = drive(&flow_table::get_dispute, by_id(dispute_id),
                     {json_reply(200, dispute(status, outcome))});
    EXPECT_EQ(run.value().status, want) << status << " " << outcome;
    EXPECT_EQ(run.value().processor_status, status);
  }
}

TEST(PayPalGetDispute, AStatusThatIsNoStatusWordIsABadReply) {
  for (auto body : {dispute(std::string("open ") + token), std::string(R"({"dispute_id":"x"})"),
                    std::string()}) {
    auto run = drive(&flow_table::get_dispute, by_id(dispute_id), {json_reply(200, body)});
    auto e = run.err();
    EXPECT_EQ(e.reason, reason::bad_processor_reply) << body;
    EXPECT_EQ(e.message.find(token), std::string::npos) << e.message;
  }
}

TEST(PayPalGetDispute, UnknownDisputeIsNotFound) {
  auto run = drive(
      &flow_table::get_dispute, by_id("PP-D-00000"),
      {json_reply(
          404, R"({"name":"RESOURCE_NOT_FOUND","message":"The specified resource does not exist.",
        "debug_id":"2a1b3c4d5e6f7","details":[{"issue":"INVALID_RESOURCE_ID","field":"dispute_id",
        "location":"path","description":"Specified resource ID does not exist."}]})")});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::not_found);
  EXPECT_EQ(e.processor_code, "INVALID_RESOURCE_ID");
  EXPECT_NE(e.message.find("2a1b3c4d5e6f7"), std::string::npos) << e.message;
}

TEST(PayPalAcceptDispute, AcceptClaimIsMultipartWithTheNoteAndTheRequestId) {
  auto run =
      drive(&flow_table::accept_dispute, by_id(dispute_id, "acc-1"), {json_reply(200, links)});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& r = run.requests[0];
  EXPECT_EQ(r.method, http_method::post);
  EXPECT_EQ(r.target, "/v1/customer/disputes/PP-D-27803/accept-claim");
  EXPECT_EQ(header(r, "Authorization"), std::string("Bearer ") + token);
  EXPECT_EQ(header(r, "PayPal-Request-Id"), "acc-1");
  // Not in the Disputes spec: the pool must not replay a call that may have reached PayPal.
  EXPECT_TRUE(r.idempotency_key.empty());
  auto parts = parts_of(r);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].headers["content-disposition"], R"(form-data; name="input")");
  EXPECT_EQ(parts[0].headers["content-type"], "application/json");
  auto input = boost::json::parse(parts[0].data).as_object();
  EXPECT_EQ(input.size(), 1u);
  EXPECT_FALSE(input.at("note").as_string().empty());
  const auto& d = run.value();
  EXPECT_EQ(d.status, dispute_status::accepted);
  EXPECT_EQ(d.dispute_id, dispute_id);
  EXPECT_EQ(d.processor_status, "");  // PayPal answered links, no status
}

TEST(PayPalAcceptDispute, AlreadyResolvedIsAFailedPrecondition) {
  auto run = drive(&flow_table::accept_dispute, by_id(dispute_id, "acc-2"),
                   {json_reply(422, refused("DISPUTE_ALREADY_RESOLVED"))});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_EQ(e.processor_code, "DISPUTE_ALREADY_RESOLVED");
  EXPECT_NE(e.message.find("f0e1d2c3b4a59"), std::string::npos) << e.message;
}

TEST(PayPalSubmitEvidence, ProvideEvidenceCarriesTheInputPartAndTheFiles) {
  const std::string pdf = std::string("%PDF-1.4\r\n--not a boundary\r\n") + '\0' + "binary";
  const auto req = evidence("Shipped 2024-05-02, signed for by the cardholder",
                            {{evidence_type::receipt, pdf, "application/pdf", ""},
                             {evidence_type::refund_policy, "PNGDATA", "image/PNG", ""},
                             {evidence_type::receipt, "GIF89a", "image/gif", ""}});
  auto run = drive(&flow_table::submit_evidence, req, {json_reply(200, links)});
  ASSERT_EQ(run.requests.size(), 1u);
  const auto& r = run.requests[0];
  EXPECT_EQ(r.method, http_method::post);
  EXPECT_EQ(r.target, "/v1/customer/disputes/PP-D-27803/provide-evidence");
  EXPECT_EQ(header(r, "PayPal-Request-Id"), "ev-1");
  EXPECT_TRUE(r.idempotency_key.empty());
  auto parts = parts_of(r);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].headers["content-disposition"], R"(form-data; name="input")");
  EXPECT_EQ(parts[0].headers["content-type"], "application/json");
  auto input = boost::json::parse(parts[0].data).as_object();
  const auto& evs = input.at("evidences").as_array();
  ASSERT_EQ(evs.size(), 2u);  // one entry per evidence type
  EXPECT_EQ(evs[0].at("evidence_type").as_string(), "PROOF_OF_RECEIPT_COPY");
  EXPECT_EQ(evs[0].at("notes").as_string(), "Shipped 2024-05-02, signed for by the cardholder");
  EXPECT_EQ(evs[1].at("evidence_type").as_string(), "RETURN_POLICY");
  EXPECT_FALSE(evs[1].as_object().contains("notes"));
  EXPECT_EQ(parts[1].headers["content-disposition"],
            R"(form-data; name="evidence-file"; filename="evidence-1.pdf")");
  EXPECT_EQ(parts[1].headers["content-type"], "application/pdf");
  EXPECT_EQ(parts[1].data, pdf);  // the bytes as given, CR LF and NUL included
  EXPECT_EQ(parts[2].headers["content-disposition"],
            R"(form-data; name="evidence-file"; filename="evidence-2.png")");
  EXPECT_EQ(parts[2].headers["content-type"], "image/png");
  EXPECT_EQ(parts[2].data, "PNGDATA");
  EXPECT_EQ(parts[3].headers["content-type"], "image/gif");
  const auto& d = run.value();
  EXPECT_EQ(d.status, dispute_status::challenged);
  EXPECT_EQ(d.dispute_id, dispute_id);
  // The same evidence builds the same body (the boundary comes from the content).
  EXPECT_EQ(drive(&flow_table::submit_evidence, req, {}).requests.at(0).body, r.body);
}

TEST(PayPalSubmitEvidence, TextAloneIsOtherAndProcessorTypeWins) {
  auto text = drive(&flow_table::submit_evidence, evidence("Tracking 1Z999AA10123456784"), {});
  auto parts = parts_of(text.requests.at(0));
  ASSERT_EQ(parts.size(), 1u);
  auto evs = boost::json::parse(parts[0].data).at("evidences").as_array();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].at("evidence_type").as_string(), "OTHER");
  EXPECT_EQ(evs[0].at("notes").as_string(), "Tracking 1Z999AA10123456784");

  auto typed = drive(
      &flow_table::submit_evidence,
      evidence("", {{evidence_type::shipping_proof, "%PDF", "application/pdf", "PROOF_OF_REFUND"},
                    {evidence_type::customer_communication, "%PDF", "application/pdf", ""}}),
      {});
  parts = parts_of(typed.requests.at(0));
  evs = boost::json::parse(parts[0].data).at("evidences").as_array();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].at("evidence_type").as_string(), "PROOF_OF_REFUND");
  EXPECT_FALSE(evs[0].as_object().contains("notes"));  // notes has minLength 1
  EXPECT_EQ(evs[1].at("evidence_type").as_string(), "OTHER");
}

TEST(PayPalSubmitEvidence, WhatPayPalCannotTakeIsRefusedBeforeAnyCall) {
  struct row {
    submit_evidence_request req;
    const char* field;
  };
  std::vector<row> rows{
      {evidence(std::string(2001, 'x')), "text"},
      {evidence("", {{evidence_type::receipt, "hello", "text/plain", ""}}),
       "documents[0].content_type"},
      {evidence("", {{evidence_type::receipt, "%PDF", "application/pdf", "proof of refund"}}),
       "documents[0].processor_type"},
      {evidence("",
                {{evidence_type::receipt, "%PDF", "application/pdf", ""},
                 {evidence_type::receipt, std::string(10 * 1024 * 1024, 'x'), "image/png", ""}}),
       "documents[1].content"},
  };
  for (const auto& [req, field] : rows) {
    auto run = drive(&flow_table::submit_evidence, req, {});
    EXPECT_TRUE(run.requests.empty()) << field;
    EXPECT_EQ(run.err().code, error_code::invalid_argument) << field;
    EXPECT_EQ(run.err().field, field);
  }
  std::vector<evidence_document> six;
  for (int i = 0; i < 6; ++i)
    six.push_back({evidence_type::receipt, std::string(9 * 1024 * 1024, 'x'), "image/png", ""});
  EXPECT_EQ(drive(&flow_table::submit_evidence, evidence("", six), {}).err().field, "documents");
}

TEST(PayPalSubmitEvidence, RefusedOutsideTheSellersTurnWithoutTheToken) {
  auto run = drive(&flow_table::submit_evidence, evidence("late"),
                   {json_reply(422, refused("NOT_AWAITING_SELLER_RESPONSE",
                                            std::string("Evidence refused for token ") + token))});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::processor_rejected);
  EXPECT_EQ(e.processor_code, "NOT_AWAITING_SELLER_RESPONSE");
  EXPECT_EQ(e.message.find(token), std::string::npos) << e.message;
  EXPECT_FALSE(e.retryable);
  // A server error stays retryable by the caller (the pool does not replay it).
  auto down = drive(&flow_table::submit_evidence, evidence("x"),
                    {json_reply(503, R"({"name":"SERVICE_UNAVAILABLE","message":"x"})")});
  EXPECT_EQ(down.err().code, error_code::unavailable);
  EXPECT_TRUE(down.err().retryable);
}

TEST(PayPalDisputeChecks, BadDisputeIdsAreRefusedBeforeAnyCall) {
  for (std::string id :
       {std::string(), std::string("PP_D_27803"), std::string("../x"),
        std::string("PP-D-1/accept-claim"), std::string("PP D 1"), std::string(256, 'A')}) {
    auto refused_before_any_call = [&](const auto& run) {
      EXPECT_TRUE(run.requests.empty()) << id;
      EXPECT_EQ(run.err().field, "connector_dispute_id") << id;
    };
    refused_before_any_call(drive(&flow_table::get_dispute, by_id(id), {}));
    refused_before_any_call(drive(&flow_table::accept_dispute, by_id(id, "k"), {}));
    auto ev = evidence("x");
    ev.dispute_id = id;
    refused_before_any_call(drive(&flow_table::submit_evidence, ev, {}));
  }
  // PayPal's longer case ids pass.
  EXPECT_EQ(drive(&flow_table::get_dispute, by_id("PP-000-042-663-135"), {}).requests.size(), 1u);
}

TEST(PayPalDisputeChecks, DefendAnswersTheNoteToSubmitEvidence) {
  defend_dispute_request d;
  d.dispute_id = dispute_id;
  d.reason_code = "MERCHANDISE_DELIVERED";
  d.idempotency_key = "def-1";
  auto run = drive(&flow_table::defend_dispute, d, {});
  auto e = run.err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::not_supported_by_processor);
  EXPECT_NE(e.message.find("SubmitEvidence"), std::string::npos) << e.message;
}

}  // namespace
}  // namespace paypal_test
