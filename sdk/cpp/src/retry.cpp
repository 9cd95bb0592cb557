#include "cs/sdk/retry.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace cs::sdk {

std::chrono::milliseconds retry_policy::delay(const error& e, int attempt) const {
  double base = std::min<double>(max_backoff.count(),
                                 initial_backoff.count() * std::pow(multiplier, attempt - 1));
  if (jitter > 0) {
    // Jitter only spreads retries of many clients apart; it needs no CSPRNG.
    thread_local std::minstd_rand gen{std::random_device{}()};
    base *= 1 + std::uniform_real_distribution<double>(-jitter, jitter)(gen);
  }
  if (e.retry_delay) base = std::max<double>(base, e.retry_delay->count());
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::max(0.0, base)));
}

void default_sleep(std::chrono::milliseconds d) {
  std::this_thread::sleep_for(d);
}

}  // namespace cs::sdk
