#include "actors/recent_events.hpp"

namespace cs::actors {

std::string recent_events::key(std::string_view connector, std::string_view account,
                               std::string_view event_id) {
  std::string k;
  k.reserve(connector.size() + account.size() + event_id.size() + 2);
  k.append(connector).append(1, '\n').append(account).append(1, '\n').append(event_id);
  return k;
}

void recent_events::expire(clock::time_point now) {
  while (!order_.empty() && (order_.size() > capacity_ || now - order_.front().second > window_)) {
    auto it = at_.find(order_.front().first);
    // Only the entry's latest record removes it (a key recorded again is younger).
    if (it != at_.end() && it->second == order_.front().second) at_.erase(it);
    order_.pop_front();
  }
}

bool recent_events::seen(const std::string& key, clock::time_point now) {
  expire(now);
  auto it = at_.find(key);
  return it != at_.end() && now - it->second <= window_;
}

void recent_events::record(std::string key, clock::time_point now) {
  if (capacity_ == 0) return;
  at_[key] = now;
  order_.emplace_back(std::move(key), now);
  expire(now);
}

}  // namespace cs::actors
