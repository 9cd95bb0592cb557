#include "api/metrics.hpp"

namespace cs::api {

api_metrics& metrics() {
  auto& r = obs::registry();
  static api_metrics m{
      r.counter("connector_service_rpcs_total",
                "gRPC calls by service, method, connector and status code.",
                {"service", "method", "connector", "code"}),
      r.histogram("connector_service_rpc_duration_seconds",
                  "gRPC call latency, from arrival to answer.", {"method", "connector"},
                  obs::latency_buckets()),
  };
  return m;
}

}  // namespace cs::api
