// Test-control routes under /_sim/braintree (plain JSON, no auth, never faulted): read a
// transaction, dispute or refund by legacy id, settle a transaction (or decline its settlement),
// settle or fail a refund, and the card scheme's side of disputes (open, resolve) that no API
// call can trigger.
#include "braintree_objects.hpp"
#include "braintree_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::braintree {
namespace {

sim_response control_error(int status, const std::string& message) {
  return json_response(status, boost::json::object{{"error", message}});
}

std::string str(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

sim_response simulator::handle_control(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
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
  const std::string action = n == 3 && req.method == "POST" ? parts[2] : "";
  if (n >= 2 && parts[0] == "transactions") {
    auto it = store_.transactions.find(parts[1]);
    if (it == store_.transactions.end()) return control_error(404, "unknown transaction");
    transaction& t = it->second;
    if (n == 2 && req.method == "GET") {
      auto out = transaction_json(t, store_);
      out["refundedAmount"] = format_amount(t.refunded, t.currency);
      return json_response(200, out);
    }
    if (action == "settle") {
      const std::string outcome = str(body, "outcome");
      if (!outcome.empty() && outcome != "settled" && outcome != "settlement_declined") {
        return control_error(400, R"(expected {"outcome":"settled"|"settlement_declined"})");
      }
      if (t.status != "SUBMITTED_FOR_SETTLEMENT") {
        return control_error(422,
                             "the transaction is " + t.status + ", not SUBMITTED_FOR_SETTLEMENT");
      }
      settle(t, outcome == "settlement_declined");
      return json_response(200, transaction_json(t, store_));
    }
    if (action == "dispute") {
      if (t.status != "SETTLED" && t.status != "SETTLING" &&
          t.status != "SUBMITTED_FOR_SETTLEMENT") {
        return control_error(422, "the transaction is " + t.status + ": nothing was charged");
      }
      if (!t.dispute_id.empty()) return control_error(422, "the transaction is already disputed");
      std::int64_t amount = t.amount;
      if (const std::string a = str(body, "amount"); !a.empty()) {
        const auto parsed = parse_amount(a, t.currency);
        if (!parsed || *parsed <= 0 || *parsed > t.amount) {
          return control_error(400, "amount must be an Amount string up to the transaction's");
        }
        amount = *parsed;
      }
      dispute& d = open_dispute(t, amount, str(body, "reason"));
      return json_response(200, dispute_json(d, store_));
    }
  }
  if (n >= 2 && parts[0] == "disputes") {
    auto it = store_.disputes.find(parts[1]);
    if (it == store_.disputes.end()) return control_error(404, "unknown dispute");
    dispute& d = it->second;
    if (n == 2 && req.method == "GET") return json_response(200, dispute_json(d, store_));
    if (action == "resolve") {
      const std::string outcome = str(body, "outcome");
      if (outcome != "won" && outcome != "lost") {
        return control_error(400, R"(expected {"outcome":"won"|"lost"})");
      }
      if (d.status != "OPEN" && d.status != "DISPUTED" && d.status != "UNDER_REVIEW") {
        return control_error(422, "the dispute is already " + d.status);
      }
      set_dispute_status(d, outcome == "won" ? "WON" : "LOST",
                         outcome == "won" ? "dispute_won" : "dispute_lost");
      return json_response(200, dispute_json(d, store_));
    }
  }
  if (n >= 2 && parts[0] == "refunds") {
    auto it = store_.refunds.find(parts[1]);
    if (it == store_.refunds.end()) return control_error(404, "unknown refund");
    refund& r = it->second;
    if (n == 2 && req.method == "GET") return json_response(200, refund_json(r, store_));
    if (action == "settle" || action == "fail") {
      if (r.status != "SUBMITTED_FOR_SETTLEMENT") {
        return control_error(422, "the refund is already " + r.status);
      }
      if (action == "settle") {
        r.status = "SETTLED";
        r.history.push_back({r.status, now_timestamp(), r.amount, std::nullopt, ""});
      } else {
        r.status = "FAILED";
        r.history.push_back(
            {r.status, now_timestamp(), r.amount,
             processor_answer{"3000", "Processor Network Unavailable - Try Again", ""}, ""});
        store_.transactions.at(r.transaction_id).refunded -= r.amount;
        emit_refund_failed(r);
      }
      return json_response(200, refund_json(r, store_));
    }
  }
  return control_error(404, "unknown control route /_sim/braintree" +
                                (parts.empty() ? std::string{} : "/" + parts[0]));
}

}  // namespace processor_sim::braintree
