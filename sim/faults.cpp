#include "faults.hpp"

#include <charconv>

namespace processor_sim {
namespace {

std::optional<unsigned> parse_number(std::string_view text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Splits at the first `sep`: "a:b:c" -> "a", rest "b:c".
std::string_view next_part(std::string_view& rest, char sep) {
  const auto pos = rest.find(sep);
  std::string_view part = rest.substr(0, pos);
  rest = pos == std::string_view::npos ? std::string_view{} : rest.substr(pos + 1);
  return part;
}

// "status:NNN" then options ":retry-after=S", ":should-retry=true|false", each at most once.
std::optional<fault> parse_status(std::string_view rest) {
  if (!rest.empty() && rest.back() == ':') return std::nullopt;  // "status:429:" is a typo
  auto code = parse_number(next_part(rest, ':'));
  if (!code || *code < 400 || *code > 599) return std::nullopt;
  fault f{fault_kind::status, *code};
  while (!rest.empty()) {
    std::string_view option = next_part(rest, ':');
    std::string_view name = next_part(option, '=');
    if (name == "retry-after" && !f.retry_after_s) {
      f.retry_after_s = parse_number(option);
      if (!f.retry_after_s) return std::nullopt;
    } else if (name == "should-retry" && !f.should_retry &&
               (option == "true" || option == "false")) {
      f.should_retry = option == "true";
    } else {
      return std::nullopt;
    }
  }
  return f;
}

}  // namespace

std::optional<fault> parse_fault(std::string_view spec) {
  if (spec == "reset") return fault{fault_kind::reset, 0};
  if (spec == "reset-after-apply") return fault{fault_kind::reset_after_apply, 0};
  if (spec == "truncate") return fault{fault_kind::truncate, 0};
  if (spec == "garble") return fault{fault_kind::garble, 0};
  if (spec == "tls-fail") return fault{fault_kind::tls_fail, 0};
  if (starts_with(spec, "latency:")) {
    if (auto ms = parse_number(spec.substr(8))) return fault{fault_kind::latency, *ms};
    return std::nullopt;
  }
  if (starts_with(spec, "slow-loris:")) {
    // 0 would be no drip at all, and a huge value would pin a connection for hours per byte.
    auto ms = parse_number(spec.substr(11));
    if (ms && *ms >= 1 && *ms <= 60'000) return fault{fault_kind::slow_loris, *ms};
    return std::nullopt;
  }
  if (starts_with(spec, "status:")) return parse_status(spec.substr(7));
  if (starts_with(spec, "status-after-apply:")) {
    auto f = parse_status(spec.substr(19));
    if (f) f->kind = fault_kind::status_after_apply;
    return f;
  }
  return std::nullopt;
}

std::string to_string(const fault& f) {
  switch (f.kind) {
    case fault_kind::latency:
      return "latency:" + std::to_string(f.value);
    case fault_kind::status: {
      std::string out = "status:" + std::to_string(f.value);
      if (f.retry_after_s) out += ":retry-after=" + std::to_string(*f.retry_after_s);
      if (f.should_retry) out += *f.should_retry ? ":should-retry=true" : ":should-retry=false";
      return out;
    }
    case fault_kind::reset:
      return "reset";
    case fault_kind::reset_after_apply:
      return "reset-after-apply";
    case fault_kind::status_after_apply:
      return "status-after-apply:" + std::to_string(f.value);
    case fault_kind::truncate:
      return "truncate";
    case fault_kind::garble:
      return "garble";
    case fault_kind::slow_loris:
      return "slow-loris:" + std::to_string(f.value);
    case fault_kind::tls_fail:
      return "tls-fail";
  }
  return "?";
}

std::optional<std::vector<fault>> parse_fault_mix(std::string_view text) {
  std::vector<fault> mix;
  while (!text.empty()) {
    auto f = parse_fault(next_part(text, ','));
    if (!f || f->kind == fault_kind::tls_fail) return std::nullopt;
    mix.push_back(*f);
  }
  if (mix.empty()) return std::nullopt;
  return mix;
}

std::optional<scoped_fault> parse_scoped_fault(std::string_view text) {
  scoped_fault out;
  if (starts_with(text, "/")) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    out.path_prefix = std::string(text.substr(0, eq));
    text = text.substr(eq + 1);
  }
  auto f = parse_fault(text);
  if (!f) return std::nullopt;
  // A handshake has no path yet: a prefix could never match.
  if (f->kind == fault_kind::tls_fail && !out.path_prefix.empty()) return std::nullopt;
  out.what = *f;
  return out;
}

fault_plan::fault_plan(std::vector<scoped_fault> always, unsigned latency_ms)
    : latency_ms_(latency_ms) {
  for (auto& f : always) {
    if (f.what.kind == fault_kind::tls_fail) {
      always_tls_fail_ = true;
    } else {
      always_.push_back(std::move(f));
    }
  }
}

void fault_plan::enqueue(scoped_fault f, unsigned count) {
  if (count == 0) return;
  std::lock_guard lock(mutex_);
  if (f.what.kind == fault_kind::tls_fail) {
    tls_fail_queued_ += count;
    return;
  }
  queue_.push_back({std::move(f), count});
}

void fault_plan::clear_queue() {
  std::lock_guard lock(mutex_);
  queue_.clear();
  tls_fail_queued_ = 0;
}

std::size_t fault_plan::queued() const {
  std::lock_guard lock(mutex_);
  std::size_t total = tls_fail_queued_;
  for (const auto& q : queue_) total += q.remaining;
  return total;
}

std::optional<fault> fault_plan::choose(const std::string& path, const std::string& header_spec) {
  if (!header_spec.empty()) {
    if (auto f = parse_fault(header_spec); f && f->kind != fault_kind::tls_fail) return f;
  }
  {
    std::lock_guard lock(mutex_);
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (!starts_with(path, it->f.path_prefix)) continue;
      fault chosen = it->f.what;
      if (--it->remaining == 0) queue_.erase(it);
      return chosen;
    }
  }
  for (const auto& f : always_) {
    if (starts_with(path, f.path_prefix)) return f.what;
  }
  return std::nullopt;
}

bool fault_plan::take_tls_failure() {
  std::lock_guard lock(mutex_);
  if (!always_tls_fail_ && tls_fail_queued_ == 0) return false;
  if (!always_tls_fail_) --tls_fail_queued_;
  ++tls_failures_;
  return true;
}

std::uint64_t fault_plan::tls_failures() const {
  std::lock_guard lock(mutex_);
  return tls_failures_;
}

}  // namespace processor_sim
