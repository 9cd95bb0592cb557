// Test-control routes under /_sim/razorpay (plain JSON, no auth, never faulted).

#include "razorpay_json.hpp"
#include "razorpay_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::razorpay {
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

}  // namespace

sim_response simulator::handle_control(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  run_due();
  const auto parts = split(path);
  boost::json::object body;
  if (req.method == "POST") {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(req.body.empty() ? "{}" : req.body, ec);
    if (ec || !parsed.is_object()) return json_response(400, {{"error", "expected a JSON object"}});
    body = std::move(parsed.as_object());
  }
  const std::string kind = parts.empty() ? "" : parts[0];
  const std::string id = parts.size() > 1 ? parts[1] : "";
  if (req.method == "GET" && parts.size() == 2 && kind == "payments") {
    auto it = payments_.find(id);
    if (it == payments_.end()) return json_response(404, {{"error", "unknown payment"}});
    const payment& p = it->second;
    auto out = payment_json(p, true);
    boost::json::array refunds;
    for (const auto& [rid, r] : refunds_) {
      if (r.payment_id == p.id) refunds.push_back(boost::json::string(rid));
    }
    out["refunds"] = std::move(refunds);
    out["dispute_id"] = or_null(p.dispute_id);
    out["successful_payments_for_order"] = orders_.at(p.order_id).successful_payments;
    out["expected_signature"] = callback_signature(p);
    return json_response(200, out);
  }
  if (req.method == "GET" && parts.size() == 2 && kind == "orders") {
    auto it = orders_.find(id);
    if (it == orders_.end()) return json_response(404, {{"error", "unknown order"}});
    auto out = order_json(it->second);
    boost::json::array payments;
    for (const auto& pid : it->second.payments) payments.push_back(boost::json::string(pid));
    out["payments"] = std::move(payments);
    out["successful_payments"] = it->second.successful_payments;
    out["auto_capture"] = it->second.auto_capture;
    out["customer_id"] = or_null(it->second.customer_id);
    return json_response(200, out);
  }
  if (kind == "disputes" && parts.size() == 1 && req.method == "POST") {
    return control_open_dispute(body);
  }
  if (kind == "disputes" && parts.size() == 2) {
    if (req.method == "POST") return control_resolve_dispute(id, body);
    auto it = disputes_.find(id);
    if (it == disputes_.end()) return json_response(404, {{"error", "unknown dispute"}});
    return json_response(200, dispute_json(it->second));
  }
  // The shopper's UPI app answering a UPI intent payment: approve or decline it now.
  if (kind == "payments" && parts.size() == 3 && parts[2] == "upi_app" && req.method == "POST") {
    auto it = payments_.find(id);
    if (it == payments_.end()) return json_response(404, {{"error", "unknown payment"}});
    payment& p = it->second;
    const auto* outcome = body.if_contains("outcome");
    const std::string o = outcome && outcome->is_string() ? std::string(outcome->as_string()) : "";
    if (o != "approve" && o != "decline" && o != "expire") {
      return json_response(422, {{"error", "outcome must be approve, decline or expire"}});
    }
    if (p.upi_flow != "intent" || p.status != "created") {
      return json_response(422,
                           {{"error", "payment is not a UPI intent payment awaiting the app"}});
    }
    p.vpa = "shopper@okprocessorsim";
    if (o == "approve") {
      succeed(p);
    } else if (o == "expire") {
      // Nobody answered in the app before the intent's window closed.
      p.vpa.clear();
      fail(p, "Payment was not completed on time.", "customer", "payment_authentication",
           "payment_timed_out");
    } else {
      fail(p, "Payment was unsuccessful as you declined it in the UPI app.", "customer",
           "payment_authorization", "payment_declined");
    }
    return json_response(200, payment_json(p, true));
  }
  if (kind == "refunds" && parts.size() == 2 && req.method == "POST") {
    auto it = refunds_.find(id);
    if (it == refunds_.end()) return json_response(404, {{"error", "unknown refund"}});
    const auto* status = body.if_contains("status");
    const std::string s = status && status->is_string() ? std::string(status->as_string()) : "";
    if (s != "processed" && s != "failed") {
      return json_response(422, {{"error", "status must be processed or failed"}});
    }
    if (it->second.status != "pending") {
      return json_response(422, {{"error", "refund is not pending"}});
    }
    settle_refund(it->second, s);
    return json_response(200, refund_json(it->second));
  }
  return json_response(404, {{"error", "unknown control route"}});
}

}  // namespace processor_sim::razorpay
