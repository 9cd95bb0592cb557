#pragma once
// Runs callbacks at a later time on one background thread (outcomes that Razorpay settles
// asynchronously: UPI approvals, refunds). Callbacks take their own locks; the queue's mutex is
// never held while one runs, so a callback may schedule another.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace processor_sim {

class delayed_tasks {
 public:
  using clock = std::chrono::steady_clock;

  delayed_tasks();
  ~delayed_tasks();
  delayed_tasks(const delayed_tasks&) = delete;
  delayed_tasks& operator=(const delayed_tasks&) = delete;

  void at(clock::time_point when, std::function<void()> fn);
  // Drops what is queued and joins the thread; later at() calls are ignored.
  void stop();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<clock::time_point, std::function<void()>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace processor_sim
