#include "obs/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cs::obs {
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

metrics_registry& registry() {
  static metrics_registry r;
  return r;
}

const std::vector<double>& latency_buckets() {
  static const std::vector<double> b{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                     0.25,  0.5,    1,     2.5,  5,     10,   30};
  return b;
}

}  // namespace cs::obs
