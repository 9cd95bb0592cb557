#include "actors/token_bucket.hpp"

#include <algorithm>

namespace cs::actors {

token_bucket::token_bucket(double per_second, double burst, clock::time_point now)
    : per_second_(per_second), burst_(burst), tokens_(burst), last_(now) {}

void token_bucket::refill(clock::time_point now) {
  if (now <= last_) return;
  tokens_ =
      std::min(burst_, tokens_ + std::chrono::duration<double>(now - last_).count() * per_second_);
  last_ = now;
}

token_bucket::clock::duration token_bucket::wait_for_next(clock::time_point now) {
  refill(now);
  // Negative tokens are reservations already handed out.
  auto missing = 1.0 - tokens_;
  if (missing <= 0) return clock::duration::zero();
  return std::chrono::duration_cast<clock::duration>(
      std::chrono::duration<double>(missing / per_second_));
}

token_bucket::clock::duration token_bucket::reserve(clock::time_point now) {
  auto wait = wait_for_next(now);
  tokens_ -= 1.0;
  return wait;
}

void token_bucket::cancel() {
  tokens_ = std::min(burst_, tokens_ + 1.0);
}

}  // namespace cs::actors
