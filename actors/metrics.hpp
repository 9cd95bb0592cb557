#pragma once
// The actors' metric families — connector pools and the webhook actor — (names in
// docs/operations.md), registered in obs::registry() on first use.

#include "obs/metrics.hpp"

namespace cs::actors {

struct actor_metrics {
  obs::metric_family& processor_calls;          // connector_service_processor_requests_total
  obs::metric_family& processor_seconds;        // …_processor_request_duration_seconds
  obs::metric_family& pool_workers;             // connector_service_pool_workers
  obs::metric_family& busy_workers;             // connector_service_pool_busy_workers
  obs::metric_family& in_flight;                // …_processor_requests_in_flight
  obs::metric_family& queued;                   // …_processor_requests_queued
  obs::metric_family& retries;                  // connector_service_processor_retries_total
  obs::metric_family& rate_limit_waits;         // connector_service_rate_limit_waits_total
  obs::metric_family& rate_limit_rejections;    // …_rate_limit_rejections_total
  obs::metric_family& rate_limit_wait_seconds;  // connector_service_rate_limit_wait_seconds
  obs::metric_family& breaker_state;            // connector_service_circuit_breaker_state
  obs::metric_family& breaker_rejections;       // …_circuit_breaker_rejections_total
  obs::metric_family& overload_rejections;      // connector_service_overload_rejections_total
  obs::metric_family& webhooks;                 // connector_service_webhooks_total
  obs::metric_family& redis_fallbacks;          // connector_service_redis_fallbacks_total
};

actor_metrics& metrics();

}  // namespace cs::actors
