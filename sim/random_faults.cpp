#include "random_faults.hpp"

#include <stdexcept>

namespace processor_sim {

void random_faults::configure(random_fault_config cfg) {
  if (!(cfg.rate >= 0 && cfg.rate <= 1)) throw std::invalid_argument("rate must be within 0..1");
  if (cfg.rate > 0 && cfg.mix.empty()) throw std::invalid_argument("a rate > 0 needs a mix");
  for (const auto& f : cfg.mix) {
    if (f.kind == fault_kind::tls_fail) throw std::invalid_argument("tls-fail cannot be random");
  }
  std::lock_guard lock(mutex_);
  cfg_ = std::move(cfg);
  rng_.seed(cfg_.seed);
}

void random_faults::disable() {
  std::lock_guard lock(mutex_);
  cfg_.rate = 0;
}

std::optional<fault> random_faults::draw(const std::string& path) {
  std::lock_guard lock(mutex_);
  if (cfg_.rate <= 0 || cfg_.mix.empty()) return std::nullopt;
  if (path.compare(0, cfg_.path_prefix.size(), cfg_.path_prefix) != 0) return std::nullopt;
  // Own arithmetic instead of std::uniform_*_distribution, whose output is implementation-defined:
  // a seed must reproduce the same sequence with any standard library.
  const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
  if (u >= cfg_.rate) return std::nullopt;
  const fault chosen = cfg_.mix[rng_() % cfg_.mix.size()];
  ++injected_[to_string(chosen)];
  return chosen;
}

random_fault_config random_faults::config() const {
  std::lock_guard lock(mutex_);
  return cfg_;
}

std::map<std::string, std::uint64_t> random_faults::injected() const {
  std::lock_guard lock(mutex_);
  return injected_;
}

}  // namespace processor_sim
