#pragma once
// The network room's metric families (names in docs/operations.md), registered in
// obs::registry() on first use.

#include "obs/metrics.hpp"

namespace cs::net {

struct net_metrics {
  obs::metric_family& outbound_connections;  // connector_service_outbound_connections_total
  obs::metric_family& tls_handshakes;        // connector_service_tls_handshakes_total
  obs::metric_family& redis_connections;     // connector_service_redis_connections_total
};

net_metrics& metrics();

}  // namespace cs::net
