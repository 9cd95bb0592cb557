#pragma once
// One measured run: start the processes, build the engine, drive the load, stop everything and
// keep what the report needs.

#include <string>
#include <vector>

#include "load.hpp"
#include "stack.hpp"

namespace cs::bench {

enum class target_kind { service, echo, https };
std::string to_string(target_kind k);

struct run_spec {
  std::string name;  // a label for the report
  target_kind target = target_kind::service;
  std::string connector = "adyen";
  std::string scenario = "authorize";  // authorize | authorize-capture | refund | webhook | mixed
  load_options load;
  int sim_latency_ms = 0;
  int channels = 1;
  int http_workers = 0;  // 0 = the concurrency (closed) or 64 (open)
  stack_options stack;   // dir filled per run
};

struct run_record {
  run_spec spec;
  load_result result;
  double sim_calls_per_op = 0;  // processor requests the simulator saw per operation
  std::string failure;          // non-empty when the run could not start
  int target_exit = 0, sim_exit = 0, nginx_exit = 0;
  // Behind nginx: calls each replica answered, from nginx's access log (whole run).
  std::vector<long> replica_calls;
  bool ok() const { return failure.empty() && result.ok > 0; }
  // CPU µs per operation of the named process ("" when not watched).
  const proc_usage* usage(const std::string& process) const;
};

// `keep_dirs` keeps the state dirs (logs, config) after the run.
run_record run_one(run_spec spec, bool keep_dirs);

}  // namespace cs::bench
