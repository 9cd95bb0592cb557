#include "adyen_sim.hpp"

#include "../ids.hpp"
#include "../webhook_sender.hpp"

namespace processor_sim::adyen {
namespace {

constexpr std::string_view checkout_prefix = "/v71/";
constexpr std::string_view dispute_prefix = "/ca/services/DisputeService/v30/";
constexpr std::size_t max_idempotency_key = 64;  // Adyen's documented limit

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

sim_response not_found() {
  return error(404, "000", "HTTP Status Response - Not Found");
}

}  // namespace

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx) {
  return std::make_unique<simulator>(std::move(cfg), std::move(ctx));
}

sim_response simulator::handle(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  if (path == "/hpp/3ds") return redirect_page(req);  // shopper's browser: no API key
  if (path == "/hpp/redirect") return method_page(req);
  if (req.header("x-api-key") != cfg_.api_key) return unauthorized();
  const bool checkout_path = starts_with(path, checkout_prefix);
  const bool dispute_path = starts_with(path, dispute_prefix);
  if (!checkout_path && !dispute_path) return not_found();

  if (req.method == "DELETE" && starts_with(path, "/v71/storedPaymentMethods/")) {
    return delete_stored_method(req,
                                path.substr(std::string_view("/v71/storedPaymentMethods/").size()));
  }
  if (req.method != "POST") return error(405, "000", "HTTP Status Response - Method Not Allowed");

  boost::system::error_code ec;
  auto parsed = boost::json::parse(req.body, ec);
  if (ec || !parsed.is_object()) {
    return error(400, "702", "Unexpected input: the request body is not a valid JSON object");
  }
  const auto& body = parsed.as_object();
  if (dispute_path) return dispute_service(path.substr(dispute_prefix.size()), body);

  const std::string key = req.header("idempotency-key");
  if (key.empty()) return checkout(req, path, body);
  if (key.size() > max_idempotency_key) {
    return error(422, "704", "Idempotency key exceeds 64 characters");
  }
  const std::string fingerprint = path + "\n" + req.body;
  if (auto it = idempotency_.find(key); it != idempotency_.end()) {
    if (it->second.fingerprint != fingerprint) {
      return error(422, "704", "request already processed or in progress");
    }
    sim_response replay;
    replay.status = it->second.status;
    replay.body = it->second.body;
    replay.headers.emplace_back("Idempotent-Replay", "true");
    return replay;
  }
  auto& entry = idempotency_[key];
  entry.fingerprint = fingerprint;
  sim_response reply = checkout(req, path, body);
  if (reply.status >= 400 && entry.charges == 0) {
    idempotency_.erase(key);  // validation errors are not saved: a corrected retry may follow
  } else {
    entry.status = reply.status;
    entry.body = reply.body;
  }
  return reply;
}

sim_response simulator::checkout(const sim_request& req, const std::string& path,
                                 const boost::json::object& body) {
  auto parts = split_path(path);  // "v71", "payments", ...
  if (parts.size() == 2 && parts[1] == "payments") return create_payment(req, body);
  if (parts.size() == 3 && parts[1] == "payments" && parts[2] == "details") {
    return payment_details(body);
  }
  if (parts.size() == 4 && parts[1] == "payments") {
    static const std::map<std::string, std::string> kinds{{"captures", "capture"},
                                                          {"refunds", "refund"},
                                                          {"cancels", "cancel"},
                                                          {"reversals", "reversal"}};
    if (auto kind = kinds.find(parts[3]); kind != kinds.end()) {
      return modify(parts[2], kind->second, body);
    }
  }
  return not_found();
}

std::string simulator::new_psp_reference() {
  for (;;) {
    std::string psp = random_alnum(16);
    if (!payments_.count(psp) && !disputes_.count(psp)) return psp;
  }
}

std::string simulator::notify(notification n) {
  const bool sending = !cfg_.webhook_url.empty() && ctx_.webhooks;
  // Signing needs a hex key; without webhooks a bad key stays harmless, as before.
  if (!sending && !is_hex_key(cfg_.hmac_key_hex)) return {};
  std::string body = boost::json::serialize(notification_body(n, cfg_.hmac_key_hex));
  if (!sending) return body;
  webhook_job job;
  job.processor = "adyen";
  job.url = cfg_.webhook_url;
  job.body = body;
  job.event_code = n.event_code;
  job.psp_reference = n.psp_reference;
  job.original_reference = n.original_reference;
  ctx_.webhooks->send(std::move(job));
  return body;
}

void simulator::count_charge(const payment& p) {
  ++charges_;
  if (!p.idempotency_key.empty()) ++idempotency_[p.idempotency_key].charges;
  // A refused attempt is no charge; two live payments for one order reference likely are.
  if (p.result_code != "Refused" && p.result_code != "Error") {
    ++charges_per_reference_[p.merchant_account + "/" + p.reference];
  }
}

sim_response simulator::handle_control(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  auto parts = split_path(path);
  if (req.method == "GET" && parts.size() == 2 && parts[0] == "payments") {
    auto it = payments_.find(parts[1]);
    if (it == payments_.end()) return json_response(404, {{"error", "unknown payment"}});
    return json_response(200, payment_state(it->second));
  }
  if (req.method == "GET" && parts.size() == 2 && parts[0] == "disputes") {
    auto it = disputes_.find(parts[1]);
    if (it == disputes_.end()) return json_response(404, {{"error", "unknown dispute"}});
    const auto& d = it->second;
    boost::json::array docs;
    for (const auto& t : d.document_types) docs.push_back(boost::json::string(t));
    return json_response(200, {{"disputePspReference", d.psp_reference},
                               {"paymentPspReference", d.payment_psp_reference},
                               {"status", d.status},
                               {"defenseReasonCode", d.defense_reason},
                               {"defenseDocumentTypes", std::move(docs)},
                               {"amount", amount_json(d.value)}});
  }
  const bool chargeback = parts.size() == 1 && parts[0] == "chargebacks";
  const bool settle = parts.size() == 3 && parts[0] == "payments" && parts[2] == "settle";
  if (req.method == "POST" && (chargeback || settle)) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(req.body, ec);
    if (ec || !parsed.is_object()) return json_response(400, {{"error", "body must be JSON"}});
    return chargeback ? create_chargeback(parsed.as_object())
                      : settle_debit(parts[1], parsed.as_object());
  }
  return json_response(404, {{"error", "unknown control route"}});
}

sim_response simulator::error_response(int status, const retry_hints& hints) const {
  // Adyen's error bodies also carry the pspReference given to the failed request.
  auto with_psp = [status](const char* code, const char* message, const char* type) {
    return json_response(status, boost::json::object{{"status", status},
                                                     {"errorCode", code},
                                                     {"message", message},
                                                     {"errorType", type},
                                                     {"pspReference", random_alnum(16)}});
  };
  sim_response r;
  if (status == 429) {
    r = with_psp("000", "HTTP Status Response - Too Many Requests", "internal");
  } else if (status == 409) {
    // Adyen's "resource is locked" / concurrent-request conflict: retry only with Transient-Error.
    r = with_psp("704", "request already processed or in progress", "validation");
  } else if (status == 503) {
    r = with_psp("000", "HTTP Status Response - Service Unavailable", "internal");
  } else if (status >= 500) {
    r = with_psp("000", "HTTP Status Response - Internal Server Error", "internal");
  } else {
    r = with_psp("000", "HTTP Status Response - Error", "validation");
  }
  const std::optional<unsigned> retry_after = hints.retry_after_s ? hints.retry_after_s
                                              : status == 429     ? std::optional(1u)
                                                                  : std::nullopt;
  if (retry_after) r.headers.emplace_back("Retry-After", std::to_string(*retry_after));
  const std::optional<bool> transient = hints.should_retry ? hints.should_retry
                                        : status == 409    ? std::optional(true)
                                                           : std::nullopt;
  if (transient) r.headers.emplace_back("Transient-Error", *transient ? "true" : "false");
  return r;
}

std::string simulator::idempotency_key(const sim_request& req, const std::string& path) const {
  if (req.method != "POST" || !starts_with(path, checkout_prefix)) return {};
  return req.header("idempotency-key");
}

sim_response simulator::in_progress_response(const std::string& /*key*/) const {
  // The first request with this key is still being processed: Adyen's 704, marked transient so
  // a client may retry (the body-mismatch 704 has no such header).
  auto r = error(422, "704", "request already processed or in progress");
  r.headers.emplace_back("Transient-Error", "true");
  return r;
}

boost::json::object simulator::stats() const {
  std::lock_guard lock(mutex_);
  std::uint64_t double_charges = 0, duplicate_references = 0;
  for (const auto& [key, entry] : idempotency_) double_charges += entry.charges > 1 ? 1 : 0;
  for (const auto& [ref, n] : charges_per_reference_) duplicate_references += n > 1 ? 1 : 0;
  return {{"payments", payments_.size()},
          {"charges", charges_},
          {"double_charges", double_charges},
          {"duplicate_references", duplicate_references},
          {"idempotency_keys", idempotency_.size()},
          {"disputes", disputes_.size()}};
}

}  // namespace processor_sim::adyen
