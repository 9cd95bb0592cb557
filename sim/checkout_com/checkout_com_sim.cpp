#include "checkout_com_sim.hpp"

#include "checkout_com_errors.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_objects.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace processor_sim::checkout_com {
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

// NAS keys travel as "Bearer <key>" (the scheme word in any case); anything else is refused.
bool bearer_matches(const std::string& authorization, const std::string& key) {
  static constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return false;
  }
  return authorization.compare(scheme.size(), std::string::npos, key) == 0;
}

}  // namespace

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx) {
  return std::make_unique<simulator>(std::move(cfg), std::move(ctx));
}

sim_response simulator::handle(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  request_id_ = new_request_id();
  idempotency_key_.clear();
  // The shopper's browser follows _links.redirect.href: no secret key there.
  if (req.method == "GET" && path.rfind("/_3ds/", 0) == 0) return three_ds_page(path.substr(6));
  sim_response r;
  if (path == "/tokens" || path == "/tokens/") {
    // Client-side tokenization takes the public key only: the secret key is refused there.
    const bool ok = bearer_matches(req.header("authorization"), cfg_.public_key);
    r = !ok                    ? unauthorized()
        : req.method != "POST" ? not_found(request_id_, "route_not_found")
                               : create_token(req);
  } else {
    r = bearer_matches(req.header("authorization"), cfg_.secret_key) ? api(req, path)
                                                                     : unauthorized();
  }
  r.headers.emplace_back("Cko-Request-Id", request_id_);
  return r;
}

sim_response simulator::api(const sim_request& req, const std::string& path) {
  const auto parts = split_path(path);
  boost::json::value body = boost::json::object{};
  if ((req.method == "POST" || req.method == "PUT") && !req.body.empty()) {
    boost::system::error_code ec;
    body = boost::json::parse(req.body, ec);
    if (ec || !body.is_object()) {
      return error_reply(400, request_id_, "request_malformed", {"request_body_malformed"});
    }
  }
  if (req.method == "POST" && !parts.empty() && parts[0] == "payments") {
    idempotency_key_ = req.header("cko-idempotency-key");
    if (!idempotency_key_.empty()) return with_idempotency(req, path, parts, body);
  }
  return route(req.method, parts, body);
}

sim_response simulator::with_idempotency(const sim_request& req, const std::string& path,
                                         const std::vector<std::string>& parts,
                                         const boost::json::value& body) {
  const std::string& key = idempotency_key_;
  const std::string method_path = req.method + " " + path;
  if (auto it = idempotency_.find(key); it != idempotency_.end() && it->second.status != 0) {
    if (it->second.method_path != method_path || it->second.body != body) {
      ++mismatches_;
      return validation_error(request_id_, {"idempotency_key_mismatch"});
    }
    ++replays_;
    sim_response replay;
    replay.status = it->second.status;
    replay.body = it->second.reply;
    return replay;
  }
  sim_response reply = route(req.method, parts, body);
  // Like Checkout.com, a request that failed validation (or was refused) is not stored: a
  // corrected retry with the same key runs. Processed ones (201/202, declines too) are.
  auto it = idempotency_.find(key);
  if (reply.status >= 400) {
    if (it != idempotency_.end() && it->second.charges == 0) idempotency_.erase(it);
    return reply;
  }
  auto& saved = idempotency_[key];
  saved.method_path = method_path;
  saved.body = body;
  saved.status = reply.status;
  saved.reply = reply.body;
  return reply;
}

payment* simulator::find_payment(const std::string& id) {
  std::string pay_id = id;
  if (id.rfind("sid_", 0) == 0) {
    auto s = sessions_.find(id);
    if (s == sessions_.end()) return nullptr;
    pay_id = s->second;
  }
  auto it = payments_.find(pay_id);
  return it == payments_.end() ? nullptr : &it->second;
}

sim_response simulator::route(const std::string& method, const std::vector<std::string>& parts,
                              const boost::json::value& body) {
  const std::size_t n = parts.size();
  const boost::json::object& o = body.as_object();
  if (n >= 1 && parts[0] == "payments") {
    if (n == 1 && method == "POST") return create_payment(o);
    payment* p = n >= 2 ? find_payment(parts[1]) : nullptr;
    if (n >= 2 && n <= 3 && !p) return not_found(request_id_, "payment_not_found");
    if (n == 2 && method == "GET") {
      return json_response(200, payment_json(*p, base(), parts[1].rfind("sid_", 0) == 0));
    }
    if (n == 3 && method == "GET" && parts[2] == "actions") {
      boost::json::array list;
      for (auto it = p->actions.rbegin(); it != p->actions.rend(); ++it) {
        list.push_back(action_json(*it));
      }
      return json_response(200, list);
    }
    if (n == 3 && method == "POST" && parts[2] == "captures") return capture(*p, o);
    if (n == 3 && method == "POST" && parts[2] == "voids") return void_payment(*p, o);
    if (n == 3 && method == "POST" && parts[2] == "refunds") return refund(*p, o);
  }
  if (n >= 2 && parts[0] == "disputes") return dispute_route(method, parts, body);
  // DELETE /instruments/{src_…} (nas_spec instruments@{id}.yaml): the stored card is forgotten,
  // so a later payment from it is refused like an unknown source.
  if (n == 2 && parts[0] == "instruments" && method == "DELETE") {
    if (sources_.erase(parts[1]) == 0) return not_found(request_id_, "instrument_not_found");
    return no_content();
  }
  return not_found(request_id_, "route_not_found");
}

sim_response simulator::error_response(int status, const retry_hints& hints) const {
  const std::string request_id = new_request_id();
  sim_response r = fault_reply(status, request_id);
  // Checkout.com has no retry hint header of its own: should-retry is ignored.
  if (hints.retry_after_s) {
    r.headers.emplace_back("Retry-After", std::to_string(*hints.retry_after_s));
  }
  r.headers.emplace_back("Cko-Request-Id", request_id);
  return r;
}

std::string simulator::idempotency_key(const sim_request& req, const std::string& path) const {
  if (req.method != "POST" || path.rfind("/payments", 0) != 0) return {};
  return req.header("cko-idempotency-key");
}

sim_response simulator::in_progress_response(const std::string& /*key*/) const {
  // The spec's 429 "Too many requests or duplicate request detected".
  const std::string request_id = new_request_id();
  sim_response r = error_reply(429, request_id, "request_invalid", {"duplicate_request"});
  r.headers.emplace_back("Cko-Request-Id", request_id);
  return r;
}

boost::json::object simulator::stats() const {
  std::lock_guard lock(mutex_);
  std::uint64_t double_charges = 0;
  for (const auto& [key, e] : idempotency_) double_charges += e.charges > 1 ? 1 : 0;
  return {{"payments", payments_.size()},
          {"charges", charges_},
          {"double_charges", double_charges},
          {"idempotency_keys", idempotency_.size()},
          {"idempotent_replays", replays_},
          {"idempotency_mismatches", mismatches_},
          {"captures", captures_},
          {"voids", voids_},
          {"refunds", refunds_},
          {"refund_declines", refund_declines_},
          {"stored_sources", sources_.size()},
          {"tokens", tokens_.size()},
          {"disputes", disputes_.size()},
          {"webhooks", webhooks_}};
}

}  // namespace processor_sim::checkout_com
