#pragma once
// Webhook event ids the receiver relayed recently, per connector and merchant account, so a
// processor's redelivery of an event already handed on is acknowledged without relaying it again.
// Memory is bounded: ids older than the window, or beyond the capacity (oldest first), are
// forgotten (a redelivery after that is relayed again: at-least-once, never lost).

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cs::actors {

class recent_events {
 public:
  using clock = std::chrono::steady_clock;

  recent_events(std::size_t capacity, std::chrono::seconds window)
      : capacity_(capacity), window_(window) {}

  static std::string key(std::string_view connector, std::string_view account,
                         std::string_view event_id);
  bool seen(const std::string& key, clock::time_point now);
  void record(std::string key, clock::time_point now);
  std::size_t size() const noexcept { return at_.size(); }

 private:
  void expire(clock::time_point now);

  std::size_t capacity_;
  std::chrono::seconds window_;
  std::unordered_map<std::string, clock::time_point> at_;
  std::deque<std::pair<std::string, clock::time_point>> order_;  // oldest first
};

}  // namespace cs::actors
