#include "actors/flow.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "transport/log.hpp"
#include "transport/metrics/registry.hpp"

namespace cs::actors {

void log_step(std::string_view connector, domain::flow flow, std::size_t step,
              const domain::http_request& req, const http_outcome& out,
              std::chrono::steady_clock::duration took, std::string_view request_id) {
  // Only method, target and status: bodies carry card data and headers carry keys.
  auto ms = std::chrono::duration<double, std::milli>(took).count();
  auto& m = transport::metrics();
  auto flow_name = domain::to_string(flow);
  // Outcome labels stay bounded: an HTTP status code, or one of the fixed failure reasons.
  auto outcome = out ? std::to_string(out->status) : out.err().reason;
  m.processor_calls.add({connector, flow_name, "1", outcome});
  m.processor_seconds.observe({connector, flow_name}, ms / 1000.0);
  if (out)
    transport::component_log("actors")->debug(
        "request_id={} connector={} flow={} step={} {} {} -> {} in {:.1f} ms", request_id,
        connector, domain::to_string(flow), step, domain::to_string(req.method), req.target,
        out->status, ms);
  else
    transport::component_log("actors")->warn(
        "request_id={} connector={} flow={} step={} {} {} failed in {:.1f} ms: {} ({})", request_id,
        connector, domain::to_string(flow), step, domain::to_string(req.method), req.target, ms,
        out.err().message, out.err().reason);
}

domain::error deadline_before_step(std::string_view connector, domain::flow flow,
                                   std::size_t step) {
  domain::error e;
  e.code = domain::error_code::deadline_exceeded;
  e.reason = step > 1 ? domain::reason::outcome_unknown : "DEADLINE_BEFORE_SEND";
  e.message = fmt::format(
      "the call's deadline passed before step {} of the {} flow was sent to {}{}", step,
      domain::to_string(flow), connector,
      step > 1 ? ": earlier steps completed, read the state or retry with the same key" : "");
  return e;
}

domain::error pool_lost(std::string_view connector) {
  domain::error e;
  e.code = domain::error_code::unavailable;
  e.reason = domain::reason::outcome_unknown;
  e.message = fmt::format("the {} connector pool stopped while the call was in flight", connector);
  return e;
}

void annotate_step(domain::error& e, domain::flow flow, std::size_t step) {
  e.message += fmt::format(" (step {} of the {} flow)", step, domain::to_string(flow));
}

}  // namespace cs::actors
