#pragma once
// The load driver: open loop (operations start at a fixed rate whatever the answers do, latency
// counted from the intended start so a stalled server cannot hide its queue) or closed loop (a
// fixed number of operations in flight). Warm-up first, then the measured window, then a drain.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "procs.hpp"

namespace cs::bench {

// What one operation (one scenario iteration, maybe several RPCs) ended with.
struct op_result {
  bool ok = false;
  std::string error;  // e.g. "UNAVAILABLE" or "http 502"; never request data
  int calls = 1;      // RPCs or HTTP requests the operation made
};
using done_fn = std::function<void(op_result)>;

// Something that can start operations. `done` is called exactly once, on any thread.
class engine {
 public:
  virtual ~engine() = default;
  virtual void start(done_fn done) = 0;
};

enum class load_mode { open, closed };

struct load_options {
  load_mode mode = load_mode::closed;
  double rate = 100;     // open loop, operations/s
  int concurrency = 16;  // closed loop
  std::chrono::milliseconds warmup{2000}, duration{10000};
  std::chrono::milliseconds drain{30000};  // wait for stragglers after the window
  int max_in_flight = 20000;  // open loop: beyond this an arrival is counted as rejected
  bool progress = true;
};

// A process whose CPU and memory the report shows.
struct watched {
  std::string name;
  int pid = 0;  // 0 = this process (the load generator)
};

struct latency_summary {
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0, mean_ms = 0;
};

struct proc_usage {
  std::string name;
  double cpu_s = 0;  // over the measured window
  double cpu_us_per_op = 0;
  double cpu_percent = 0;  // of one core
  long peak_rss_kb = 0;    // VmHWM at the end (the whole run, warm-up included)
  long rss_kb = 0;
  int threads = 0;
};

struct load_result {
  double window_s = 0;
  std::uint64_t ok = 0, failed = 0;             // completed inside the window
  std::uint64_t calls = 0;                      // RPCs / HTTP requests completed inside the window
  std::uint64_t issued = 0, lost = 0;           // whole run; lost = never completed after the drain
  std::uint64_t rejected = 0;                   // open loop arrivals over max_in_flight
  std::uint64_t total_failed = 0;               // whole run, warm-up and drain included
  std::map<std::string, std::uint64_t> errors;  // whole run
  std::uint64_t max_in_flight = 0;
  latency_summary latency;  // of operations completed inside the window
  std::vector<proc_usage> procs;
  double throughput() const {
    return window_s > 0 ? static_cast<double>(ok + failed) / window_s : 0;
  }
};

load_result run_load(engine& e, const load_options& o, const std::vector<watched>& procs,
                     const std::string& label);

}  // namespace cs::bench
