#include "replicas.hpp"

#include <fmt/format.h>

#include <numeric>
#include <thread>

namespace cs::bench {

std::string replicas_row(int replicas) {
  return replicas == 1 ? "connector-service" : fmt::format("connector-service ×{}", replicas);
}

std::vector<watched> replica_watch(const stack& s) {
  std::vector<watched> out;
  const int n = s.replica_count();
  for (int i = 0; i < n; ++i)
    out.push_back(
        {n == 1 ? replicas_row(1) : fmt::format("connector-service #{}", i + 1), s.replica_pid(i)});
  // nginx's CPU is its workers' (the template runs one); the master only starts them.
  auto workers = s.nginx_worker_pids();
  for (std::size_t i = 0; i < workers.size(); ++i)
    out.push_back({i == 0 ? "nginx" : fmt::format("nginx #{}", i + 1), workers[i]});
  return out;
}

void add_replica_sum(load_result& r, int replicas) {
  if (replicas < 2) return;
  proc_usage sum;
  sum.name = replicas_row(replicas);
  auto last = r.procs.end();
  for (auto it = r.procs.begin(); it != r.procs.end(); ++it)
    if (it->name.rfind("connector-service #", 0) == 0) {
      sum.cpu_s += it->cpu_s;
      sum.cpu_us_per_op += it->cpu_us_per_op;
      sum.cpu_percent += it->cpu_percent;
      sum.peak_rss_kb += it->peak_rss_kb;
      sum.rss_kb += it->rss_kb;
      sum.threads += it->threads;
      last = it + 1;
    }
  r.procs.insert(last, sum);
}

std::vector<run_spec> replica_runs(const run_spec& direct) {
  // The proxy alone (one replica behind nginx), then two replicas at the same concurrency and
  // at twice it, since two replicas may take more calls in flight.
  auto one = direct;
  one.name = direct.name + "-nginx-1";
  one.stack.replicas = 1;
  one.stack.nginx = true;
  auto two = direct;
  two.name = direct.name + "-2-replicas";
  two.stack.replicas = 2;
  auto wide = two;
  wide.load.concurrency = 2 * direct.load.concurrency;
  wide.name += fmt::format("-c{}", wide.load.concurrency);
  return {one, two, wide};
}

namespace {

double cpu_of(const run_record& r, const std::string& prefix) {
  // Sums every row whose name starts with `prefix` ("nginx" covers "nginx #2" too).
  double us = 0;
  for (const auto& p : r.result.procs)
    if (p.name.rfind(prefix, 0) == 0) us += p.cpu_us_per_op;
  return us;
}

}  // namespace

std::string replica_lines(const std::vector<run_record>& runs, const std::string& direct) {
  const run_record* base = nullptr;
  for (const auto& r : runs)
    if (r.spec.name == direct && r.ok()) base = &r;
  std::string out;
  for (const auto& r : runs) {
    if (!r.spec.stack.behind_nginx() || r.spec.target != target_kind::service || !r.ok()) continue;
    const int n = r.spec.stack.replicas;
    const double total = r.result.throughput();
    const auto* svc_row = r.usage(replicas_row(n));
    const double svc = svc_row ? svc_row->cpu_us_per_op : 0;
    const double proxy = cpu_of(r, "nginx");
    // Each replica's share of the calls, from nginx's access log (whole run).
    std::string per;
    const long calls = std::accumulate(r.replica_calls.begin(), r.replica_calls.end(), 0L);
    for (std::size_t i = 0; i < r.replica_calls.size(); ++i)
      per += fmt::format(
          "{}{:.0f}", i ? " + " : "",
          calls > 0 ? total * static_cast<double>(r.replica_calls[i]) / static_cast<double>(calls)
                    : total / n);
    out += fmt::format(
        "   {} ({} {} behind nginx, {} in flight): {:.0f} ops/s total, per replica {} ops/s; "
        "service {:.1f} µs/op (all replicas), nginx {:.1f} µs/op, p99 {:.2f} ms\n",
        r.spec.name, n, n == 1 ? "replica" : "replicas", r.spec.load.concurrency, total,
        per.empty() ? "?" : per, svc, proxy, r.result.latency.p99_ms);
    if (!base) continue;
    const auto* direct_row = base->usage("connector-service");
    const double dsvc = direct_row ? direct_row->cpu_us_per_op : 0;
    const double dtotal = base->result.throughput();
    out += fmt::format(
        "      vs direct {} ({} in flight, same invocation): {:.0f} ops/s, {:.1f} µs/op, p99 "
        "{:.2f} ms → ops/s {:.2f}×, service {:+.1f} µs/op, service + nginx {:.2f}× the direct "
        "CPU per op\n",
        base->spec.name, base->spec.load.concurrency, dtotal, dsvc, base->result.latency.p99_ms,
        dtotal > 0 ? total / dtotal : 0, svc - dsvc, dsvc > 0 ? (svc + proxy) / dsvc : 0);
  }
  if (!out.empty())
    out += fmt::format(
        "   (replicas, nginx, the simulator and the load generator share this machine's {} "
        "cores: ops/s per replica is each replica's share of those cores, not what one replica "
        "carries on a host of its own; nginx µs/op is the proxy's own CPU per call)\n",
        std::thread::hardware_concurrency());
  return out;
}

}  // namespace cs::bench
