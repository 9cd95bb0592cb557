#pragma once
// Fault injection: specs ("status:503", "reset", ...) chosen per request from the X-Sim-Fault
// header, then a queue filled through /_sim/faults, then the command-line faults. tls-fail is
// the exception: it is consumed when a connection is accepted, before any request exists.

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace processor_sim {

enum class fault_kind {
  latency,
  status,
  reset,
  reset_after_apply,
  status_after_apply,
  truncate,
  garble,
  slow_loris,
  tls_fail
};

struct fault {
  fault() = default;
  fault(fault_kind k, unsigned v) : kind(k), value(v) {}

  fault_kind kind = fault_kind::latency;
  unsigned value = 0;  // milliseconds for latency and slow-loris, HTTP status for status
  // status only: Retry-After seconds, and the processor's retry hint (Stripe-Should-Retry,
  // Adyen Transient-Error); unset = the processor's default for that status.
  std::optional<unsigned> retry_after_s;
  std::optional<bool> should_retry;
};

// Accepts latency:MS, status:NNN[:retry-after=S][:should-retry=true|false] (any 4xx/5xx), reset,
// reset-after-apply, status-after-apply:NNN (the request is applied, then answered with that
// error: the processor charged and said it failed), truncate, garble, slow-loris:MS, tls-fail.
std::optional<fault> parse_fault(std::string_view spec);
std::string to_string(const fault& f);

// "SPEC,SPEC,..." for random faults; tls-fail is refused (it is not chosen per request).
std::optional<std::vector<fault>> parse_fault_mix(std::string_view text);

struct scoped_fault {
  std::string path_prefix;  // empty = every path
  fault what;
};

// "/PREFIX=SPEC" or "SPEC": a prefix is a path, so it starts with '/' (specs contain '=' too).
std::optional<scoped_fault> parse_scoped_fault(std::string_view text);

class fault_plan {
 public:
  fault_plan(std::vector<scoped_fault> always, unsigned latency_ms);

  void enqueue(scoped_fault f, unsigned count);
  void clear_queue();
  std::size_t queued() const;

  // header_spec is the X-Sim-Fault value ("" when absent). An unparsable header is ignored, and
  // so is tls-fail there (the handshake is over by the time a header is read).
  std::optional<fault> choose(const std::string& path, const std::string& header_spec);
  unsigned base_latency_ms() const { return latency_ms_; }

  // Called once per accepted connection: true = fail its TLS handshake. Consumes one queued
  // tls-fail; a --fault tls-fail fails every handshake.
  bool take_tls_failure();
  std::uint64_t tls_failures() const;

 private:
  struct queued_fault {
    scoped_fault f;
    unsigned remaining;
  };
  std::vector<scoped_fault> always_;
  bool always_tls_fail_ = false;
  unsigned latency_ms_;
  mutable std::mutex mutex_;
  std::deque<queued_fault> queue_;
  unsigned tls_fail_queued_ = 0;
  std::uint64_t tls_failures_ = 0;
};

}  // namespace processor_sim
