// Every room's metric families are registered at start (service/metrics.cpp), so /metrics lists
// them all before the first call.
#include <gtest/gtest.h>

#include <string>

#include "obs/metrics.hpp"
#include "service/metrics.hpp"

namespace {

TEST(Metrics, ServiceMetricsCarryBuildInfo) {
  cs::service::register_metrics();
  auto text = cs::obs::registry().expose();
  EXPECT_NE(text.find("connector_service_build_info{version=\"" CS_VERSION "\"} 1"),
            std::string::npos);
  for (const char* name :
       {"connector_service_rpcs_total", "connector_service_rpc_duration_seconds",
        "connector_service_processor_requests_total",
        "connector_service_processor_request_duration_seconds", "connector_service_pool_workers",
        "connector_service_pool_busy_workers", "connector_service_processor_requests_in_flight",
        "connector_service_webhooks_total", "connector_service_outbound_connections_total",
        "connector_service_tls_handshakes_total", "connector_service_circuit_breaker_state",
        "connector_service_redis_connections_total", "connector_service_redis_fallbacks_total"})
    EXPECT_NE(text.find(std::string("# TYPE ") + name + " "), std::string::npos) << name;
}

}  // namespace
