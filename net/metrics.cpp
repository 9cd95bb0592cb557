#include "net/metrics.hpp"

namespace cs::net {

net_metrics& metrics() {
  auto& r = obs::registry();
  static net_metrics m{
      r.counter("connector_service_outbound_connections_total",
                "Outbound HTTP connections by client (connector or webhook_sink) and event: "
                "opened, opened_h2 (of those, the ones ALPN made HTTP/2), reused (an idle "
                "keep-alive connection), stale_dropped (an idle connection the peer had closed, "
                "dropped before use), waited (a call waited for a free connection).",
                {"client", "event"}),
      r.counter("connector_service_tls_handshakes_total",
                "Completed TLS handshakes by client and whether the previous session was "
                "resumed.",
                {"client", "resumed"}),
      r.counter("connector_service_redis_connections_total",
                "Connections to the shared Redis by event: opened, failed (refused, timed out, "
                "AUTH refused), lost (closed, a command timed out), closed (shutdown).",
                {"event"}),
  };
  return m;
}

}  // namespace cs::net
