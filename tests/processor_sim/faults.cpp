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

}  // namespace

std::optional<fault> parse_fault(std::string_view spec) {
  if (spec == "reset") return fault{fault_kind::reset, 0};
  if (spec == "reset-after-apply") return fault{fault_kind::reset_after_apply, 0};
  if (spec == "truncate") return fault{fault_kind::truncate, 0};
  if (spec == "garble") return fault{fault_kind::garble, 0};
  if (starts_with(spec, "latency:")) {
    if (auto ms = parse_number(spec.substr(8))) return fault{fault_kind::latency, *ms};
    return std::nullopt;
  }
  if (starts_with(spec, "status:")) {
    auto code = parse_number(spec.substr(7));
    if (code && *code >= 400 && *code <= 599) return fault{fault_kind::status, *code};
  }
  return std::nullopt;
}

std::string to_string(const fault& f) {
  switch (f.kind) {
    case fault_kind::latency:
      return "latency:" + std::to_string(f.value);
    case fault_kind::status:
      return "status:" + std::to_string(f.value);
    case fault_kind::reset:
      return "reset";
    case fault_kind::reset_after_apply:
      return "reset-after-apply";
    case fault_kind::truncate:
      return "truncate";
    case fault_kind::garble:
      return "garble";
  }
  return "?";
}

std::optional<scoped_fault> parse_scoped_fault(std::string_view text) {
  scoped_fault out;
  if (auto eq = text.find('='); eq != std::string_view::npos) {
    out.path_prefix = std::string(text.substr(0, eq));
    text = text.substr(eq + 1);
  }
  auto f = parse_fault(text);
  if (!f) return std::nullopt;
  out.what = *f;
  return out;
}

void fault_plan::enqueue(scoped_fault f, unsigned count) {
  if (count == 0) return;
  std::lock_guard lock(mutex_);
  queue_.push_back({std::move(f), count});
}

void fault_plan::clear_queue() {
  std::lock_guard lock(mutex_);
  queue_.clear();
}

std::size_t fault_plan::queued() const {
  std::lock_guard lock(mutex_);
  std::size_t total = 0;
  for (const auto& q : queue_) total += q.remaining;
  return total;
}

std::optional<fault> fault_plan::choose(const std::string& path, const std::string& header_spec) {
  if (!header_spec.empty()) {
    if (auto f = parse_fault(header_spec)) return f;
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

}  // namespace processor_sim
