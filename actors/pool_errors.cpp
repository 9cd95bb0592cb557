#include "actors/pool_errors.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "actors/metrics.hpp"
#include "obs/log.hpp"

namespace cs::actors {
namespace {

domain::error make(domain::error_code code, const char* reason, std::string message, bool retryable,
                   std::chrono::milliseconds retry_after = {}) {
  domain::error e;
  e.code = code;
  e.reason = reason;
  e.message = std::move(message);
  e.retryable = retryable;
  e.retry_after = retry_after;
  return e;
}

std::string outcome_label(const http_outcome& out) {
  return out ? std::to_string(out->status) : out.err().reason;
}

}  // namespace

domain::error overloaded(std::string_view connector, std::size_t max_in_flight) {
  return make(domain::error_code::resource_exhausted, domain::reason::overloaded,
              fmt::format("the {} connector already has {} calls in flight "
                          "(connectors.{}.max_in_flight); nothing was sent, try again shortly",
                          connector, max_in_flight, connector),
              true, std::chrono::milliseconds(100));
}

domain::error rate_limited(std::string_view connector, std::string_view scope,
                           const rate_limit_config& cfg, std::chrono::milliseconds wait,
                           bool queue_full) {
  auto ms = std::max<long long>(wait.count(), 1);
  return make(domain::error_code::resource_exhausted, domain::reason::rate_limited,
              fmt::format("the {} rate limit of {} calls/s for {} would make this call wait {} ms "
                          "({}); nothing was sent",
                          scope == "account" ? "merchant account's" : "connector's", cfg.per_second,
                          connector, ms,
                          queue_full ? fmt::format("{} calls already wait", cfg.queue)
                                     : std::string("past the call's deadline")),
              true, std::chrono::milliseconds(ms));
}

domain::error breaker_open(std::string_view connector, std::string_view endpoint,
                           const breaker_config& cfg, std::chrono::milliseconds remaining) {
  return make(domain::error_code::unavailable, domain::reason::circuit_open,
              fmt::format("the circuit breaker for {} ({} endpoint) is open after at least {}% of "
                          "calls failed; nothing was sent, it half-opens in {} ms",
                          connector, endpoint, cfg.failure_percent,
                          std::max<long long>(remaining.count(), 0)),
              true, std::max(remaining, std::chrono::milliseconds(1)));
}

domain::error deadline_passed(std::string_view connector, int attempts) {
  return make(domain::error_code::deadline_exceeded,
              attempts > 0 ? domain::reason::outcome_unknown : domain::reason::deadline_before_send,
              fmt::format("the call's deadline passed while it waited to be sent to {}", connector),
              true);
}

domain::error pool_lost(std::string_view connector) {
  return domain::outcome_unknown(
      fmt::format("the {} connector pool stopped while the call was in flight", connector));
}

domain::error outcome_unknown_after(std::string_view connector, domain::error last) {
  return domain::outcome_unknown(fmt::format(
      "an earlier attempt may have reached {} and its outcome is unknown; the last attempt "
      "failed: {}. Read the payment's state or retry with the same idempotency key",
      connector, last.message));
}

void note_attempts(domain::error& e, int attempts) {
  e.message += fmt::format(" (after {} attempts)", attempts);
}

void record_attempt(std::string_view connector, std::string_view flow, int attempt,
                    const http_outcome& out, std::chrono::steady_clock::duration took) {
  auto& m = metrics();
  // Labels stay bounded: attempt ≤ retry.max_attempts (≤ 10), outcome an HTTP status or a reason.
  m.processor_calls.add({connector, flow, std::to_string(attempt), outcome_label(out)});
  m.processor_seconds.observe({connector, flow}, std::chrono::duration<double>(took).count());
}

void log_retry(std::string_view connector, const outbound& o, int attempt, int max_attempts,
               const http_outcome& out, std::string_view reason, std::chrono::milliseconds delay,
               std::string_view skipped_because) {
  auto log = obs::component_log("actors");
  if (skipped_because.empty())
    log->info("request_id={} connector={} flow={} attempt={} of {} outcome={} retry={} in {} ms",
              o.request_id, connector, o.flow, attempt, max_attempts, outcome_label(out), reason,
              delay.count());
  else
    log->info("request_id={} connector={} flow={} attempt={} of {} outcome={} not retried: {}",
              o.request_id, connector, o.flow, attempt, max_attempts, outcome_label(out),
              skipped_because);
}

}  // namespace cs::actors
