#include "checkout_com_objects.hpp"

#include "checkout_com_cards.hpp"

#include <boost/json.hpp>

namespace processor_sim::checkout_com {
namespace {

boost::json::object href(const std::string& url) {
  return {{"href", url}};
}

bool authorized_with_money(const payment& p) {
  return p.outcome == "approved" && p.amount > 0;
}

boost::json::object links(const payment& p, const std::string& base) {
  const std::string self = base + "/payments/" + p.id;
  boost::json::object out{{"self", href(self)}, {"actions", href(self + "/actions")}};
  const balances b = balances_of(p);
  if (b.available_to_capture > 0) out["capture"] = href(self + "/captures");
  if (b.available_to_void > 0) out["void"] = href(self + "/voids");
  if (b.available_to_refund > 0) out["refund"] = href(self + "/refunds");
  return out;
}

}  // namespace

balances balances_of(const payment& p) {
  balances b;
  if (!authorized_with_money(p)) return b;
  b.total_authorized = p.amount;
  b.total_captured = p.captured;
  b.total_refunded = p.refunded;
  b.total_voided = p.voided;
  if (p.voided == 0 && !p.final_capture) b.available_to_capture = p.amount - p.captured;
  if (p.voided == 0 && p.captured == 0) b.available_to_void = p.amount;
  b.available_to_refund = p.captured - p.refunded;
  return b;
}

boost::json::object balances_json(const balances& b) {
  return {{"total_authorized", b.total_authorized},         {"total_voided", b.total_voided},
          {"available_to_void", b.available_to_void},       {"total_captured", b.total_captured},
          {"available_to_capture", b.available_to_capture}, {"total_refunded", b.total_refunded},
          {"available_to_refund", b.available_to_refund}};
}

std::string status_of(const payment& p) {
  if (p.outcome.empty()) return "Pending";
  if (p.outcome != "approved") return "Declined";
  if (p.amount == 0) return "Card Verified";
  if (p.voided > 0) return "Voided";
  if (p.refunded > 0) return p.refunded == p.captured ? "Refunded" : "Partially Refunded";
  if (p.captured > 0) {
    // A Final capture ends the capturing: the payment is captured, the rest is released.
    return p.captured == p.amount || p.final_capture ? "Captured" : "Partially Captured";
  }
  return "Authorized";
}

boost::json::object source_json(const payment& p) {
  const card& c = p.details;
  boost::json::object out{{"type", "card"}};
  if (!p.source_id.empty()) out["id"] = p.source_id;
  out["expiry_month"] = c.expiry_month;
  out["expiry_year"] = c.expiry_year;
  if (!c.name.empty()) out["name"] = c.name;
  out["scheme"] = c.scheme;
  out["last4"] = c.last4;
  out["fingerprint"] = c.fingerprint;
  out["bin"] = c.bin;
  // The spec's "unique reference to the underlying card for network tokens (e.g., Apple Pay,
  // Google Pay)"; the source stays type "card" ("for any payment request sources that result in
  // a card token").
  if (!c.token_type.empty()) out["payment_account_reference"] = account_reference_of(c);
  return out;
}

boost::json::object payment_reply_json(const payment& p, const std::string& base) {
  const bool approved = p.outcome == "approved";
  boost::json::object out{{"id", p.id},           {"action_id", p.action_id},
                          {"amount", p.amount},   {"currency", p.currency},
                          {"approved", approved}, {"status", status_of(p)}};
  if (approved) out["auth_code"] = p.auth_code;
  out["response_code"] = p.response_code;
  out["response_summary"] = p.response_summary;
  if (p.three_ds) {
    out["3ds"] = {{"downgraded", false},
                  {"enrolled", "Y"},
                  {"authentication_response", p.authentication_response}};
  }
  out["risk"] = {{"flagged", false}};
  out["source"] = source_json(p);
  out["balances"] = balances_json(balances_of(p));
  out["processed_on"] = p.actions.empty() ? p.requested_on : p.actions.front().processed_on;
  if (!p.reference.empty()) out["reference"] = p.reference;
  out["_links"] = links(p, base);
  return out;
}

boost::json::object pending_reply_json(const payment& p, const std::string& base) {
  boost::json::object out{{"id", p.id}, {"status", "Pending"}};
  if (!p.reference.empty()) out["reference"] = p.reference;
  out["3ds"] = {{"downgraded", false}, {"enrolled", "Y"}};
  const std::string self = base + "/payments/" + p.id;
  out["_links"] = {{"self", href(self)},
                   {"actions", href(self + "/actions")},
                   {"redirect", href(base + "/_3ds/" + p.session_id)}};
  return out;
}

boost::json::object payment_json(const payment& p, const std::string& base, bool by_session) {
  boost::json::object out{{"id", p.id}, {"requested_on", p.requested_on}};
  if (!p.details.number.empty()) out["source"] = source_json(p);
  out["amount"] = p.amount;
  out["currency"] = p.currency;
  out["payment_type"] = p.payment_type;
  if (!p.reference.empty()) out["reference"] = p.reference;
  if (!p.description.empty()) out["description"] = p.description;
  out["approved"] = p.outcome == "approved";
  out["status"] = status_of(p);
  out["balances"] = balances_json(balances_of(p));
  if (p.three_ds) {
    boost::json::object three_ds{{"downgraded", false}, {"enrolled", "Y"}};
    if (!p.authentication_response.empty()) {
      three_ds["authentication_response"] = p.authentication_response;
    }
    out["3ds"] = std::move(three_ds);
  }
  out["risk"] = {{"flagged", false}};
  out["merchant_initiated"] = p.merchant_initiated;
  if (!p.previous_payment_id.empty()) out["previous_payment_id"] = p.previous_payment_id;
  if (!p.processing_channel_id.empty()) out["processing_channel_id"] = p.processing_channel_id;
  if (!p.metadata.empty()) out["metadata"] = p.metadata;
  if (by_session) {
    boost::json::array summaries;
    for (auto it = p.actions.rbegin(); it != p.actions.rend(); ++it) {
      summaries.push_back({{"id", it->id},
                           {"type", it->type},
                           {"response_code", it->response_code},
                           {"response_summary", it->response_summary}});
    }
    out["actions"] = std::move(summaries);
  }
  out["_links"] = links(p, base);
  return out;
}

boost::json::object action_json(const action& a) {
  boost::json::object out{{"id", a.id},
                          {"type", a.type},
                          {"processed_on", a.processed_on},
                          {"amount", a.amount},
                          {"approved", a.approved}};
  if (!a.auth_code.empty()) out["auth_code"] = a.auth_code;
  out["response_code"] = a.response_code;
  out["response_summary"] = a.response_summary;
  if (!a.reference.empty()) out["reference"] = a.reference;
  if (!a.metadata.empty()) out["metadata"] = a.metadata;
  return out;
}

boost::json::object dispute_json(const dispute& d, const payment& p, const std::string& base) {
  const std::string self = base + "/disputes/" + d.id;
  return {{"id", d.id},
          {"category", d.category},
          {"status", d.status},
          {"amount", d.amount},
          {"currency", d.currency},
          {"reason_code", d.reason_code},
          {"evidence_required_by", d.evidence_required_by},
          {"received_on", d.received_on},
          {"last_update", d.last_update},
          {"payment",
           {{"id", p.id},
            {"action_id", p.action_id},
            {"amount", p.amount},
            {"currency", p.currency},
            {"method", p.details.scheme},
            {"arn", d.arn},
            {"processed_on", p.actions.empty() ? p.requested_on : p.actions.front().processed_on}}},
          {"_links", {{"self", href(self)}, {"evidence", href(self + "/evidence")}}}};
}

}  // namespace processor_sim::checkout_com
