#include "service/metrics.hpp"

#include "actors/metrics.hpp"
#include "api/metrics.hpp"
#include "net/metrics.hpp"
#include "obs/metrics.hpp"

namespace cs::service {

void register_metrics() {
  static auto& build_info = obs::registry().gauge(
      "connector_service_build_info", "Always 1; the version is in the label.", {"version"});
  build_info.set({CS_VERSION}, 1);
  api::metrics();
  actors::metrics();
  net::metrics();
}

}  // namespace cs::service
