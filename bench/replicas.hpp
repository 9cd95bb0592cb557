#pragma once
// Multi-replica runs (issue 18 part 5): N connector-service replicas behind nginx in one run.
// What the run watches (each replica, nginx's worker), the summed "connector-service ×N" row,
// the suite's replica runs and their summary lines next to the direct single-instance run.

#include <string>
#include <vector>

#include "runner.hpp"

namespace cs::bench {

// The processes a replica run watches: "connector-service #i" per replica, then "nginx".
std::vector<watched> replica_watch(const stack& s);
// Appends "connector-service ×N": the replicas' rows summed (CPU, memory, threads).
void add_replica_sum(load_result& r, int replicas);
// The summed row's name ("connector-service ×N").
std::string replicas_row(int replicas);

// The suite's replica runs, built from the direct single-instance closed-loop run's spec.
std::vector<run_spec> replica_runs(const run_spec& direct);
// One summary line per replica run of `runs`, compared with the run named `direct`.
std::string replica_lines(const std::vector<run_record>& runs, const std::string& direct);

}  // namespace cs::bench
