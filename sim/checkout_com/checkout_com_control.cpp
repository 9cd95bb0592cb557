// Test-control routes under /_sim/checkout_com (plain JSON, no auth, never faulted): a payment's
// state with its idempotency key and charges, and the card scheme's side of disputes (open,
// resolve) that no API call can trigger.
#include "checkout_com_fields.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_objects.hpp"
#include "checkout_com_sim.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace processor_sim::checkout_com {
namespace {

// nas_spec Dispute.category.
constexpr std::array<std::string_view, 9> categories{
    "fraudulent",       "unrecognized",      "canceled_recurring", "product_service_not_received",
    "not_as_described", "credit_not_issued", "duplicate",          "incorrect_amount",
    "general"};

sim_response control_error(int status, const std::string& message) {
  return json_response(status, {{"error", message}});
}

}  // namespace

sim_response simulator::handle_control(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  request_id_.clear();
  idempotency_key_.clear();
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return control(req, parts);
}

sim_response simulator::control(const sim_request& req, const std::vector<std::string>& parts) {
  const std::size_t n = parts.size();
  boost::json::object body;
  if (req.method == "POST" && !req.body.empty()) {
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body, ec);
    if (ec || !v.is_object()) return control_error(400, "expected a JSON object");
    body = std::move(v.as_object());
  }
  if (n >= 2 && parts[0] == "payments") {
    payment* p = find_payment(parts[1]);
    if (!p) return control_error(404, "unknown payment");
    if (n == 2 && req.method == "GET") return json_response(200, payment_state(*p));
    if (n == 3 && req.method == "POST" && parts[2] == "dispute") {
      const balances b = balances_of(*p);
      if (b.total_captured == 0) return control_error(422, "the payment is not captured");
      if (!p->dispute_id.empty()) return control_error(422, "the payment is already disputed");
      const auto amount = int_field(body, "amount");
      if (amount.bad() ||
          (amount.valid && (amount.value <= 0 || amount.value > b.total_captured))) {
        return control_error(400, "amount must be an integer from 1 to the captured amount");
      }
      const auto category = string_field(body, "category");
      if (category.bad() || (category.valid && std::find(categories.begin(), categories.end(),
                                                         category.value) == categories.end())) {
        return control_error(400, "category must be one of nas_spec Dispute.category");
      }
      const auto reason = string_field(body, "reason_code");
      if (reason.bad()) return control_error(400, "reason_code must be a string");
      dispute& d = open_dispute(*p, amount.valid ? amount.value : b.total_captured, category.value,
                                reason.value);
      return json_response(200, dispute_json(d, *p, base()));
    }
  }
  if (n >= 2 && parts[0] == "tokens") {
    auto it = tokens_.find(parts[1]);
    if (it == tokens_.end()) return control_error(404, "unknown token");
    issued_token& t = it->second;
    // Tokens live 15 minutes: a test ends one's life now instead of waiting.
    if (n == 3 && req.method == "POST" && parts[2] == "expire") {
      t.expires = std::chrono::system_clock::now() - std::chrono::seconds(1);
    } else if (n != 2 || req.method != "GET") {
      return control_error(404, "unknown control route");
    }
    return json_response(200, {{"token", t.id},
                               {"type", t.type},
                               {"used", t.used},
                               {"expires_on", iso_time(t.expires)},
                               {"token_type", t.details.token_type}});
  }
  if (n >= 2 && parts[0] == "disputes") {
    auto it = disputes_.find(parts[1]);
    if (it == disputes_.end()) return control_error(404, "unknown dispute");
    dispute& d = it->second;
    const payment& p = payments_.at(d.payment_id);
    if (n == 2 && req.method == "GET") {
      auto out = dispute_json(d, p, base());
      out["evidence"] = d.evidence;
      return json_response(200, out);
    }
    if (n == 3 && req.method == "POST" && parts[2] == "resolve") {
      const auto outcome = string_field(body, "outcome");
      if (outcome.value != "won" && outcome.value != "lost") {
        return control_error(400, R"(expected {"outcome":"won"|"lost"})");
      }
      if (d.status != "evidence_required" && d.status != "evidence_under_review") {
        return control_error(422, "the dispute is already " + d.status);
      }
      resolve_dispute(d, outcome.value);
      return json_response(200, dispute_json(d, p, base()));
    }
  }
  return control_error(404, "unknown control route /_sim/checkout_com" +
                                (parts.empty() ? std::string{} : "/" + parts[0]));
}

boost::json::object simulator::payment_state(const payment& p) const {
  const balances b = balances_of(p);
  boost::json::array actions;
  for (auto it = p.actions.rbegin(); it != p.actions.rend(); ++it) {
    actions.push_back(action_json(*it));
  }
  auto key = idempotency_.find(p.idempotency_key);
  return {{"id", p.id},
          {"session_id", p.session_id},
          {"status", status_of(p)},
          {"approved", p.outcome == "approved"},
          {"response_code", p.response_code},
          {"amount", p.amount},
          {"currency", p.currency},
          {"capture", p.capture},
          {"payment_type", p.payment_type},
          {"merchant_initiated", p.merchant_initiated},
          {"previous_payment_id", p.previous_payment_id},
          {"source_type", p.source_type},
          {"source_id", p.source_id},
          {"token_type", p.details.token_type},
          {"balances", balances_json(b)},
          {"actions", std::move(actions)},
          {"dispute_id", p.dispute_id},
          {"idempotencyKey", p.idempotency_key},
          {"chargesForIdempotencyKey",
           p.idempotency_key.empty() || key == idempotency_.end() ? 0u : key->second.charges}};
}

}  // namespace processor_sim::checkout_com
