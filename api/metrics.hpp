#pragma once
// The API room's metric families (names in docs/operations.md), registered in obs::registry()
// on first use; service/ registers them at start so /metrics lists them before the first call.

#include "obs/metrics.hpp"

namespace cs::api {

struct api_metrics {
  obs::metric_family& rpcs;         // connector_service_rpcs_total
  obs::metric_family& rpc_seconds;  // connector_service_rpc_duration_seconds
};

api_metrics& metrics();

}  // namespace cs::api
