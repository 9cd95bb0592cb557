#pragma once
// Random faults for soak tests: each processor request that no other fault source claimed gets,
// with probability `rate`, one fault drawn uniformly from `mix`. The draws come from one seeded
// generator under a mutex, so the n-th draw is the same for a given seed whatever the threads
// (which request gets the n-th draw still depends on arrival order).

#include "faults.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace processor_sim {

struct random_fault_config {
  double rate = 0;  // 0..1; 0 = off
  std::vector<fault> mix;
  std::uint64_t seed = 1;
  std::string path_prefix;  // empty = every processor path
};

class random_faults {
 public:
  // Throws std::invalid_argument when rate is outside 0..1 or rate > 0 with an empty mix.
  void configure(random_fault_config cfg);
  // Turns random faults off; keeps the counters.
  void disable();

  std::optional<fault> draw(const std::string& path);

  random_fault_config config() const;
  // Injected random faults per spec ("status:503", "latency:300", ...).
  std::map<std::string, std::uint64_t> injected() const;

 private:
  mutable std::mutex mutex_;
  random_fault_config cfg_;
  std::mt19937_64 rng_{1};
  std::map<std::string, std::uint64_t> injected_;
};

}  // namespace processor_sim
