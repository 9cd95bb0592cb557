#include "stripe_sim.hpp"

#include "../ids.hpp"
#include "../webhook_sender.hpp"
#include "stripe_events.hpp"
#include "stripe_objects.hpp"
#include "stripe_params.hpp"

#include <openssl/evp.h>
#include <boost/json.hpp>

#include <cctype>

namespace processor_sim::stripe {
namespace {

constexpr std::size_t max_idempotency_key = 255;  // Stripe's documented limit

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

bool starts_with_ci(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// The key from "Bearer KEY" or, as Stripe also accepts, "Basic base64(KEY:)".
std::string presented_key(const std::string& authorization) {
  if (starts_with_ci(authorization, "Bearer ")) return authorization.substr(7);
  if (!starts_with_ci(authorization, "Basic ")) return {};
  const std::string b64 = authorization.substr(6);
  std::string decoded(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return {};
  decoded.resize(static_cast<std::size_t>(n));
  return decoded.substr(0, decoded.find(':'));
}

}  // namespace

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx) {
  return std::make_unique<simulator>(std::move(cfg), std::move(ctx));
}

sim_response simulator::handle(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  request_id_ = "req_" + random_alnum(14);
  idempotency_key_.clear();
  sim_response r;
  if (req.method == "GET" && path.rfind("/3ds/", 0) == 0) {
    r = three_ds_page(req, path.substr(5));  // the shopper's browser: no API key
  } else if (req.method == "GET" && path.rfind("/microdeposits/", 0) == 0) {
    r = microdeposits_page(req, path.substr(15));
  } else if (const auto key = presented_key(req.header("authorization")); key != cfg_.api_key) {
    r = invalid_api_key(key.empty() ? req.header("authorization") : key);
  } else {
    r = api(req, path);
  }
  r.headers.emplace_back("Request-Id", request_id_);
  const std::string version = req.header("stripe-version");
  r.headers.emplace_back("Stripe-Version", version.empty() ? api_version : version);
  return r;
}

sim_response simulator::api(const sim_request& req, const std::string& path) {
  const auto parts = split_path(path);
  const std::string pattern = route_pattern(req.method, parts);
  if (!known_route(pattern)) return unrecognized_url(req.method, path);
  std::optional<form> f;
  if (req.method == "POST") {
    f = form::parse(req.body);
    if (!f) return invalid_request("Invalid request body: expected form-urlencoded parameters.");
  } else {
    f = form::from_query(req.query);
  }
  if (auto bad = unknown_param(pattern, f->top_level_names())) {
    return invalid_request("Received unknown parameter: " + *bad, *bad, "parameter_unknown");
  }
  if (req.method != "POST") return route(pattern, parts, *f);
  idempotency_key_ = req.header("idempotency-key");
  return with_idempotency(req, pattern, parts, *f);
}

sim_response simulator::with_idempotency(const sim_request& req, const std::string& pattern,
                                         const std::vector<std::string>& parts, const form& f) {
  const std::string& key = idempotency_key_;
  if (key.empty()) return route(pattern, parts, f);
  if (key.size() > max_idempotency_key) {
    return invalid_request("Keys for idempotent requests can be no longer than 255 characters.", "",
                           "idempotency_key_too_long");
  }
  const std::string fingerprint = req.method + " " + req.path + "\n" + f.fingerprint();
  if (auto it = idempotency_.find(key); it != idempotency_.end()) {
    if (it->second.fingerprint != fingerprint) {
      api_error e;
      e.type = "idempotency_error";
      e.message =
          "Keys for idempotent requests can only be used with the same parameters they were "
          "first used with. Try using a key other than '" +
          key + "' if you meant to execute a different request.";
      return error_reply(e);
    }
    sim_response replay;
    replay.status = it->second.status;
    replay.body = it->second.body;
    replay.headers.emplace_back("Idempotent-Replayed", "true");
    replay.headers.emplace_back("Original-Request", it->second.request_id);
    replay.headers.emplace_back("Idempotency-Key", key);
    return replay;
  }
  auto& entry = idempotency_[key];
  entry.fingerprint = fingerprint;
  sim_response reply = route(pattern, parts, f);
  // Like Stripe, a request rejected before it executed (validation, unknown id) is not saved.
  if ((reply.status == 400 || reply.status == 404) && idempotency_[key].charges == 0) {
    idempotency_.erase(key);
  } else {
    auto& saved = idempotency_[key];
    saved.status = reply.status;
    saved.body = reply.body;
    saved.request_id = request_id_;
  }
  reply.headers.emplace_back("Idempotency-Key", key);
  return reply;
}

sim_response simulator::route(const std::string& pattern, const std::vector<std::string>& parts,
                              const form& f) {
  const std::string id = parts.size() > 2 ? parts[2] : std::string{};
  auto get = [&](const auto& map, const char* resource, auto to_json) -> sim_response {
    auto it = map.find(id);
    if (it == map.end()) return resource_missing(resource, id);
    return json_response(200, to_json(it->second));
  };
  if (pattern == "POST /v1/payment_intents") return create_payment_intent(f);
  if (pattern == "GET /v1/payment_intents/{id}") {
    auto it = intents_.find(id);
    if (it == intents_.end()) return resource_missing("payment_intent", id, "intent");
    return json_response(200, pi_json(it->second, &f));
  }
  if (pattern == "POST /v1/payment_intents/{id}/confirm") return confirm_route(id, f);
  if (pattern == "POST /v1/payment_intents/{id}/capture") return capture(id, f);
  if (pattern == "POST /v1/payment_intents/{id}/cancel") return cancel(id, f);
  if (pattern == "POST /v1/payment_methods") return create_payment_method(f);
  if (pattern == "GET /v1/payment_methods/{id}") {
    sim_response err;
    form by_id = form::of("payment_method", id);
    payment_method* pm = resolve_method(by_id, "payment_method", &err, true);
    return pm ? json_response(200, payment_method_json(*pm)) : err;
  }
  if (pattern == "POST /v1/payment_methods/{id}/attach") return attach(id, f, false);
  if (pattern == "POST /v1/payment_methods/{id}/detach") return attach(id, f, true);
  if (pattern == "POST /v1/tokens") return create_token(f);
  if (pattern == "GET /v1/tokens/{id}") return get(tokens_, "token", token_json);
  if (pattern == "POST /v1/customers") return create_customer(f);
  if (pattern == "GET /v1/customers/{id}") return get(customers_, "customer", customer_json);
  if (pattern == "POST /v1/setup_intents") return create_setup_intent(f);
  if (pattern == "GET /v1/setup_intents/{id}") {
    auto it = setups_.find(id);
    if (it == setups_.end()) return resource_missing("setup_intent", id, "intent");
    return json_response(200, si_json(it->second));
  }
  if (pattern == "POST /v1/setup_intents/{id}/confirm") {
    return confirm_setup_route(id, f);
  }
  if (pattern == "POST /v1/refunds") return create_refund(f);
  if (pattern == "GET /v1/refunds/{id}") return get(refunds_, "refund", refund_json);
  if (pattern == "GET /v1/charges/{id}") {
    auto it = charges_.find(id);
    if (it == charges_.end()) return resource_missing("charge", id);
    auto pm = methods_.find(it->second.payment_method);
    return json_response(200,
                         charge_json(it->second, pm == methods_.end() ? nullptr : &pm->second));
  }
  if (pattern == "GET /v1/disputes/{id}") return get(disputes_, "dispute", dispute_json);
  if (pattern == "POST /v1/disputes/{id}") return update_dispute(id, f);
  if (pattern == "POST /v1/disputes/{id}/close") return close_dispute(id);
  return unrecognized_url(pattern.substr(0, pattern.find(' ')), pattern.substr(pattern.find(' ')));
}

std::string simulator::new_id(const std::string& prefix) {
  // Stripe ids: a prefix and 24 alphanumerics ("pi_3NxY...").
  return prefix + "3" + random_alnum(23);
}

void simulator::emit(const std::string& type, boost::json::object object) {
  if (cfg_.webhook_url.empty() || !ctx_.webhooks) return;
  event e;
  e.id = new_id("evt_");
  e.type = type;
  e.created = unix_now();
  e.request_id = request_id_;
  e.idempotency_key = idempotency_key_;
  const std::string object_id(object.at("id").as_string());
  e.object = std::move(object);
  webhook_job job;
  job.processor = "stripe";
  job.url = cfg_.webhook_url;
  job.body = event_body(e);
  job.headers.emplace_back("Stripe-Signature",
                           signature_header(cfg_.webhook_secret, e.created, job.body));
  job.event_code = type;
  job.psp_reference = object_id;
  job.original_reference = e.id;
  ctx_.webhooks->send(std::move(job));
}

void simulator::count_charge(const payment_intent& pi) {
  ++charge_count_;
  if (!pi.idempotency_key.empty()) ++idempotency_[pi.idempotency_key].charges;
}

namespace {

// Stripe's 409 for a key whose first request is still executing.
api_error key_in_use(const std::string& key) {
  api_error e;
  e.status = 409;
  e.type = "idempotency_error";
  e.code = "idempotency_key_in_use";
  e.message =
      "There is currently another in-progress request using this Idempotent Key (that probably "
      "means you submitted twice, and the other request is still going through): " +
      key + ". Please try again later.";
  return e;
}

}  // namespace

sim_response simulator::error_response(int status, const retry_hints& hints) const {
  api_error e;
  e.status = status;
  if (status == 429) {
    e.type = "rate_limit_error";
    e.code = "rate_limit";
    e.message =
        "Request rate limit exceeded. You can learn more about rate limits here "
        "https://stripe.com/docs/rate-limits.";
  } else if (status == 409) {
    e = key_in_use("(processor-sim fault)");
  } else if (status >= 500) {
    e.type = "api_error";
    e.message = "An unknown error occurred (processor-sim fault " + std::to_string(status) + ").";
  } else {
    e.message = "processor-sim fault " + std::to_string(status) + ".";
  }
  sim_response r = error_reply(e);
  // Stripe marks 409 and 5xx retryable; a fault may say otherwise (or mark any status).
  const std::optional<bool> should_retry = hints.should_retry               ? hints.should_retry
                                           : status == 409 || status >= 500 ? std::optional(true)
                                                                            : std::nullopt;
  if (should_retry) r.headers.emplace_back("Stripe-Should-Retry", *should_retry ? "true" : "false");
  if (hints.retry_after_s)
    r.headers.emplace_back("Retry-After", std::to_string(*hints.retry_after_s));
  r.headers.emplace_back("Request-Id", "req_" + random_alnum(14));
  return r;
}

std::string simulator::idempotency_key(const sim_request& req, const std::string& path) const {
  if (req.method != "POST" || path.rfind("/v1/", 0) != 0) return {};
  return req.header("idempotency-key");
}

sim_response simulator::in_progress_response(const std::string& key) const {
  sim_response r = error_reply(key_in_use(key));
  r.headers.emplace_back("Stripe-Should-Retry", "true");
  r.headers.emplace_back("Request-Id", "req_" + random_alnum(14));
  r.headers.emplace_back("Idempotency-Key", key);
  return r;
}

boost::json::object simulator::stats() const {
  std::lock_guard lock(mutex_);
  std::uint64_t double_charges = 0;
  for (const auto& [key, entry] : idempotency_) double_charges += entry.charges > 1 ? 1 : 0;
  return {{"payment_intents", intents_.size()},
          {"charges", charge_count_},
          {"double_charges", double_charges},
          {"idempotency_keys", idempotency_.size()},
          {"refunds", refunds_.size()},
          {"setup_intents", setups_.size()},
          {"customers", customers_.size()},
          {"disputes", disputes_.size()},
          {"tokens", tokens_.size()}};
}

}  // namespace processor_sim::stripe
