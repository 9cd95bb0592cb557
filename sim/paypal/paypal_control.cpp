// /_sim/paypal: the payer's approval (3DS, PayPal wallet), token lifetime, order state.
#include "paypal_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::paypal {

sim_response simulator::handle_control(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return control(req, parts);
}

sim_response simulator::control(const sim_request& req, const std::vector<std::string>& parts) {
  const std::size_t n = parts.size();
  if (req.method == "POST" && n == 3 && parts[0] == "orders" && parts[2] == "approve") {
    // {"three_ds":"failed"}: the payer came back without passing the challenge; PayPal leaves
    // the decision to the merchant (liability_shift NO), so the order is still approvable.
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body.empty() ? "{}" : req.body, ec);
    const auto* o = ec ? nullptr : v.if_object();
    const auto* three_ds = o ? o->if_contains("three_ds") : nullptr;
    return approve_order(parts[1],
                         three_ds && three_ds->is_string() && three_ds->as_string() == "failed");
  }
  // The payer approved a setup token (a PayPal wallet, or a card after 3-D Secure).
  if (req.method == "POST" && n == 3 && parts[0] == "setup-tokens" && parts[2] == "approve") {
    auto it = setup_tokens_.find(parts[1]);
    if (it == setup_tokens_.end()) return json_response(404, {{"error", "unknown setup token"}});
    if (it->second.status == "PAYER_ACTION_REQUIRED") it->second.status = "APPROVED";
    return json_response(200, vault_json(it->second, true));
  }
  // A delivery as sent (its PAYPAL-* headers and raw body), so that a test can deliver it again.
  if (req.method == "GET" && n == 2 && parts[0] == "webhooks") return sent_delivery(parts[1]);
  if (req.method == "GET" && n == 2 && parts[0] == "orders") {
    auto it = orders_.find(parts[1]);
    if (it == orders_.end()) return json_response(404, {{"error", "unknown order"}});
    return json_response(200, order_json(it->second, true));
  }
  if (req.method == "POST" && n == 1 && parts[0] == "disputes") {
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body, ec);
    const auto* o = ec ? nullptr : v.if_object();
    const auto* cap = o ? o->if_contains("capture_id") : nullptr;
    if (!cap || !cap->is_string()) {
      return json_response(400, {{"error", R"(expected {"capture_id":ID,"reason":R})"}});
    }
    auto it = captures_.find(std::string(cap->as_string()));
    if (it == captures_.end()) return json_response(404, {{"error", "unknown capture"}});
    if (it->second.status != "COMPLETED" && it->second.status != "PARTIALLY_REFUNDED") {
      return json_response(422, {{"error", "capture is " + it->second.status}});
    }
    const auto* reason = o->if_contains("reason");
    return json_response(
        200, {{"dispute_id", open_dispute(it->first, reason && reason->is_string()
                                                         ? std::string(reason->as_string())
                                                         : std::string{})}});
  }
  if (req.method == "POST" && n == 3 && parts[0] == "disputes" && parts[2] == "resolve") {
    auto it = disputes_.find(parts[1]);
    if (it == disputes_.end()) return json_response(404, {{"error", "unknown dispute"}});
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body.empty() ? "{}" : req.body, ec);
    const auto* o = ec ? nullptr : v.if_object();
    const auto* outcome = o ? o->if_contains("outcome") : nullptr;
    const std::string code = outcome && outcome->is_string() ? std::string(outcome->as_string())
                                                             : "RESOLVED_SELLER_FAVOUR";
    if (code != "RESOLVED_SELLER_FAVOUR" && code != "RESOLVED_BUYER_FAVOUR") {
      return json_response(400,
                           {{"error", "outcome: RESOLVED_SELLER_FAVOUR|RESOLVED_BUYER_FAVOUR"}});
    }
    resolve_dispute(it->second, code);
    return json_response(200, dispute_json(it->second, true));
  }
  if (req.method == "POST" && n == 3 && parts[0] == "captures" && parts[2] == "settle") {
    auto it = captures_.find(parts[1]);
    if (it == captures_.end()) return json_response(404, {{"error", "unknown capture"}});
    if (it->second.status != "PENDING") return json_response(422, {{"error", "not PENDING"}});
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body.empty() ? "{}" : req.body, ec);
    const auto* o = ec ? nullptr : v.if_object();
    const auto* status = o ? o->if_contains("status") : nullptr;
    const std::string to =
        status && status->is_string() ? std::string(status->as_string()) : "COMPLETED";
    if (to != "COMPLETED" && to != "DECLINED") {
      return json_response(400, {{"error", R"(expected {"status":"COMPLETED"|"DECLINED"})"}});
    }
    it->second.status = to;
    it->second.update_time = iso_time();
    if (to == "DECLINED") --charges_;  // the held money was never taken
    emit_capture_event(it->second);
    return json_response(200, capture_json(it->second, true));
  }
  if (n == 1 && parts[0] == "token-ttl") {
    if (req.method == "POST") {
      boost::system::error_code ec;
      auto v = boost::json::parse(req.body, ec);
      const auto* o = ec ? nullptr : v.if_object();
      const auto* s = o ? o->if_contains("seconds") : nullptr;
      if (!s || !(s->is_int64() || s->is_uint64()) || s->to_number<std::int64_t>() < 0) {
        return json_response(400, {{"error", R"(expected {"seconds":N})"}});
      }
      cfg_.token_ttl_s = s->to_number<unsigned>();
    }
    return json_response(200, {{"token_ttl_s", cfg_.token_ttl_s}});
  }
  if (req.method == "POST" && n == 2 && parts[0] == "tokens" && parts[1] == "expire") {
    const auto count = tokens_.size();
    for (auto& [t, info] : tokens_) info.expires = clock::now();
    return json_response(200, {{"expired", count}});
  }
  return json_response(404, {{"error", "unknown control route /_sim/paypal" +
                                           (parts.empty() ? std::string{} : "/" + parts[0])}});
}

}  // namespace processor_sim::paypal
