#pragma once
// The suite: baselines and service scenarios in one invocation on one machine, so every figure
// is read as a ratio against the baselines measured minutes apart, never against another day.

#include <string>
#include <vector>

#include "runner.hpp"

namespace cs::bench {

struct suite_options {
  bool smoke = false;  // seconds, only proves the harness runs and reports
  double warmup_s = 3, duration_s = 15;
  int concurrency = 16;
  int in_flight = 2000;  // the memory / no-drop test
  int in_flight_latency_ms = 200;
  run_spec base;  // stack settings and channels shared by every run
};

struct suite_result {
  std::vector<run_record> runs;
  std::string ratios;  // the text table
  bool all_ran = true;
};

// Prints each run's report to stdout as it finishes.
suite_result run_suite(const suite_options& o, bool keep_dirs);

}  // namespace cs::bench
