#include "delayed_tasks.hpp"

namespace processor_sim {

delayed_tasks::delayed_tasks() : thread_([this] { run(); }) {}

delayed_tasks::~delayed_tasks() {
  stop();
}

void delayed_tasks::at(clock::time_point when, std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queue_.emplace(when, std::move(fn));
  }
  wake_.notify_one();
}

void delayed_tasks::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void delayed_tasks::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const auto next = queue_.begin()->first;
    if (clock::now() < next) {
      wake_.wait_until(lock, next);
      continue;
    }
    auto fn = std::move(queue_.begin()->second);
    queue_.erase(queue_.begin());
    lock.unlock();
    fn();
    lock.lock();
  }
}

}  // namespace processor_sim
