#pragma once
// Registers every room's metric families at start, so /metrics lists them all (at zero) before
// the first call, and sets connector_service_build_info.

namespace cs::service {

void register_metrics();

}  // namespace cs::service
