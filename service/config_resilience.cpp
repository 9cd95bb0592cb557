#include "service/config_resilience.hpp"

#include "service/config_values.hpp"

namespace cs::service {

using domain::invalid_argument;
using domain::result;

result<actors::retry_config> retry_section(const toml::table& parent,
                                           std::string_view parent_path) {
  auto path = join(parent_path, "retry");
  auto t_r = sub_table(parent, parent_path, "retry");
  if (!t_r) return std::move(t_r).err();
  auto& t = *t_r.value();
  if (auto s = only_keys(
          t, path,
          {"max_attempts", "backoff_ms", "backoff_max_ms", "budget_percent", "budget_min_per_s"});
      !s)
    return std::move(s).err();
  actors::retry_config out;
  CS_GET(attempts, get_int(t, path, "max_attempts", out.max_attempts, 1, 10));
  CS_GET(backoff, get_int(t, path, "backoff_ms", out.backoff.count(), 1, 60000));
  CS_GET(backoff_max, get_int(t, path, "backoff_max_ms", out.backoff_max.count(), 1, 600000));
  CS_GET(percent, get_number(t, path, "budget_percent", out.budget_percent, 0, 100));
  CS_GET(min_per_s, get_number(t, path, "budget_min_per_s", out.budget_min_per_s, 0, 100000));
  if (backoff_max < backoff)
    return invalid_argument(join(path, "backoff_max_ms"), "must not be below backoff_ms");
  out.max_attempts = static_cast<int>(attempts);
  out.backoff = std::chrono::milliseconds(backoff);
  out.backoff_max = std::chrono::milliseconds(backoff_max);
  out.budget_percent = percent;
  out.budget_min_per_s = min_per_s;
  return out;
}

// Absent = no limit. When present, per_second must be set: a zero or negative rate or an empty
// bucket would refuse every call, which is never what an operator means.
result<actors::rate_limit_config> rate_limit_section(const toml::table& parent,
                                                     std::string_view parent_path) {
  auto path = join(parent_path, "rate_limit");
  actors::rate_limit_config out;
  if (!parent.get("rate_limit")) return out;
  auto t_r = sub_table(parent, parent_path, "rate_limit");
  if (!t_r) return std::move(t_r).err();
  auto& t = *t_r.value();
  if (auto s = only_keys(t, path, {"per_second", "burst", "queue"}); !s) return std::move(s).err();
  if (!t.get("per_second"))
    return invalid_argument(join(path, "per_second"),
                            "is required in a rate_limit table (remove the table for no limit)");
  CS_GET(rate, get_number(t, path, "per_second", 0, 0, 1e6));
  if (rate <= 0) return invalid_argument(join(path, "per_second"), "must be above 0");
  CS_GET(burst, get_int(t, path, "burst",
                        std::max<std::int64_t>(1, static_cast<std::int64_t>(rate)), 1, 1000000));
  CS_GET(queue, get_int(t, path, "queue", 100, 0, 1000000));
  out.per_second = rate;
  out.burst = static_cast<double>(burst);
  out.queue = static_cast<std::size_t>(queue);
  return out;
}

result<actors::breaker_config> breaker_section(const toml::table& parent,
                                               std::string_view parent_path) {
  auto path = join(parent_path, "circuit_breaker");
  auto t_r = sub_table(parent, parent_path, "circuit_breaker");
  if (!t_r) return std::move(t_r).err();
  auto& t = *t_r.value();
  if (auto s =
          only_keys(t, path, {"failure_percent", "min_calls", "window_ms", "open_ms", "probes"});
      !s)
    return std::move(s).err();
  actors::breaker_config out;
  CS_GET(percent, get_number(t, path, "failure_percent", out.failure_percent, 1, 100));
  CS_GET(min_calls, get_int(t, path, "min_calls", out.min_calls, 1, 1000000));
  CS_GET(window, get_int(t, path, "window_ms", out.window.count(), 100, 3600000));
  CS_GET(open, get_int(t, path, "open_ms", out.open_for.count(), 1, 3600000));
  CS_GET(probes, get_int(t, path, "probes", out.probes, 1, 1000));
  out.failure_percent = percent;
  out.min_calls = static_cast<int>(min_calls);
  out.window = std::chrono::milliseconds(window);
  out.open_for = std::chrono::milliseconds(open);
  out.probes = static_cast<int>(probes);
  return out;
}

}  // namespace cs::service
