#include "load.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

namespace cs::bench {
namespace {

using clock = std::chrono::steady_clock;

// Shared by every completion callback: counters are atomics, latencies go into a vector under
// a mutex (a few hundred thousand entries at most; sorting once at the end is exact).
struct recorder {
  clock::time_point window_start, window_end;
  std::atomic<std::uint64_t> issued{0}, completed{0}, in_flight{0}, max_in_flight{0};
  std::atomic<std::uint64_t> total_failed{0}, rejected{0};
  std::atomic<std::uint64_t> second_count{0}, second_ns{0};  // for the progress line
  std::atomic<bool> stopping{false};
  // Completion callbacks running now. A closed-loop callback counts its operation out and then
  // starts the next one: the drain waits for both counters, so it never ends in between and the
  // engine is never destroyed while a callback is about to call it.
  std::atomic<std::uint64_t> callbacks{0};
  std::mutex m;
  std::vector<std::int64_t> lat_ns;
  std::uint64_t ok = 0, failed = 0, calls = 0;
  std::map<std::string, std::uint64_t> errors;
  std::condition_variable drained;

  void on_start() {
    issued.fetch_add(1, std::memory_order_relaxed);
    auto now = in_flight.fetch_add(1, std::memory_order_relaxed) + 1;
    auto seen = max_in_flight.load(std::memory_order_relaxed);
    while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
    }
  }

  void on_done(clock::time_point intended, const op_result& r) {
    auto now = clock::now();
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - intended).count();
    second_count.fetch_add(1, std::memory_order_relaxed);
    second_ns.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
    if (!r.ok) total_failed.fetch_add(1, std::memory_order_relaxed);
    {
      std::lock_guard lock(m);
      if (!r.ok) ++errors[r.error.empty() ? "error" : r.error];
      if (now >= window_start && now < window_end) {
        lat_ns.push_back(ns);
        (r.ok ? ok : failed) += 1;
        calls += static_cast<std::uint64_t>(r.calls);
      }
    }
    completed.fetch_add(1, std::memory_order_relaxed);
    in_flight.fetch_sub(1, std::memory_order_acq_rel);
  }

  void enter() { callbacks.fetch_add(1, std::memory_order_acq_rel); }
  void leave() {
    if (callbacks.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard lock(m);
      drained.notify_all();
    }
  }
  bool idle() const { return in_flight.load() == 0 && callbacks.load() == 0; }
};

double pct(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size()))) - 1;
  return static_cast<double>(sorted[std::min(i, sorted.size() - 1)]) / 1e6;
}

// Closed loop: each completion starts the next operation until the window (plus warm-up) ends.
// The recorder is shared with the callbacks: an operation still in flight after the drain must
// not touch a dead recorder.
void start_closed(engine& e, const std::shared_ptr<recorder>& rec) {
  auto intended = clock::now();
  rec->on_start();
  e.start([&e, rec, intended](op_result r) {
    rec->enter();
    rec->on_done(intended, r);
    if (!rec->stopping.load(std::memory_order_acquire)) start_closed(e, rec);
    rec->leave();
  });
}

// Open loop: arrivals at t0 + i/rate; when the pacer wakes late it starts every due arrival at
// once, each with its own intended time.
void pace_open(engine& e, const std::shared_ptr<recorder>& rec_p, const load_options& o,
               clock::time_point t0, clock::time_point end) {
  auto& rec = *rec_p;
  const auto period = std::chrono::duration<double>(1.0 / o.rate);
  for (std::uint64_t i = 0;; ++i) {
    auto intended =
        t0 + std::chrono::duration_cast<clock::duration>(period * static_cast<double>(i));
    if (intended >= end) break;
    if (intended > clock::now()) std::this_thread::sleep_until(intended);
    if (rec.in_flight.load(std::memory_order_relaxed) >=
        static_cast<std::uint64_t>(o.max_in_flight)) {
      rec.rejected.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    rec.on_start();
    e.start([rec_p, intended](op_result r) {
      rec_p->enter();
      rec_p->on_done(intended, r);
      rec_p->leave();
    });
  }
}

std::vector<proc_sample> sample_all(const std::vector<watched>& procs) {
  std::vector<proc_sample> out;
  for (const auto& p : procs) out.push_back(sample(p.pid));
  return out;
}

}  // namespace

load_result run_load(engine& e, const load_options& o, const std::vector<watched>& procs,
                     const std::string& label) {
  auto rec_p = std::make_shared<recorder>();
  auto& rec = *rec_p;
  const auto t0 = clock::now();
  rec.window_start = t0 + o.warmup;
  rec.window_end = rec.window_start + o.duration;
  std::vector<proc_sample> before, after;

  // The sampler takes /proc readings at the window's edges and prints the progress line.
  std::thread sampler([&] {
    bool in_window = false;
    for (int s = 1;; ++s) {
      auto tick = t0 + std::chrono::seconds(s);
      auto next_edge = in_window ? rec.window_end : rec.window_start;
      if (next_edge <= tick) {
        std::this_thread::sleep_until(next_edge);
        if (!in_window)
          before = sample_all(procs), in_window = true;
        else {
          after = sample_all(procs);
          return;
        }
      }
      std::this_thread::sleep_until(tick);
      auto n = rec.second_count.exchange(0), ns = rec.second_ns.exchange(0);
      if (o.progress)
        std::fprintf(stderr,
                     "[%s] %3ds %-7s %7llu ops/s  in flight %5llu  mean %7.2f ms  errors %llu\n",
                     label.c_str(), s, clock::now() < rec.window_start ? "warm-up" : "measure",
                     static_cast<unsigned long long>(n),
                     static_cast<unsigned long long>(rec.in_flight.load()),
                     n ? static_cast<double>(ns) / static_cast<double>(n) / 1e6 : 0.0,
                     static_cast<unsigned long long>(rec.total_failed.load()));
      if (tick >= rec.window_end && in_window) {
        after = sample_all(procs);
        return;
      }
    }
  });

  if (o.mode == load_mode::closed) {
    for (int i = 0; i < o.concurrency; ++i) start_closed(e, rec_p);
    std::this_thread::sleep_until(rec.window_end);
    rec.stopping = true;
  } else {
    pace_open(e, rec_p, o, t0, rec.window_end);
  }
  sampler.join();
  {
    std::unique_lock lock(rec.m);
    // Operations not answered by then are reported as lost; the engine's destructor cancels
    // them and waits for their callbacks before anything is destroyed.
    rec.drained.wait_for(lock, o.drain, [&] { return rec.idle(); });
  }

  load_result out;
  out.window_s = std::chrono::duration<double>(o.duration).count();
  std::lock_guard lock(rec.m);
  out.ok = rec.ok;
  out.failed = rec.failed;
  out.calls = rec.calls;
  out.issued = rec.issued;
  out.lost = rec.in_flight.load();
  out.rejected = rec.rejected;
  out.total_failed = rec.total_failed;
  out.errors = rec.errors;
  out.max_in_flight = rec.max_in_flight;
  std::sort(rec.lat_ns.begin(), rec.lat_ns.end());
  auto& l = out.latency;
  l.p50_ms = pct(rec.lat_ns, 0.50);
  l.p90_ms = pct(rec.lat_ns, 0.90);
  l.p99_ms = pct(rec.lat_ns, 0.99);
  l.p999_ms = pct(rec.lat_ns, 0.999);
  l.max_ms = rec.lat_ns.empty() ? 0 : static_cast<double>(rec.lat_ns.back()) / 1e6;
  double sum = 0;
  for (auto v : rec.lat_ns) sum += static_cast<double>(v);
  l.mean_ms = rec.lat_ns.empty() ? 0 : sum / static_cast<double>(rec.lat_ns.size()) / 1e6;
  const double ops = static_cast<double>(out.ok + out.failed);
  for (std::size_t i = 0; i < procs.size() && i < before.size() && i < after.size(); ++i) {
    proc_usage u;
    u.name = procs[i].name;
    u.cpu_s = after[i].cpu_s - before[i].cpu_s;
    u.cpu_us_per_op = ops > 0 ? u.cpu_s * 1e6 / ops : 0;
    u.cpu_percent = 100.0 * u.cpu_s / out.window_s;
    u.peak_rss_kb = after[i].peak_kb;
    u.rss_kb = after[i].rss_kb;
    u.threads = after[i].threads;
    out.procs.push_back(u);
  }
  return out;
}

}  // namespace cs::bench
