// Disputes: accept, text evidence, finalize (the merchant's side, through the API) and open /
// resolve (the card scheme's side, through /_sim/braintree controls), with their webhooks.
#include "braintree_input.hpp"
#include "braintree_objects.hpp"
#include "braintree_sim.hpp"

#include <algorithm>
#include <array>

namespace processor_sim::braintree {
namespace {

// enum DisputeTextEvidenceCategory (braintree-schema.graphql).
constexpr std::array<std::string_view, 14> text_categories{
    "CARRIER_NAME",
    "CREDIT_ISSUED_AMOUNT",
    "CREDIT_ISSUED_DATE",
    "DEVICE_ID",
    "DOWNLOAD_DATE_TIME",
    "GENERAL",
    "GEOGRAPHICAL_LOCATION",
    "LEGIT_PAYMENT_METHOD",
    "PRIOR_NON_DISPUTED_TRANSACTION_ARN",
    "PRIOR_NON_DISPUTED_TRANSACTION_DATE",
    "PRIOR_NON_DISPUTED_TRANSACTION_EMAIL_ADDRESS",
    "PRIOR_NON_DISPUTED_TRANSACTION_IP_ADDRESS",
    "TRACKING_NUMBER",
    "TRACKING_URL"};

}  // namespace

dispute& simulator::dispute_by_id(const std::string& id) {
  if (const auto d = decode_global_id(id); d && d->kind == "dispute") {
    if (auto it = store_.disputes.find(d->rest); it != store_.disputes.end()) return it->second;
  }
  throw api_error("An object with this ID was not found.", "", {"input", "disputeId"}, "NOT_FOUND");
}

void simulator::set_dispute_status(dispute& d, const std::string& status,
                                   const std::string& webhook) {
  d.status = status;
  d.history.emplace_back(status, now_timestamp());
  if (!webhook.empty()) emit_dispute(webhook, d);
}

dispute& simulator::open_dispute(transaction& t, std::int64_t amount, const std::string& reason) {
  dispute d;
  d.legacy_id = new_legacy_id();
  d.transaction_id = t.legacy_id;
  d.amount = amount;
  d.reason = reason.empty() ? "FRAUD" : reason;
  d.created_at = now_timestamp();
  d.received_date = date_in_days(0);
  d.reply_by_date = date_in_days(20);
  d.history.emplace_back("OPEN", d.created_at);
  t.dispute_id = d.legacy_id;
  const std::string id = d.legacy_id;
  dispute& stored = store_.disputes.emplace(id, std::move(d)).first->second;
  emit_dispute("dispute_opened", stored);
  return stored;
}

boost::json::value simulator::dispute_mutation(const std::string& root,
                                               const boost::json::object& input) {
  dispute& d = dispute_by_id(required(input, "disputeId", "input"));
  if (root == "acceptDispute") {
    if (d.status != "OPEN") {
      throw api_error("Disputes can only be accepted when they are in an Open state", "95704",
                      {"input", "disputeId"});
    }
    set_dispute_status(d, "ACCEPTED", "dispute_accepted");
    return boost::json::object{{"__typename", "AcceptDisputePayload"},
                               {"dispute", dispute_json(d, store_)}};
  }
  if (root == "finalizeDispute") {
    if (d.status != "OPEN") {
      throw api_error("Disputes can only be finalized when they are in an Open state", "95705",
                      {"input", "disputeId"});
    }
    set_dispute_status(d, "DISPUTED", "dispute_disputed");
    return boost::json::object{{"__typename", "FinalizeDisputePayload"},
                               {"dispute", dispute_json(d, store_)}};
  }
  // createDisputeTextEvidence
  const std::string content = required(input, "content", "input");
  const std::string category = text(input, "category", "input");
  if (!category.empty() && std::find(text_categories.begin(), text_categories.end(), category) ==
                               text_categories.end()) {
    throw gql::error("Variable \"$input\" got invalid value at \"input.category\"; Value \"" +
                         category + "\" does not exist in \"DisputeTextEvidenceCategory\" enum",
                     {});
  }
  if (d.status != "OPEN") {
    throw api_error("Evidence can only be attached to disputes that are in an Open state", "95701",
                    {"input", "disputeId"});
  }
  if (content.empty() || content.size() > 3000) {
    throw api_error("Content for dispute evidence is too long or empty", "95708",
                    {"input", "content"});
  }
  for (const auto& e : d.evidence) {
    if (!category.empty() && e.category == category && category != "GENERAL") {
      throw api_error("A dispute can only have one piece of evidence of this category", "95714",
                      {"input", "category"});
    }
  }
  text_evidence e{new_legacy_id(), category, content, now_timestamp()};
  d.evidence.push_back(e);
  return boost::json::object{{"__typename", "CreateDisputeTextEvidencePayload"},
                             {"evidence",
                              {{"__typename", "DisputeTextEvidence"},
                               {"id", global_id("disputeevidence", e.legacy_id)},
                               {"legacyId", e.legacy_id},
                               {"createdAt", e.created_at},
                               {"sentToProcessorAt", nullptr},
                               {"content", e.content},
                               {"category", category.empty() ? boost::json::value(nullptr)
                                                             : boost::json::value(category)}}}};
}

}  // namespace processor_sim::braintree
