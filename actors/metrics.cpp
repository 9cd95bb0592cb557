#include "actors/metrics.hpp"

namespace cs::actors {

actor_metrics& metrics() {
  auto& r = obs::registry();
  static actor_metrics m{
      r.counter("connector_service_processor_requests_total",
                "Calls to processors by connector, flow, attempt and outcome (HTTP status, or "
                "the transport failure reason).",
                {"connector", "flow", "attempt", "outcome"}),
      r.histogram("connector_service_processor_request_duration_seconds",
                  "Latency of one call to a processor.", {"connector", "flow"},
                  obs::latency_buckets()),
      r.gauge("connector_service_pool_workers", "Worker actors in each connector pool.",
              {"connector"}),
      r.gauge("connector_service_pool_busy_workers",
              "Workers with at least one processor call in flight.", {"connector"}),
      r.gauge("connector_service_processor_requests_in_flight",
              "Processor calls sent and not yet answered, per connector.", {"connector"}),
      r.gauge("connector_service_processor_requests_queued",
              "Calls accepted by a connector pool and waiting: for a rate-limit token or for a "
              "retry's backoff.",
              {"connector"}),
      r.counter("connector_service_processor_retries_total",
                "Processor calls sent again, by connector and why.", {"connector", "reason"}),
      r.counter("connector_service_rate_limit_waits_total",
                "Calls that waited for a rate-limit token, by connector and scope (connector or "
                "account).",
                {"connector", "scope"}),
      r.counter("connector_service_rate_limit_rejections_total",
                "Calls refused with RESOURCE_EXHAUSTED by a rate limit (queue full or the wait "
                "would pass the deadline), by connector and scope.",
                {"connector", "scope"}),
      r.histogram("connector_service_rate_limit_wait_seconds",
                  "How long calls waited for a rate-limit token.", {"connector"},
                  obs::latency_buckets()),
      r.gauge("connector_service_circuit_breaker_state",
              "Circuit breaker per connector endpoint: 0 closed, 1 open, 2 half-open.",
              {"connector", "endpoint"}),
      r.counter("connector_service_circuit_breaker_rejections_total",
                "Calls answered UNAVAILABLE because the endpoint's circuit breaker was open.",
                {"connector", "endpoint"}),
      r.counter("connector_service_overload_rejections_total",
                "Calls refused with RESOURCE_EXHAUSTED because the pool had max_in_flight "
                "calls.",
                {"connector"}),
      r.counter("connector_service_webhooks_total",
                "Webhooks by connector and result (verified, rejected, relayed, relay_failed).",
                {"connector", "result"}),
      r.counter("connector_service_redis_fallbacks_total",
                "Times the shared Redis state could not be used and this replica's own was used "
                "instead, by use (rate_limit, webhook_dedupe, charge_marker) and reason (unreachable, timeout, "
                "error_reply, bad_reply).",
                {"use", "reason"}),
  };
  return m;
}

}  // namespace cs::actors
