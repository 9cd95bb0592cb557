// Disputes v1: a test opens a chargeback on a capture (/_sim/paypal/disputes); the merchant reads
// it, accepts the claim or provides evidence; a test settles it
// (/_sim/paypal/disputes/{id}/resolve).
#include "../ids.hpp"
#include "paypal_errors.hpp"
#include "paypal_money.hpp"
#include "paypal_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::paypal {
namespace {

boost::json::object link(const std::string& href, const char* rel, const char* method) {
  return {{"href", href}, {"rel", rel}, {"method", method}};
}

// The JSON part named "input" of a multipart/form-data body (evidence metadata), if any.
boost::json::object multipart_input(const std::string& body) {
  const auto at = body.find("name=\"input\"");
  if (at == std::string::npos) return {};
  const auto start = body.find('{', at);
  if (start == std::string::npos) return {};
  boost::json::parser p;
  boost::system::error_code ec;
  p.write_some(body.data() + start, body.size() - start, ec);
  if (ec) return {};
  try {
    auto v = p.release();  // throws when the part held no complete value
    return v.is_object() ? std::move(v.as_object()) : boost::json::object{};
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

std::string simulator::open_dispute(const std::string& capture_id, const std::string& reason) {
  const capture& c = captures_.at(capture_id);
  dispute d;
  d.id = "PP-D-" + random_alnum(5);
  d.capture_id = capture_id;
  d.currency = c.currency;
  d.amount = c.amount - c.refunded;
  if (!reason.empty()) d.reason = reason;
  d.create_time = d.update_time = iso_time();
  d.due_date = iso_time(std::chrono::system_clock::now() + std::chrono::hours(24 * 10));
  auto& stored = disputes_[d.id] = std::move(d);
  emit("CUSTOMER.DISPUTE.CREATED", "dispute", dispute_json(stored, true),
       "A new dispute opened with Case # " + stored.id);
  return stored.id;
}

sim_response simulator::accept_claim(dispute& d, const boost::json::object& /*body*/) {
  if (d.status == "RESOLVED") {
    return issue_error(422, "DISPUTE_ALREADY_RESOLVED", "The dispute is already resolved.");
  }
  resolve_dispute(d, "RESOLVED_BUYER_FAVOUR");
  return json_response(
      200, boost::json::object{
               {"links", boost::json::array{
                             link(link_base() + "/v1/customer/disputes/" + d.id, "self", "GET")}}});
}

sim_response simulator::provide_evidence(dispute& d, const sim_request& req,
                                         const boost::json::object& body) {
  if (d.status != "WAITING_FOR_SELLER_RESPONSE") {
    return issue_error(422, "NOT_AWAITING_SELLER_RESPONSE",
                       "Evidence can only be provided while the dispute waits for the seller.");
  }
  // Evidence metadata: the "input" part of multipart/form-data (PayPal's form), or a JSON body.
  const auto input =
      req.header("content-type").rfind("multipart/", 0) == 0 ? multipart_input(req.body) : body;
  std::vector<std::string> types;
  if (const auto* list = input.if_contains("evidences"); list && list->is_array()) {
    for (const auto& e : list->as_array()) {
      const auto* type = e.is_object() ? e.as_object().if_contains("evidence_type") : nullptr;
      types.push_back(type && type->is_string() ? std::string(type->as_string()) : "OTHER");
    }
  }
  if (types.empty()) types.push_back("OTHER");  // the simulator does not judge evidence
  d.evidence_types.insert(d.evidence_types.end(), types.begin(), types.end());
  d.status = "UNDER_REVIEW";
  d.update_time = iso_time();
  emit("CUSTOMER.DISPUTE.UPDATED", "dispute", dispute_json(d, true),
       "A dispute was updated with Case # " + d.id);
  return json_response(
      200, boost::json::object{
               {"links", boost::json::array{
                             link(link_base() + "/v1/customer/disputes/" + d.id, "self", "GET")}}});
}

void simulator::resolve_dispute(dispute& d, const std::string& outcome) {
  d.status = "RESOLVED";
  d.outcome = outcome;
  d.update_time = iso_time();
  emit("CUSTOMER.DISPUTE.RESOLVED", "dispute", dispute_json(d, true),
       "A dispute was resolved with case # " + d.id);
}

boost::json::object simulator::dispute_json(const dispute& d, bool full) const {
  boost::json::object out{{"dispute_id", d.id},
                          {"create_time", d.create_time},
                          {"update_time", d.update_time},
                          {"reason", d.reason},
                          {"status", d.status},
                          {"dispute_amount", money_json(d.amount, d.currency)},
                          {"dispute_life_cycle_stage", "CHARGEBACK"},
                          {"dispute_channel", "EXTERNAL"}};
  if (full) {
    out["disputed_transactions"] =
        boost::json::array{{{"seller_transaction_id", d.capture_id},
                            {"gross_amount", money_json(d.amount, d.currency)}}};
    out["seller_response_due_date"] = d.due_date;
    if (!d.outcome.empty()) {
      out["dispute_outcome"] = {
          {"outcome_code", d.outcome},
          {"amount_refunded",
           money_json(d.outcome == "RESOLVED_BUYER_FAVOUR" ? d.amount : 0, d.currency)}};
    }
    boost::json::array evidences;
    for (const auto& type : d.evidence_types) {
      evidences.push_back({{"evidence_type", type}, {"source", "SUBMITTED_BY_SELLER"}});
    }
    if (!evidences.empty()) out["evidences"] = std::move(evidences);
    if (d.status == "WAITING_FOR_SELLER_RESPONSE") {
      out["allowed_response_options"] = {
          {"accept_claim", {{"accept_claim_types", boost::json::array{"REFUND"}}}}};
    }
  }
  const std::string self = link_base() + "/v1/customer/disputes/" + d.id;
  boost::json::array links{link(self, "self", "GET")};
  if (d.status == "WAITING_FOR_SELLER_RESPONSE") {
    links.push_back(link(self + "/accept-claim", "accept_claim", "POST"));
    links.push_back(link(self + "/provide-evidence", "provide_evidence", "POST"));
  }
  out["links"] = std::move(links);
  return out;
}

std::optional<sim_response> simulator::dispute_route(const std::string& method,
                                                     const std::vector<std::string>& parts,
                                                     const boost::json::object& body) {
  const std::size_t n = parts.size();
  if (method == "GET" && n == 3) {
    boost::json::array items;
    for (const auto& [id, d] : disputes_) items.push_back(dispute_json(d, false));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
  }
  if (n < 4) return std::nullopt;
  auto it = disputes_.find(parts[3]);
  if (it == disputes_.end()) {
    return issue_error(404, "INVALID_RESOURCE_ID", "Specified resource ID does not exist.",
                       "dispute_id", "path");
  }
  if (method == "GET" && n == 4) return json_response(200, dispute_json(it->second, true));
  if (method == "POST" && n == 5 && parts[4] == "accept-claim") {
    return accept_claim(it->second, body);
  }
  if (method == "POST" && n == 5 && parts[4] == "provide-evidence") {
    return provide_evidence(it->second, *current_, body);
  }
  return std::nullopt;
}

}  // namespace processor_sim::paypal
