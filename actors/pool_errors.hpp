#pragma once
// What the connector pool answers when it will not (or can no longer) make a call, and the
// per-attempt metrics and logs. Messages name the config key an operator would change.

#include <chrono>
#include <string_view>

#include "actors/connector_pool.hpp"
#include "actors/messages.hpp"

namespace cs::actors {

domain::error overloaded(std::string_view connector, std::size_t max_in_flight);
domain::error rate_limited(std::string_view connector, std::string_view scope,
                           const rate_limit_config& cfg, std::chrono::milliseconds wait,
                           bool queue_full);
domain::error breaker_open(std::string_view connector, std::string_view endpoint,
                           const breaker_config& cfg, std::chrono::milliseconds remaining);
domain::error deadline_passed(std::string_view connector, int attempts);
domain::error pool_lost(std::string_view connector);
// A call whose earlier attempt may have reached the processor but whose last attempt failed
// without sending (connect refused, breaker open, …): still OUTCOME_UNKNOWN.
domain::error outcome_unknown_after(std::string_view connector, domain::error last);
// "(after N attempts)" on the error a retried call ends with.
void note_attempts(domain::error& e, int attempts);

void record_attempt(std::string_view connector, std::string_view flow, int attempt,
                    const http_outcome& out, std::chrono::steady_clock::duration took);
// One line per failed attempt that retry_policy judged retryable: retried, or why not.
void log_retry(std::string_view connector, const outbound& o, int attempt, int max_attempts,
               const http_outcome& out, std::string_view reason, std::chrono::milliseconds delay,
               std::string_view skipped_because);

}  // namespace cs::actors
