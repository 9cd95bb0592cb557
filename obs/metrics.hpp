#pragma once
// Prometheus metrics: counters, gauges and histograms with fixed label names, exposed in the
// text format (version 0.0.4) at GET /metrics. Label values must come from bounded sets
// (connector names, flows, status codes, reasons) — never ids, amounts or anything a client sends
// freely.

#include <atomic>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cs::obs {

using label_values = std::vector<std::string>;

class metric_family {
 public:
  enum class kind { counter, gauge, histogram };
  metric_family(kind k, std::string name, std::string help, std::vector<std::string> labels,
                std::vector<double> buckets = {});

  // counter: add v (≥ 0); gauge: add v (may be negative).
  void add(std::initializer_list<std::string_view> labels, double v = 1);
  void set(std::initializer_list<std::string_view> labels, double v);      // gauge
  void observe(std::initializer_list<std::string_view> labels, double v);  // histogram
  // The value of one series (counter or gauge), 0 when absent; for tests.
  double value(std::initializer_list<std::string_view> labels) const;
  // Sum over every series (counter or gauge); for summaries.
  double total() const;
  void expose(std::string& out) const;

 private:
  struct series {
    double value = 0;         // counter / gauge; histogram sum
    std::uint64_t count = 0;  // histogram
    std::vector<std::uint64_t> bucket_counts;
  };
  series& at(std::initializer_list<std::string_view> labels);

  kind kind_;
  std::string name_, help_;
  std::vector<std::string> labels_;
  std::vector<double> buckets_;
  mutable std::mutex mu_;
  std::map<label_values, series> series_;
};

class metrics_registry {
 public:
  metric_family& counter(std::string name, std::string help, std::vector<std::string> labels);
  metric_family& gauge(std::string name, std::string help, std::vector<std::string> labels);
  metric_family& histogram(std::string name, std::string help, std::vector<std::string> labels,
                           std::vector<double> buckets);
  std::string expose() const;

 private:
  metric_family& add(std::unique_ptr<metric_family> f);
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<metric_family>> families_;
};

// The process's registry, exposed at GET /metrics. Each room declares its own families next to
// its code (api/metrics.hpp, actors/metrics.hpp, net/metrics.hpp) and registers them here.
metrics_registry& registry();

// Latency buckets shared by the duration histograms, in seconds.
const std::vector<double>& latency_buckets();

}  // namespace cs::obs
