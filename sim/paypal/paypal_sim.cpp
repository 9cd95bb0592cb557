#include "paypal_sim.hpp"

#include "../ids.hpp"
#include "paypal_errors.hpp"

#include <boost/json.hpp>

#include <optional>

#include <ctime>

namespace processor_sim::paypal {
namespace {

constexpr std::size_t max_request_id = 108;  // Orders v2 PayPal-Request-Id maxLength

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

// PayPal's sandbox negative testing: PayPal-Mock-Response: {"mock_application_codes":"CODE"}
// answers that error instead of doing the call (nothing is applied).
std::optional<sim_response> mock_response(const std::string& header) {
  if (header.empty()) return std::nullopt;
  boost::system::error_code ec;
  auto v = boost::json::parse(header, ec);
  const auto* o = ec ? nullptr : v.if_object();
  const auto* code = o ? o->if_contains("mock_application_codes") : nullptr;
  if (!code || !code->is_string()) return std::nullopt;
  const std::string issue(code->as_string());
  const int status = issue == "INTERNAL_SERVER_ERROR"  ? 500
                     : issue == "RATE_LIMIT_REACHED"   ? 429
                     : issue == "PERMISSION_DENIED"    ? 403
                     : issue == "INVALID_RESOURCE_ID"  ? 404
                     : issue == "DUPLICATE_REQUEST_ID" ? 409
                     : issue == "MALFORMED_REQUEST_JSON" || issue == "INVALID_PARAMETER_VALUE" ||
                             issue == "MISSING_REQUIRED_PARAMETER" ||
                             issue == "INVALID_PARAMETER_SYNTAX"
                         ? 400
                         : 422;
  return issue_error(status, issue, "Mocked response for " + issue + " (PayPal-Mock-Response).");
}

}  // namespace

std::string iso_time(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx) {
  return std::make_unique<simulator>(std::move(cfg), std::move(ctx));
}

sim_response simulator::handle(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  if (req.method == "POST" && path == "/v1/oauth2/token") return issue_token(req);
  // Served without credentials, like PayPal's certificate host and checkout pages.
  if (req.method == "GET" && path.rfind("/v1/notifications/certs/", 0) == 0) {
    sim_response r = text_response(200, signer_.cert_pem());
    r.content_type = "application/x-pem-file";
    return r;
  }
  if (req.method == "GET" && path == "/checkoutnow") {
    auto it = req.query.find("token");
    if (it == req.query.end()) return text_response(400, "missing token");
    if (auto st = setup_tokens_.find(it->second); st != setup_tokens_.end()) {
      if (st->second.status == "PAYER_ACTION_REQUIRED") st->second.status = "APPROVED";
      return text_response(200, "<html><body>Saved; you may close this page.</body></html>");
    }
    sim_response r = approve_order(it->second);
    if (r.status != 200) return r;
    r = text_response(200, "<html><body>Payment approved; you may close this page.</body></html>");
    r.content_type = "text/html";
    return r;
  }
  sim_response err;
  if (!token_valid(req, &err)) return err;
  if (auto mocked = mock_response(req.header("paypal-mock-response"))) return *mocked;
  boost::json::object body;
  // Dispute evidence and claims may come as multipart/form-data (read by the dispute routes).
  const bool multipart = req.header("content-type").rfind("multipart/", 0) == 0;
  current_ = &req;
  if (req.method == "POST" && !req.body.empty() && !multipart) {
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body, ec);
    if (ec || !v.is_object()) {
      return issue_error(400, "MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
    }
    body = std::move(v.as_object());
  }
  const std::string prefer = req.header("prefer");
  representation_ = prefer.find("return=representation") != std::string::npos;
  sim_response r = req.method == "POST" ? with_idempotency(req, path, body)
                                        : route(req.method, split_path(path), body);
  bool has_debug_id = false;
  for (const auto& [k, v] : r.headers) has_debug_id |= k == "paypal-debug-id";
  if (!has_debug_id) r.headers.emplace_back("paypal-debug-id", new_debug_id());
  return r;
}

sim_response simulator::with_idempotency(const sim_request& req, const std::string& path,
                                         const boost::json::object& body) {
  const std::string request_id = req.header("paypal-request-id");
  produced_kind_.clear();
  produced_id_.clear();
  request_charges_ = 0;
  if (request_id.empty() && path.rfind("/v3/vault/", 0) == 0) {
    // Vault v3 marks PayPal-Request-Id as required.
    return issue_error(400, "MISSING_REQUIRED_PARAMETER",
                       "A required field / parameter is missing.", "PayPal-Request-Id", "header");
  }
  if (request_id.empty()) return route(req.method, split_path(path), body);
  if (request_id.size() > max_request_id) {
    return issue_error(400, "INVALID_STRING_MAX_LENGTH", "The value of a field is too long.",
                       "PayPal-Request-Id", "header");
  }
  const std::string scope = "POST " + path + "\n" + request_id;
  const std::string fingerprint = boost::json::serialize(body);
  if (auto it = idempotency_.find(scope); it != idempotency_.end()) {
    ++replays_;
    if (it->second.body_fingerprint != fingerprint) ++replay_body_mismatches_;
    return render(it->second.kind, it->second.id, it->second.status == 204 ? 204 : 200);
  }
  sim_response r = route(req.method, split_path(path), body);
  // Only requests that did something are remembered; a refused one may be retried corrected.
  if (r.status / 100 == 2 && !produced_kind_.empty()) {
    auto& e = idempotency_[scope];
    e.kind = produced_kind_;
    e.id = produced_id_;
    e.status = r.status;
    e.charges += request_charges_;
    e.body_fingerprint = fingerprint;
  }
  return r;
}

void simulator::produced(const std::string& kind, const std::string& id) {
  produced_kind_ = kind;
  produced_id_ = id;
}

sim_response simulator::render(const std::string& kind, const std::string& id, int status) {
  if (kind == "order") return json_response(status, order_json(orders_.at(id), representation_));
  if (kind == "authorization") {
    return json_response(status, authorization_json(authorizations_.at(id), representation_));
  }
  if (kind == "void") {
    if (!representation_) {
      sim_response r;
      r.status = 204;
      r.content_type.clear();
      return r;
    }
    return json_response(200, authorization_json(authorizations_.at(id), true));
  }
  if (kind == "setup_token") return json_response(status, vault_json(setup_tokens_.at(id), true));
  if (kind == "payment_token") {
    return json_response(status, vault_json(vault_tokens_.at(id), false));
  }
  if (kind == "capture")
    return json_response(status, capture_json(captures_.at(id), representation_));
  return json_response(status, refund_json(refunds_.at(id), representation_));
}

sim_response simulator::route(const std::string& method, const std::vector<std::string>& parts,
                              const boost::json::object& body) {
  const std::size_t n = parts.size();
  auto is = [&](std::initializer_list<const char*> want) {
    if (want.size() != n) return false;
    std::size_t i = 0;
    for (const char* w : want) {
      if (std::string_view(w) != "*" && parts[i] != w) return false;
      ++i;
    }
    return true;
  };
  auto not_found = [](const std::string& field) {
    return issue_error(404, "INVALID_RESOURCE_ID",
                       "Specified resource ID does not exist. Please "
                       "check the resource ID and try again.",
                       field, "path");
  };
  const std::string id = n > 3 ? parts[3] : std::string{};
  if (method == "POST" && is({"v2", "checkout", "orders"})) return create_order(body);
  if (method == "GET" && is({"v2", "checkout", "orders", "*"})) {
    auto it = orders_.find(id);
    if (it == orders_.end()) return not_found("order_id");
    return json_response(200, order_json(it->second, true));
  }
  if (method == "POST" && is({"v2", "checkout", "orders", "*", "authorize"})) {
    return complete_order(id, "AUTHORIZE");
  }
  if (method == "POST" && is({"v2", "checkout", "orders", "*", "capture"})) {
    return complete_order(id, "CAPTURE");
  }
  if (n >= 4 && parts[0] == "v2" && parts[1] == "payments") {
    const std::string& kind = parts[2];
    if (method == "GET" && n == 4) {
      if (kind == "authorizations" && authorizations_.count(id)) {
        return json_response(200, authorization_json(authorizations_.at(id), true));
      }
      if (kind == "captures" && captures_.count(id)) {
        return json_response(200, capture_json(captures_.at(id), true));
      }
      if (kind == "refunds" && refunds_.count(id)) {
        return json_response(200, refund_json(refunds_.at(id), true));
      }
      if (kind == "authorizations") return not_found("authorization_id");
      if (kind == "captures") return not_found("capture_id");
      if (kind == "refunds") return not_found("refund_id");
    }
    if (method == "POST" && n == 5 && kind == "authorizations") {
      if (!authorizations_.count(id)) return not_found("authorization_id");
      if (parts[4] == "capture") return capture_authorization(id, body);
      if (parts[4] == "void") return void_authorization(id);
      if (parts[4] == "reauthorize") return reauthorize(id, body);
    }
    if (method == "POST" && n == 5 && kind == "captures" && parts[4] == "refund") {
      if (!captures_.count(id)) return not_found("capture_id");
      return refund_capture(id, body);
    }
  }
  if (n >= 3 && parts[0] == "v3" && parts[1] == "vault") {
    if (auto r = vault_route(method, parts, body)) return *r;
  }
  if (n >= 3 && parts[0] == "v1" && parts[1] == "customer" && parts[2] == "disputes") {
    if (auto r = dispute_route(method, parts, body)) return *r;
  }
  if (method == "POST" && is({"v1", "notifications", "verify-webhook-signature"})) {
    return verify_webhook_signature(body);
  }
  return issue_error(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.");
}

sim_response simulator::error_response(int status, const retry_hints& hints) const {
  sim_response r =
      status == 409 ? in_progress_response("(processor-sim fault)") : api_error(status);
  if (hints.retry_after_s) {
    r.headers.emplace_back("Retry-After", std::to_string(*hints.retry_after_s));
  }
  return r;
}

std::string simulator::idempotency_key(const sim_request& req, const std::string& path) const {
  if (req.method != "POST") return {};
  const std::string id = req.header("paypal-request-id");
  return id.empty() ? std::string{} : path + "\n" + id;
}

sim_response simulator::in_progress_response(const std::string& /*key*/) const {
  return issue_error(409, "PREVIOUS_REQUEST_IN_PROGRESS",
                     "A previous request on this resource is currently in progress. Please wait "
                     "for some time and try again. It is best to space out the initial and the "
                     "subsequent request(s) to avoid receiving this error.");
}

boost::json::object simulator::stats() const {
  std::lock_guard lock(mutex_);
  std::uint64_t double_charges = 0;
  for (const auto& [key, e] : idempotency_) double_charges += e.charges > 1 ? 1 : 0;
  return {{"token_requests", token_requests_},
          {"tokens_issued", tokens_issued_},
          {"invalid_tokens", invalid_tokens_},
          {"orders", orders_.size()},
          {"authorizations", authorizations_.size()},
          {"captures", captures_.size()},
          {"refunds", refunds_.size()},
          {"setup_tokens", setup_tokens_.size()},
          {"payment_tokens", vault_tokens_.size()},
          {"disputes", disputes_.size()},
          {"charges", charges_},
          {"double_charges", double_charges},
          {"idempotency_keys", idempotency_.size()},
          {"idempotent_replays", replays_},
          {"replays_with_other_body", replay_body_mismatches_},
          {"duplicate_invoice_refusals", duplicate_invoice_refusals_},
          {"webhooks", webhooks_sent_},
          {"signature_verifications", verifications_}};
}

}  // namespace processor_sim::paypal
