#include "transport/metrics/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cs::transport {
namespace {

// Label values are escaped as the text format requires: backslash, quote and newline.
void escape_into(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{}", v);
}

void labels_into(std::string& out, const std::vector<std::string>& names, const label_values& vals,
                 std::string_view extra_name = {}, std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  bool first = true;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!first) out += ',';
    first = false;
    out += names[i];
    out += "=\"";
    escape_into(out, vals[i]);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

const std::vector<double> latency_buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                          0.25,  0.5,    1,     2.5,  5,     10,   30};

}  // namespace

metric_family::metric_family(kind k, std::string name, std::string help,
                             std::vector<std::string> labels, std::vector<double> buckets)
    : kind_(k),
      name_(std::move(name)),
      help_(std::move(help)),
      labels_(std::move(labels)),
      buckets_(std::move(buckets)) {}

metric_family::series& metric_family::at(std::initializer_list<std::string_view> labels) {
  label_values key;
  key.reserve(labels_.size());
  for (auto v : labels) key.emplace_back(v);
  key.resize(labels_.size());
  auto [it, fresh] = series_.try_emplace(std::move(key));
  if (fresh && kind_ == kind::histogram) it->second.bucket_counts.assign(buckets_.size(), 0);
  return it->second;
}

void metric_family::add(std::initializer_list<std::string_view> labels, double v) {
  std::lock_guard lock(mu_);
  at(labels).value += v;
}

void metric_family::set(std::initializer_list<std::string_view> labels, double v) {
  std::lock_guard lock(mu_);
  at(labels).value = v;
}

void metric_family::observe(std::initializer_list<std::string_view> labels, double v) {
  std::lock_guard lock(mu_);
  auto& s = at(labels);
  s.value += v;
  ++s.count;
  for (size_t i = 0; i < buckets_.size(); ++i)
    if (v <= buckets_[i]) ++s.bucket_counts[i];
}

double metric_family::value(std::initializer_list<std::string_view> labels) const {
  label_values key;
  for (auto v : labels) key.emplace_back(v);
  key.resize(labels_.size());
  std::lock_guard lock(mu_);
  auto it = series_.find(key);
  return it == series_.end() ? 0 : it->second.value;
}

double metric_family::total() const {
  std::lock_guard lock(mu_);
  double sum = 0;
  for (auto& [vals, s] : series_) sum += s.value;
  return sum;
}

void metric_family::expose(std::string& out) const {
  static constexpr const char* type_names[] = {"counter", "gauge", "histogram"};
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name_, help_, name_,
                     type_names[static_cast<int>(kind_)]);
  std::lock_guard lock(mu_);
  for (auto& [vals, s] : series_) {
    if (kind_ != kind::histogram) {
      out += name_;
      labels_into(out, labels_, vals);
      out += ' ' + number(s.value) + '\n';
      continue;
    }
    for (size_t i = 0; i < buckets_.size(); ++i) {
      out += name_ + "_bucket";
      labels_into(out, labels_, vals, "le", number(buckets_[i]));
      out += ' ' + std::to_string(s.bucket_counts[i]) + '\n';
    }
    out += name_ + "_bucket";
    labels_into(out, labels_, vals, "le", "+Inf");
    out += ' ' + std::to_string(s.count) + '\n';
    out += name_ + "_sum";
    labels_into(out, labels_, vals);
    out += ' ' + number(s.value) + '\n';
    out += name_ + "_count";
    labels_into(out, labels_, vals);
    out += ' ' + std::to_string(s.count) + '\n';
  }
}

metric_family& metrics_registry::add(std::unique_ptr<metric_family> f) {
  std::lock_guard lock(mu_);
  families_.push_back(std::move(f));
  return *families_.back();
}

metric_family& metrics_registry::counter(std::string name, std::string help,
                                         std::vector<std::string> labels) {
  return add(std::make_unique<metric_family>(metric_family::kind::counter, std::move(name),
                                             std::move(help), std::move(labels)));
}

metric_family& metrics_registry::gauge(std::string name, std::string help,
                                       std::vector<std::string> labels) {
  return add(std::make_unique<metric_family>(metric_family::kind::gauge, std::move(name),
                                             std::move(help), std::move(labels)));
}

metric_family& metrics_registry::histogram(std::string name, std::string help,
                                           std::vector<std::string> labels,
                                           std::vector<double> buckets) {
  return add(std::make_unique<metric_family>(metric_family::kind::histogram, std::move(name),
                                             std::move(help), std::move(labels),
                                             std::move(buckets)));
}

std::string metrics_registry::expose() const {
  std::string out;
  std::lock_guard lock(mu_);
  for (auto& f : families_) f->expose(out);
  return out;
}

service_metrics::service_metrics()
    : build_info(registry.gauge("connector_service_build_info",
                                "Always 1; the version is in the label.", {"version"})),
      rpcs(registry.counter("connector_service_rpcs_total",
                            "gRPC calls by service, method, connector and status code.",
                            {"service", "method", "connector", "code"})),
      rpc_seconds(registry.histogram("connector_service_rpc_duration_seconds",
                                     "gRPC call latency, from arrival to answer.",
                                     {"method", "connector"}, latency_buckets)),
      processor_calls(registry.counter(
          "connector_service_processor_requests_total",
          "Calls to processors by connector, flow, attempt and outcome (HTTP status, or the "
          "transport failure reason).",
          {"connector", "flow", "attempt", "outcome"})),
      processor_seconds(registry.histogram("connector_service_processor_request_duration_seconds",
                                           "Latency of one call to a processor.",
                                           {"connector", "flow"}, latency_buckets)),
      pool_workers(registry.gauge("connector_service_pool_workers",
                                  "Worker actors in each connector pool.", {"connector"})),
      busy_workers(registry.gauge("connector_service_pool_busy_workers",
                                  "Workers with at least one processor call in flight.",
                                  {"connector"})),
      in_flight(registry.gauge("connector_service_processor_requests_in_flight",
                               "Processor calls sent and not yet answered, per connector.",
                               {"connector"})),
      webhooks(registry.counter("connector_service_webhooks_total",
                                "Webhooks by connector and result (verified, rejected, relayed, "
                                "relay_failed).",
                                {"connector", "result"})),
      queued(registry.gauge("connector_service_processor_requests_queued",
                            "Calls accepted by a connector pool and waiting: for a rate-limit "
                            "token or for a retry's backoff.",
                            {"connector"})),
      retries(registry.counter("connector_service_processor_retries_total",
                               "Processor calls sent again, by connector and why.",
                               {"connector", "reason"})),
      rate_limit_waits(registry.counter("connector_service_rate_limit_waits_total",
                                        "Calls that waited for a rate-limit token, by connector "
                                        "and scope (connector or account).",
                                        {"connector", "scope"})),
      rate_limit_rejections(registry.counter(
          "connector_service_rate_limit_rejections_total",
          "Calls refused with RESOURCE_EXHAUSTED by a rate limit (queue full or the wait would "
          "pass the deadline), by connector and scope.",
          {"connector", "scope"})),
      rate_limit_wait_seconds(registry.histogram("connector_service_rate_limit_wait_seconds",
                                                 "How long calls waited for a rate-limit token.",
                                                 {"connector"}, latency_buckets)),
      breaker_state(registry.gauge("connector_service_circuit_breaker_state",
                                   "Circuit breaker per connector endpoint: 0 closed, 1 open, "
                                   "2 half-open.",
                                   {"connector", "endpoint"})),
      breaker_rejections(registry.counter("connector_service_circuit_breaker_rejections_total",
                                          "Calls answered UNAVAILABLE because the endpoint's "
                                          "circuit breaker was open.",
                                          {"connector", "endpoint"})),
      overload_rejections(registry.counter(
          "connector_service_overload_rejections_total",
          "Calls refused with RESOURCE_EXHAUSTED because the pool had max_in_flight calls.",
          {"connector"})),
      outbound_connections(registry.counter(
          "connector_service_outbound_connections_total",
          "Outbound HTTP connections by client (connector or webhook_sink) and event: opened, "
          "reused (an idle keep-alive connection), stale_dropped (an idle connection the peer "
          "had closed, dropped before use).",
          {"client", "event"})),
      tls_handshakes(registry.counter("connector_service_tls_handshakes_total",
                                      "Completed TLS handshakes by client and whether the "
                                      "previous session was resumed.",
                                      {"client", "resumed"})) {
  build_info.set({CS_VERSION}, 1);
}

service_metrics& metrics() {
  static service_metrics m;
  return m;
}

}  // namespace cs::transport
