#include "actors/shared_state.hpp"

#include <fmt/format.h>

#include <atomic>
#include <mutex>

#include "actors/metrics.hpp"
#include "obs/log.hpp"

namespace cs::actors {

std::string connector_bucket_key(const shared_state& s, std::string_view connector) {
  // The {connector} hash tag keeps a connector's buckets in one Redis Cluster slot: the script
  // takes from both in one step.
  return fmt::format("{}rate:{{{}}}", s.prefix, connector);
}

std::string account_bucket_key(const shared_state& s, std::string_view connector,
                               std::string_view account) {
  return fmt::format("{}rate:{{{}}}:account:{}", s.prefix, connector, account);
}

// The same arithmetic as token_bucket.cpp: tokens may go below zero (reservations handed out),
// a wait is the time until the reservation's token has been refilled. Times in microseconds;
// state as %.17g text so that nothing is rounded between calls.
const net::redis_script& bucket_script() {
  static const auto script = net::redis_script::make(R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local max_wait = tonumber(ARGV[1])
local wait, binding = 0, 1
local state = {}
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  local v = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens, ts = tonumber(v[1]), tonumber(v[2])
  if tokens == nil or ts == nil then tokens, ts = burst, now end
  if now > ts then
    tokens = math.min(burst, tokens + (now - ts) * rate / 1000000)
    ts = now
  end
  local w = 0
  if tokens < 1 then w = math.ceil((1 - tokens) * 1000000 / rate) end
  if w > wait then wait, binding = w, i end
  state[i] = {tokens, ts, rate, burst}
end
local reserved = 0
if wait <= max_wait then reserved = 1 end
for i, key in ipairs(KEYS) do
  local s = state[i]
  local tokens = s[1] - reserved
  redis.call('HSET', key, 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.17g', s[2]))
  -- A missing bucket is a full one: forget it once it would be full again.
  redis.call('PEXPIRE', key, math.ceil((s[4] - tokens) * 1000 / s[3]) + 1000)
end
return {reserved, wait, binding}
)lua");
  return script;
}

const net::redis_script& bucket_cancel_script() {
  static const auto script = net::redis_script::make(R"lua(
for i, key in ipairs(KEYS) do
  local burst = tonumber(ARGV[2 * i])
  local tokens = tonumber(redis.call('HGET', key, 'tokens'))
  if tokens ~= nil then
    redis.call('HSET', key, 'tokens', string.format('%.17g', math.min(burst, tokens + 1)))
  end
end
return 1
)lua");
  return script;
}

std::vector<std::string> bucket_cancel_args(const std::vector<shared_bucket>& buckets) {
  std::vector<std::string> out;
  for (auto& b : buckets) {
    out.push_back(fmt::format("{:.17g}", b.per_second));
    out.push_back(fmt::format("{:.17g}", b.burst));
  }
  return out;
}

std::vector<std::string> bucket_keys(const std::vector<shared_bucket>& buckets) {
  std::vector<std::string> out;
  for (auto& b : buckets) out.push_back(b.key);
  return out;
}

std::vector<std::string> bucket_args(const std::vector<shared_bucket>& buckets,
                                     std::chrono::microseconds max_wait) {
  std::vector<std::string> out{std::to_string(std::max<long long>(0, max_wait.count()))};
  for (auto& b : buckets) {
    out.push_back(fmt::format("{:.17g}", b.per_second));
    out.push_back(fmt::format("{:.17g}", b.burst));
  }
  return out;
}

std::optional<bucket_answer> read_bucket_answer(const net::redis_reply& r) {
  using kind = net::redis_reply::kind;
  if (r.type != kind::array || r.elements.size() != 3) return std::nullopt;
  for (auto& e : r.elements)
    if (e.type != kind::integer) return std::nullopt;
  if (r.elements[2].integer < 1 || r.elements[1].integer < 0) return std::nullopt;
  return bucket_answer{r.elements[0].integer == 1, std::chrono::microseconds(r.elements[1].integer),
                       static_cast<std::size_t>(r.elements[2].integer - 1)};
}

void note_fallback(std::string_view use, std::string_view why, std::string_view message) {
  metrics().redis_fallbacks.add({std::string(use), std::string(why)});
  // One line per use every 10 s at most: an outage must not flood the log with a line per call.
  struct throttle {
    std::mutex m;
    std::chrono::steady_clock::time_point last{};
    std::size_t quiet = 0;
  };
  static throttle rate_limit, charge_marker, other;
  auto& t = use == "rate_limit" ? rate_limit : use == "charge_marker" ? charge_marker : other;
  std::size_t count = 0;
  {
    std::lock_guard lock(t.m);
    auto now = std::chrono::steady_clock::now();
    ++t.quiet;
    if (t.last != std::chrono::steady_clock::time_point{} &&
        now - t.last < std::chrono::seconds(10))
      return;
    t.last = now;
    count = t.quiet;
    t.quiet = 0;
  }
  obs::component_log("actors")->warn(
      "redis: {} uses this replica's own state ({} fallback(s) since the last line; {}: {})", use,
      count, why, message);
}

}  // namespace cs::actors
