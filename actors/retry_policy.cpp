#include "actors/retry_policy.hpp"

#include <algorithm>
#include <charconv>

namespace cs::actors {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// true / false / no opinion, from Stripe-Should-Retry or Adyen's Transient-Error.
std::optional<bool> processor_hint(const domain::http_response& r) {
  for (auto name : {"Stripe-Should-Retry", "Transient-Error"}) {
    auto v = r.header(name);
    if (iequals(v, "true")) return true;
    if (iequals(v, "false")) return false;
  }
  return std::nullopt;
}

bool replay_safe(const domain::http_request& req) {
  return !req.idempotency_key.empty() || req.method == domain::http_method::get ||
         req.method == domain::http_method::del;
}

retry_verdict yes(std::string reason, std::optional<std::chrono::milliseconds> delay = {}) {
  return {true, std::move(reason), delay};
}
retry_verdict no(std::string reason) {
  return {false, std::move(reason), std::nullopt};
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  long long seconds = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || seconds < 0)
    return std::nullopt;
  return std::chrono::milliseconds(std::min<long long>(seconds, 86400) * 1000);
}

retry_verdict classify(const domain::http_request& req,
                       const domain::result<domain::http_response>& out) {
  if (!out) {
    auto& e = out.err();
    if (e.reason == domain::reason::processor_unreachable)
      return e.retryable ? yes("connect_failed") : no("tls_failed");
    if (e.reason == domain::reason::outcome_unknown)
      return replay_safe(req) ? yes("outcome_unknown") : no("not_idempotent");
    return no("other");
  }
  auto& r = *out;
  if (r.status < 400) return no("success");
  auto hint = processor_hint(r);
  auto delay = parse_retry_after(r.header("Retry-After"));
  if (hint == false) return no("processor_says_no");
  // The processor refused the call before doing anything: safe even without a key.
  if (r.status == 429) return yes("rate_limited", delay);
  if (r.status >= 500) return replay_safe(req) ? yes("status_5xx", delay) : no("not_idempotent");
  // A hint says the refusal is transient (Adyen 409 "resource is locked", Adyen 422 704 and
  // Stripe 409 while the same key is still being processed): the replay gets the saved answer.
  if (hint == true)
    return replay_safe(req) ? yes(r.status == 409 ? "status_409" : "processor_hint", delay)
                            : no("not_idempotent");
  return no("declined_or_invalid");
}

std::chrono::milliseconds backoff_delay(const retry_config& cfg, int failed_attempts,
                                        std::mt19937_64& rng) {
  auto exp = std::min(failed_attempts - 1, 20);
  auto ceiling =
      std::min<long long>(cfg.backoff_max.count(), cfg.backoff.count() * (1LL << std::max(exp, 0)));
  std::uniform_int_distribution<long long> d(0, std::max<long long>(ceiling, 0));
  return std::chrono::milliseconds(d(rng));
}

retry_budget::retry_budget(const retry_config& cfg, clock::time_point now)
    : per_attempt_(cfg.budget_percent / 100.0),
      per_second_(cfg.budget_min_per_s),
      cap_(std::max(1.0, cfg.budget_min_per_s * 10 + cfg.budget_percent)),
      tokens_(std::max(1.0, cfg.budget_min_per_s * 10 + cfg.budget_percent)),
      last_(now) {}

void retry_budget::refill(clock::time_point now) {
  if (now <= last_) return;
  tokens_ =
      std::min(cap_, tokens_ + std::chrono::duration<double>(now - last_).count() * per_second_);
  last_ = now;
}

void retry_budget::on_first_attempt(clock::time_point now) {
  refill(now);
  tokens_ = std::min(cap_, tokens_ + per_attempt_);
}

bool retry_budget::try_spend(clock::time_point now) {
  refill(now);
  if (tokens_ < 1.0 - 1e-9) return false;  // sums of fractions are not exact
  tokens_ -= 1.0;
  return true;
}

double retry_budget::balance(clock::time_point now) {
  refill(now);
  return tokens_;
}

}  // namespace cs::actors
