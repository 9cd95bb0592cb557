#pragma once
// A rate limit as a token bucket that hands out reservations: a call that finds no token
// reserves the next one and learns how long it must wait, so waiting calls are served in order
// and the wait quoted to a rejected caller is exact. Pure: time comes in.

#include <chrono>

namespace cs::actors {

struct rate_limit_config {
  double per_second = 0;    // 0 = no limit
  double burst = 1;         // tokens available at once (≥ 1)
  std::size_t queue = 100;  // calls allowed to wait for a token
};

class token_bucket {
 public:
  using clock = std::chrono::steady_clock;
  token_bucket(double per_second, double burst, clock::time_point now = clock::now());

  // Takes a token now or reserves a future one; returns how long the caller must wait first.
  clock::duration reserve(clock::time_point now);
  // Gives back a reservation the caller will not use (it was rejected elsewhere).
  void cancel();
  // The wait a reservation made now would get, without making it.
  clock::duration wait_for_next(clock::time_point now);

 private:
  void refill(clock::time_point now);
  double per_second_, burst_, tokens_;
  clock::time_point last_;
};

}  // namespace cs::actors
