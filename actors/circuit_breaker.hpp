#pragma once
// A circuit breaker for one processor endpoint: it opens when the failure rate over a sliding
// window crosses a threshold, answers "open" fast until a cool-down passes, then lets a few
// probe calls through (half-open) and closes only if they all succeed. Pure: time comes in.

#include <array>
#include <chrono>
#include <string_view>

namespace cs::actors {

struct breaker_config {
  double failure_percent = 50;
  int min_calls = 20;  // no opinion below this many calls in the window
  std::chrono::milliseconds window{10000};
  std::chrono::milliseconds open_for{5000};
  int probes = 1;  // calls let through while half-open
};

class circuit_breaker {
 public:
  using clock = std::chrono::steady_clock;
  enum class state { closed, open, half_open };

  explicit circuit_breaker(breaker_config cfg);

  // Whether a call may go now; a half-open breaker counts the probe it lets through.
  bool allow(clock::time_point now);
  // How long an open breaker stays open from now (zero otherwise).
  clock::duration open_remaining(clock::time_point now) const;
  // The outcome of a call that allow() let through.
  void record(bool success, clock::time_point now);
  // A call allow() let through that never reached the endpoint (it waited locally for a
  // connection until its deadline): no verdict, but a half-open probe's place is freed.
  void record_not_sent(clock::time_point now);
  state current(clock::time_point now);

 private:
  static constexpr std::size_t buckets = 10;
  struct bucket {
    long long epoch = -1;  // which window slice this bucket holds
    int calls = 0, failures = 0;
  };
  bucket& slot(clock::time_point now);
  void trip(clock::time_point now);
  void reset_window();

  breaker_config cfg_;
  state state_ = state::closed;
  clock::time_point open_until_{};
  int probes_out_ = 0, probes_ok_ = 0;
  std::array<bucket, buckets> window_{};
};

std::string_view to_string(circuit_breaker::state s) noexcept;

}  // namespace cs::actors
