// Test-control routes under /_sim/stripe (plain JSON, no auth, never faulted).

#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::stripe {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string member(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

}  // namespace

sim_response simulator::handle_control(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  request_id_.clear();
  idempotency_key_.clear();
  const auto parts = split(path);
  if (req.method == "GET" && parts.size() == 2 && parts[0] == "payment_intents") {
    auto it = intents_.find(parts[1]);
    if (it == intents_.end()) return json_response(404, {{"error", "unknown payment intent"}});
    return json_response(200, intent_state(it->second));
  }
  if (req.method == "POST" && parts.size() == 3 && parts[0] == "payment_intents" &&
      parts[2] == "settle") {
    auto it = intents_.find(parts[1]);
    if (it == intents_.end()) return json_response(404, {{"error", "unknown payment intent"}});
    std::string outcome;
    if (!req.body.empty()) {
      boost::system::error_code ec;
      auto parsed = boost::json::parse(req.body, ec);
      if (ec || !parsed.is_object()) {
        return json_response(400, {{"error", "expected a JSON object"}});
      }
      outcome = member(parsed.as_object(), "outcome");
      if (!outcome.empty() && outcome != "succeeded" && outcome != "failed") {
        return json_response(400, {{"error", "outcome must be succeeded or failed"}});
      }
    }
    return settle_debit(it->second, outcome);
  }
  if (!parts.empty() && parts[0] == "disputes") return control_dispute(req, parts);
  if (req.method == "POST" && parts.size() == 1 && parts[0] == "google_pay_tokens") {
    return control_google_pay_token(req);
  }
  return json_response(404, {{"error", "unknown control route"}});
}

boost::json::object simulator::intent_state(const payment_intent& pi) const {
  boost::json::object out{{"id", pi.id},
                          {"status", pi.status},
                          {"amount", pi.amount},
                          {"amount_capturable", pi.amount_capturable},
                          {"amount_received", pi.amount_received},
                          {"currency", pi.currency},
                          {"capture_method", pi.capture_method},
                          {"latest_charge", or_null(pi.latest_charge)},
                          {"customer", or_null(pi.customer)},
                          {"off_session", pi.off_session},
                          {"mandate", or_null(pi.mandate)},
                          {"idempotencyKey", pi.idempotency_key}};
  std::int64_t refunded = 0;
  boost::json::array refunds, charges;
  for (const auto& [id, r] : refunds_) {
    if (r.payment_intent == pi.id) refunds.push_back(boost::json::string(id));
  }
  std::string dispute_id;
  for (const auto& [id, ch] : charges_) {
    if (ch.payment_intent != pi.id) continue;
    charges.push_back(boost::json::string(id));
    refunded += ch.amount_refunded;
    if (!ch.dispute.empty()) dispute_id = ch.dispute;
  }
  out["amount_refunded"] = refunded;
  out["charges"] = std::move(charges);
  out["refunds"] = std::move(refunds);
  out["dispute"] = or_null(dispute_id);
  auto key = idempotency_.find(pi.idempotency_key);
  out["chargesForIdempotencyKey"] =
      pi.idempotency_key.empty() || key == idempotency_.end() ? 0u : key->second.charges;
  return out;
}

sim_response simulator::control_dispute(const sim_request& req,
                                        const std::vector<std::string>& parts) {
  if (req.method == "GET" && parts.size() == 2) {
    auto it = disputes_.find(parts[1]);
    if (it == disputes_.end()) return json_response(404, {{"error", "unknown dispute"}});
    return json_response(200, dispute_json(it->second));
  }
  boost::system::error_code ec;
  auto parsed = boost::json::parse(req.body, ec);
  if (req.method != "POST" || ec || !parsed.is_object()) {
    return json_response(400, {{"error", "expected POST with a JSON object"}});
  }
  const auto& body = parsed.as_object();
  if (parts.size() == 1) {  // open a dispute on a captured charge
    std::string charge_id = member(body, "charge");
    if (auto it = intents_.find(member(body, "payment_intent")); it != intents_.end()) {
      charge_id = it->second.latest_charge;
    }
    auto ch = charges_.find(charge_id);
    if (ch == charges_.end() || !ch->second.captured || ch->second.status != "succeeded") {
      return json_response(422, {{"error", "no captured charge for that payment_intent/charge"}});
    }
    if (!ch->second.dispute.empty()) {
      return json_response(422, {{"error", "the charge is already disputed"}});
    }
    const std::string id = open_dispute(charge_id);
    if (auto reason = member(body, "reason"); !reason.empty()) disputes_.at(id).reason = reason;
    return json_response(200, {{"id", id}});
  }
  if (parts.size() == 2) {  // resolve: {"status":"won"|"lost"}
    auto it = disputes_.find(parts[1]);
    if (it == disputes_.end()) return json_response(404, {{"error", "unknown dispute"}});
    const std::string status = member(body, "status");
    if (status != "won" && status != "lost") {
      return json_response(400, {{"error", "status must be won or lost"}});
    }
    close_dispute_as(it->second, status);
    return json_response(200, dispute_json(it->second));
  }
  return json_response(404, {{"error", "unknown control route"}});
}

}  // namespace processor_sim::stripe
