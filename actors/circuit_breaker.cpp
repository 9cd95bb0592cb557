#include "actors/circuit_breaker.hpp"

#include <algorithm>

namespace cs::actors {

circuit_breaker::circuit_breaker(breaker_config cfg) : cfg_(cfg) {}

circuit_breaker::bucket& circuit_breaker::slot(clock::time_point now) {
  auto width = std::max<long long>(1, cfg_.window.count() / static_cast<long long>(buckets));
  auto epoch =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() / width;
  auto& b = window_[static_cast<std::size_t>(epoch) % buckets];
  if (b.epoch != epoch) b = bucket{epoch, 0, 0};
  return b;
}

void circuit_breaker::reset_window() {
  window_.fill(bucket{});
}

void circuit_breaker::trip(clock::time_point now) {
  state_ = state::open;
  open_until_ = now + cfg_.open_for;
  probes_out_ = probes_ok_ = 0;
  reset_window();
}

circuit_breaker::state circuit_breaker::current(clock::time_point now) {
  if (state_ == state::open && now >= open_until_) {
    state_ = state::half_open;
    probes_out_ = probes_ok_ = 0;
  }
  return state_;
}

bool circuit_breaker::allow(clock::time_point now) {
  switch (current(now)) {
    case state::closed:
      return true;
    case state::open:
      return false;
    case state::half_open:
      if (probes_out_ >= cfg_.probes) return false;
      ++probes_out_;
      return true;
  }
  return false;
}

circuit_breaker::clock::duration circuit_breaker::open_remaining(clock::time_point now) const {
  if (state_ != state::open || now >= open_until_) return clock::duration::zero();
  return open_until_ - now;
}

void circuit_breaker::record(bool success, clock::time_point now) {
  switch (current(now)) {
    case state::open:
      return;  // a call let through before the breaker opened: its verdict is already in
    case state::half_open:
      if (!success) {
        trip(now);
      } else if (++probes_ok_ >= cfg_.probes) {
        state_ = state::closed;
        reset_window();
      }
      return;
    case state::closed:
      break;
  }
  auto& b = slot(now);
  ++b.calls;
  if (!success) ++b.failures;
  if (success) return;
  auto width = std::max<long long>(1, cfg_.window.count() / static_cast<long long>(buckets));
  auto epoch_now =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() / width;
  int calls = 0, failures = 0;
  for (auto& w : window_)
    if (w.epoch > epoch_now - static_cast<long long>(buckets)) {
      calls += w.calls;
      failures += w.failures;
    }
  if (calls >= cfg_.min_calls && failures * 100.0 >= cfg_.failure_percent * calls) trip(now);
}

void circuit_breaker::record_not_sent(clock::time_point now) {
  if (current(now) == state::half_open && probes_out_ > 0) --probes_out_;
}

std::string_view to_string(circuit_breaker::state s) noexcept {
  switch (s) {
    case circuit_breaker::state::closed:
      return "closed";
    case circuit_breaker::state::open:
      return "open";
    case circuit_breaker::state::half_open:
      return "half_open";
  }
  return "closed";
}

}  // namespace cs::actors
