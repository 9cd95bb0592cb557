#include "actors/flow.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace cs::actors {

void log_step(std::string_view connector, domain::flow flow, std::size_t step,
              const domain::http_request& req, const pool_reply& reply,
              std::chrono::steady_clock::duration took, std::string_view request_id) {
  auto& out = reply.outcome;
  // Only method, target and status: bodies carry card data and headers carry keys.
  auto ms = std::chrono::duration<double, std::milli>(took).count();
  if (out)
    obs::component_log("actors")->debug(
        "request_id={} connector={} flow={} step={}{}{} attempts={} {} {} -> {} in {:.1f} ms",
        request_id, connector, domain::to_string(flow), step, req.step.empty() ? "" : ":", req.step,
        reply.attempts, domain::to_string(req.method), req.target, out->status, ms);
  else
    obs::component_log("actors")->warn(
        "request_id={} connector={} flow={} step={}{}{} attempts={} {} {} failed in {:.1f} ms: {} "
        "({})",
        request_id, connector, domain::to_string(flow), step, req.step.empty() ? "" : ":", req.step,
        reply.attempts, domain::to_string(req.method), req.target, ms, out.err().message,
        out.err().reason);
}

domain::error deadline_before_step(std::string_view connector, domain::flow flow,
                                   std::size_t step) {
  domain::error e;
  e.code = domain::error_code::deadline_exceeded;
  e.reason = step > 1 ? domain::reason::outcome_unknown : domain::reason::deadline_before_send;
  e.message = fmt::format(
      "the call's deadline passed before step {} of the {} flow was sent to {}{}", step,
      domain::to_string(flow), connector,
      step > 1 ? ": earlier steps completed, read the state or retry with the same key" : "");
  return e;
}

void annotate_step(domain::error& e, domain::flow flow, std::size_t step) {
  e.message += fmt::format(" (step {} of the {} flow)", step, domain::to_string(flow));
}

}  // namespace cs::actors
