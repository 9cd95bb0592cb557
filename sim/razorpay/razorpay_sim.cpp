#include "razorpay_sim.hpp"

#include "../ids.hpp"
#include "../webhook_sender.hpp"
#include "razorpay_errors.hpp"
#include "razorpay_json.hpp"

#include <openssl/evp.h>
#include <boost/json.hpp>

#include <cctype>
#include <set>
#include <utility>

namespace processor_sim::razorpay {
namespace {

std::vector<std::string> split_path(const std::string& path) {
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

// "key_id:key_secret" from "Basic base64(...)"; empty when absent or malformed.
std::string basic_credentials(const std::string& authorization) {
  if (authorization.size() < 6) return {};
  std::string scheme = authorization.substr(0, 6);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "basic ") return {};
  std::string b64 = authorization.substr(6);
  while (!b64.empty() && b64.back() == ' ') b64.pop_back();
  if (b64.empty() || b64.size() % 4 != 0) return {};
  std::string decoded(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return {};
  std::size_t padding = 0;
  for (auto it = b64.rbegin(); it != b64.rend() && *it == '='; ++it) ++padding;
  decoded.resize(static_cast<std::size_t>(n) - padding);
  return decoded;
}

}  // namespace

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx) {
  return std::make_unique<simulator>(std::move(cfg), std::move(ctx));
}

sim_response simulator::handle(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  run_due();
  const auto parts = split_path(path);
  if (req.method == "GET" && parts.size() == 2 && parts[0] == "bank") {
    return bank_page(req, parts[1]);  // the shopper's browser: no API key
  }
  const std::string auth = req.header("authorization");
  if (basic_credentials(auth) != cfg_.key_id + ":" + cfg_.key_secret) {
    return unauthorized(!auth.empty());
  }
  boost::json::object body;
  if ((req.method == "POST" || req.method == "PATCH") && !req.body.empty()) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(req.body, ec);
    if (ec || !parsed.is_object()) return bad_request("The request body is not valid JSON.");
    body = std::move(parsed.as_object());
  }
  return api(req, parts, body);
}

sim_response simulator::api(const sim_request& req, const parts_t& parts,
                            const boost::json::object& body) {
  const std::string& m = req.method;
  const std::size_t n = parts.size();
  if (n < 2 || parts[0] != "v1") return url_not_found();
  const std::string& res = parts[1];
  const std::string id = n > 2 ? parts[2] : std::string{};
  const std::string sub = n > 3 ? parts[3] : std::string{};
  auto found = [](const auto& map, const std::string& key, auto to_json) -> sim_response {
    auto it = map.find(key);
    return it == map.end() ? id_not_found() : json_response(200, to_json(it->second));
  };
  if (res == "orders") {
    if (m == "POST" && n == 2) return create_order(body);
    if (m == "GET" && n == 2) return list_orders(req);
    if (m == "GET" && n == 3) return found(orders_, id, order_json);
    if (m == "GET" && n == 4 && sub == "payments") return order_payments(id);
  } else if (res == "payments") {
    if (m == "POST" && n == 4 && id == "create") {
      if (sub == "json") return create_card_payment(body);
      if (sub == "upi") return create_upi_payment(body);
      if (sub == "recurring") return create_recurring_payment(body);
    }
    if (m == "GET" && n == 3) {
      auto it = payments_.find(id);
      if (it == payments_.end()) return id_not_found();
      auto expand = req.query.find("expand[]");
      const bool card = expand != req.query.end() && expand->second == "card";
      return json_response(200, payment_json(it->second, card));
    }
    if (m == "POST" && n == 4 && sub == "capture") return capture(id, body);
    if (m == "POST" && n == 4 && sub == "refund") return create_refund(req, id, body);
    if (m == "GET" && (n == 4 || n == 5) && sub == "refunds") {
      if (!payments_.count(id)) return id_not_found();
      boost::json::array items;
      for (const auto& [rid, r] : refunds_) {
        if (r.payment_id != id) continue;
        if (n == 5 && rid == parts[4]) return json_response(200, refund_json(r));
        items.push_back(refund_json(r));
      }
      return n == 5 ? id_not_found() : json_response(200, collection(std::move(items)));
    }
  } else if (res == "refunds") {
    if (m == "GET" && n == 3) return found(refunds_, id, refund_json);
  } else if (res == "customers") {
    if (m == "POST" && n == 2) return create_customer(body);
    if (m == "GET" && n == 3) return found(customers_, id, customer_json);
    if (m == "GET" && n == 4 && sub == "tokens") return list_tokens(id);
    if (n == 5 && sub == "tokens") return token_route(m, id, parts[4]);
  } else if (res == "disputes") {
    if (m == "GET" && n == 3) return found(disputes_, id, dispute_json);
    if (m == "POST" && n == 4 && sub == "accept") return accept_dispute(id);
    if (m == "PATCH" && n == 4 && sub == "contest") return contest_dispute(id, body);
  }
  return url_not_found();
}

void simulator::emit(const std::string& event, const std::string& primary_id,
                     boost::json::object payload) {
  if (cfg_.webhook_url.empty() || !ctx_.webhooks) return;
  boost::json::array contains;
  for (const auto& [key, value] : payload) contains.push_back(boost::json::string(key));
  boost::json::object body{{"entity", "event"},
                           {"account_id", cfg_.account_id},
                           {"event", event},
                           {"contains", std::move(contains)},
                           {"payload", std::move(payload)},
                           {"created_at", unix_now()}};
  webhook_job job;
  job.processor = "razorpay";
  job.url = cfg_.webhook_url;
  job.body = boost::json::serialize(body);
  const std::string event_id = random_alnum(14);
  job.headers.emplace_back("X-Razorpay-Signature", hmac_sha256_hex(cfg_.webhook_secret, job.body));
  job.headers.emplace_back("X-Razorpay-Event-Id", event_id);
  job.event_code = event;
  job.psp_reference = primary_id;
  job.original_reference = event_id;
  ctx_.webhooks->send(std::move(job));
}

void simulator::emit_payment(const std::string& event, const payment& p) {
  emit(event, p.id, {{"payment", {{"entity", payment_json(p)}}}});
}

void simulator::schedule(due_kind kind, const std::string& id, steady_time due) {
  due_.emplace(due, due_entry{kind, id});
  tasks_.at(due, [this] {
    std::lock_guard lock(mutex_);
    run_due();
  });
}

void simulator::run_due() {
  const auto now = std::chrono::steady_clock::now();
  if (due_.empty() || now < due_.begin()->first) return;  // the common case: O(1)
  // Take everything due, then settle payments before refunds, each in id order: the order the
  // old walk over payments_ and refunds_ used, so webhooks for things due together keep it.
  std::set<std::string> payment_ids, refund_ids;
  while (!due_.empty() && due_.begin()->first <= now) {
    auto node = due_.extract(due_.begin());
    auto& ids = node.mapped().kind == due_kind::payment ? payment_ids : refund_ids;
    ids.insert(std::move(node.mapped().id));
  }
  for (const auto& id : payment_ids) {
    payment& p = payments_.at(id);
    if (p.pending_outcome.empty() || p.status != "created") continue;
    const std::string outcome = std::exchange(p.pending_outcome, {});
    if (outcome == "success") {
      succeed(p);
    } else {
      fail(p, "Payment was unsuccessful as you could not complete it in time.", "customer",
           "payment_authentication", "payment_timed_out");
    }
  }
  for (const auto& id : refund_ids) {
    refund& r = refunds_.at(id);
    if (r.status == "pending") settle_refund(r, "processed");  // not settled by a test control
  }
}

sim_response simulator::error_response(int status, const retry_hints& hints) const {
  api_error e;
  e.status = status;
  if (status == 429) {
    e.description = "Too many requests";
  } else if (status >= 500) {
    e.code = "SERVER_ERROR";
    e.description = "The server encountered an error. The incident has been reported to admins.";
  } else {
    e.description = "processor-sim fault " + std::to_string(status) + ".";
  }
  sim_response r = error_reply(e);
  // Razorpay has no retry-hint header; Retry-After only when the fault asks for it.
  if (hints.retry_after_s)
    r.headers.emplace_back("Retry-After", std::to_string(*hints.retry_after_s));
  return r;
}

boost::json::object simulator::stats() const {
  std::lock_guard lock(mutex_);
  std::uint64_t double_charges = 0, captured = 0, duplicate_receipts = 0;
  std::map<std::string, unsigned> paid_orders_per_receipt;
  for (const auto& [id, o] : orders_) {
    double_charges += o.successful_payments > 1 ? 1 : 0;
    if (o.successful_payments > 0 && !o.receipt.empty()) ++paid_orders_per_receipt[o.receipt];
  }
  for (const auto& [receipt, count] : paid_orders_per_receipt) duplicate_receipts += count > 1;
  for (const auto& [id, p] : payments_) captured += p.captured ? 1 : 0;
  return {{"orders", orders_.size()},
          {"payments", payments_.size()},
          {"charges", charges_},
          {"captured", captured},
          {"double_charges", double_charges},
          {"duplicate_receipts", duplicate_receipts},
          {"refunds", refunds_.size()},
          {"customers", customers_.size()},
          {"tokens", tokens_.size()},
          {"disputes", disputes_.size()}};
}

}  // namespace processor_sim::razorpay
