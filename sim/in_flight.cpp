#include "in_flight.hpp"

namespace processor_sim {

std::shared_ptr<void> in_flight_keys::try_acquire(const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    if (!busy_.insert(key).second) return nullptr;
  }
  // Any non-null pointer works as the handle; the deleter is what matters.
  return std::shared_ptr<void>(this, [key](in_flight_keys* self) { self->release(key); });
}

std::size_t in_flight_keys::size() const {
  std::lock_guard lock(mutex_);
  return busy_.size();
}

void in_flight_keys::release(const std::string& key) {
  std::lock_guard lock(mutex_);
  busy_.erase(key);
}

}  // namespace processor_sim
