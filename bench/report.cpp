#include "report.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

namespace cs::bench {

std::string describe(const run_spec& s) {
  auto load = s.load.mode == load_mode::closed
                  ? fmt::format("closed, {} in flight", s.load.concurrency)
                  : fmt::format("open, {:.0f}/s", s.load.rate);
  auto what = s.target == target_kind::service && s.stack.behind_nginx()
                  ? fmt::format("service {} {}, {} replica{} behind nginx", s.connector, s.scenario,
                                s.stack.replicas, s.stack.replicas == 1 ? "" : "s")
              : s.target == target_kind::service
                  ? fmt::format("service {} {}", s.connector, s.scenario)
              : s.target == target_kind::echo ? std::string("baseline echo (gRPC only)")
                                              : std::string("baseline https (Beast → sim)");
  return fmt::format("{} ({}, warm-up {:.1f} s, {:.1f} s measured, sim latency {} ms)", what, load,
                     s.load.warmup.count() / 1000.0, s.load.duration.count() / 1000.0,
                     s.sim_latency_ms);
}

std::string text_report(const run_record& r) {
  std::string out = fmt::format("== {}: {}\n", r.spec.name, describe(r.spec));
  if (!r.failure.empty()) return out + "   FAILED TO RUN: " + r.failure + "\n";
  const auto& x = r.result;
  out += fmt::format(
      "   throughput {:.1f} ops/s ({:.1f} calls/s); ok {}, failed {}; whole run: issued {}, "
      "failed {}, lost {}, rejected {}, max in flight {}\n",
      x.throughput(), static_cast<double>(x.calls) / x.window_s, x.ok, x.failed, x.issued,
      x.total_failed, x.lost, x.rejected, x.max_in_flight);
  out += fmt::format(
      "   latency ms: p50 {:.3f}  p90 {:.3f}  p99 {:.3f}  p99.9 {:.3f}  max {:.3f}  mean {:.3f}\n",
      x.latency.p50_ms, x.latency.p90_ms, x.latency.p99_ms, x.latency.p999_ms, x.latency.max_ms,
      x.latency.mean_ms);
  out += fmt::format("   {:<20} {:>8} {:>11} {:>8} {:>12} {:>8} {:>8}\n", "process", "CPU s",
                     "CPU µs/op", "CPU %", "peak RSS MB", "RSS MB", "threads");
  for (const auto& p : x.procs)
    out += fmt::format("   {:<20} {:>8.2f} {:>11.1f} {:>8.1f} {:>12.1f} {:>8.1f} {:>8}\n", p.name,
                       p.cpu_s, p.cpu_us_per_op, p.cpu_percent, p.peak_rss_kb / 1024.0,
                       p.rss_kb / 1024.0, p.threads);
  out += fmt::format("   simulator requests per operation: {:.2f}\n", r.sim_calls_per_op);
  if (!r.replica_calls.empty()) {
    long all = 0;
    for (auto n : r.replica_calls) all += n;
    out += "   calls per replica (nginx access log, whole run):";
    for (std::size_t i = 0; i < r.replica_calls.size(); ++i)
      out += fmt::format(" #{} {} ({:.1f}%)", i + 1, r.replica_calls[i],
                         all ? 100.0 * static_cast<double>(r.replica_calls[i]) / all : 0.0);
    out += "\n";
  }
  for (const auto& [error, n] : x.errors) out += fmt::format("   error {}: {}\n", error, n);
  if (r.target_exit != 0 || r.sim_exit != 0 || r.nginx_exit != 0)
    out += fmt::format("   exit status: target {}, simulator {}{}\n", r.target_exit, r.sim_exit,
                       r.spec.stack.behind_nginx() ? fmt::format(", nginx {}", r.nginx_exit) : "");
  return out;
}

std::string json_report(const std::vector<run_record>& runs, const std::string& machine,
                        const std::string& command, const std::string& ratios) {
  boost::json::array list;
  for (const auto& r : runs) {
    const auto& x = r.result;
    boost::json::object procs;
    for (const auto& p : x.procs)
      procs[p.name] = {{"cpu_s", p.cpu_s},
                       {"cpu_us_per_op", p.cpu_us_per_op},
                       {"cpu_percent", p.cpu_percent},
                       {"peak_rss_kb", p.peak_rss_kb},
                       {"rss_kb", p.rss_kb},
                       {"threads", p.threads}};
    boost::json::object errors;
    for (const auto& [e, n] : x.errors) errors[e] = n;
    list.push_back(
        boost::json::object{{"name", r.spec.name},
                            {"description", describe(r.spec)},
                            {"target", to_string(r.spec.target)},
                            {"connector", r.spec.connector},
                            {"scenario", r.spec.scenario},
                            {"mode", r.spec.load.mode == load_mode::closed ? "closed" : "open"},
                            {"concurrency", r.spec.load.concurrency},
                            {"rate", r.spec.load.rate},
                            {"sim_latency_ms", r.spec.sim_latency_ms},
                            {"replicas", r.spec.stack.replicas},
                            {"behind_nginx", r.spec.stack.behind_nginx()},
                            {"replica_calls", boost::json::value_from(r.replica_calls)},
                            {"failure", r.failure},
                            {"window_s", x.window_s},
                            {"throughput", x.throughput()},
                            {"ok", x.ok},
                            {"failed", x.failed},
                            {"issued", x.issued},
                            {"lost", x.lost},
                            {"rejected", x.rejected},
                            {"total_failed", x.total_failed},
                            {"max_in_flight", x.max_in_flight},
                            {"latency_ms",
                             {{"p50", x.latency.p50_ms},
                              {"p90", x.latency.p90_ms},
                              {"p99", x.latency.p99_ms},
                              {"p999", x.latency.p999_ms},
                              {"max", x.latency.max_ms},
                              {"mean", x.latency.mean_ms}}},
                            {"processes", procs},
                            {"sim_requests_per_op", r.sim_calls_per_op},
                            {"errors", errors}});
  }
  boost::json::object root{
      {"machine", machine}, {"command", command}, {"runs", list}, {"ratios", ratios}};
  return boost::json::serialize(root) + "\n";
}

}  // namespace cs::bench
