#pragma once
// Idempotency keys whose request is being processed. Real processors refuse a second request
// with a key whose first one has not finished (Stripe 409, Adyen 704); the simulator's handlers
// run atomically, so "not finished" means: handled, answer not yet sent (latency faults).

#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace processor_sim {

class in_flight_keys {
 public:
  // A token that keeps `key` busy until it is dropped, or nullptr when the key is already busy.
  // Tokens must not outlive this object.
  std::shared_ptr<void> try_acquire(const std::string& key);
  std::size_t size() const;

 private:
  void release(const std::string& key);

  mutable std::mutex mutex_;
  std::set<std::string> busy_;
};

}  // namespace processor_sim
