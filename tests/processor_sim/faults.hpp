#pragma once
// Fault injection: specs ("status:503", "reset", ...) chosen per request from the X-Sim-Fault
// header, then a queue filled through /_sim/faults, then the command-line faults.

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace processor_sim {

enum class fault_kind { latency, status, reset, reset_after_apply, truncate, garble };

struct fault {
  fault_kind kind = fault_kind::latency;
  unsigned value = 0;  // milliseconds for latency, HTTP status for status
};

// Accepts latency:MS, status:500|503|429 (any 4xx/5xx), reset, reset-after-apply, truncate, garble.
std::optional<fault> parse_fault(std::string_view spec);
std::string to_string(const fault& f);

struct scoped_fault {
  std::string path_prefix;  // empty = every path
  fault what;
};

// "PREFIX=SPEC" or "SPEC".
std::optional<scoped_fault> parse_scoped_fault(std::string_view text);

class fault_plan {
 public:
  fault_plan(std::vector<scoped_fault> always, unsigned latency_ms)
      : always_(std::move(always)), latency_ms_(latency_ms) {}

  void enqueue(scoped_fault f, unsigned count);
  void clear_queue();
  std::size_t queued() const;

  // header_spec is the X-Sim-Fault value ("" when absent). An unparsable header is ignored.
  std::optional<fault> choose(const std::string& path, const std::string& header_spec);
  unsigned base_latency_ms() const { return latency_ms_; }

 private:
  struct queued_fault {
    scoped_fault f;
    unsigned remaining;
  };
  std::vector<scoped_fault> always_;
  unsigned latency_ms_;
  mutable std::mutex mutex_;
  std::deque<queued_fault> queue_;
};

}  // namespace processor_sim
