// The Prometheus text exposition the service serves at /metrics: parseable, label values
// escaped, histograms consistent.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "obs/metrics.hpp"

using cs::obs::metrics_registry;

namespace {

// name{label="value",...} number — the sample line grammar of the text format.
const std::regex sample_line(
    R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+]+|\+Inf|-Inf|NaN)$)");

void expect_valid_exposition(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  int samples = 0;
  while (std::getline(in, line)) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    EXPECT_TRUE(std::regex_match(line, sample_line)) << "bad line: " << line;
    ++samples;
  }
  EXPECT_GT(samples, 0);
}

}  // namespace

TEST(Metrics, CountersAndGaugesExposeWithTypeAndHelp) {
  metrics_registry r;
  auto& c = r.counter("t_requests_total", "Requests.", {"connector", "code"});
  auto& g = r.gauge("t_in_flight", "In flight.", {"connector"});
  c.add({"adyen", "OK"});
  c.add({"adyen", "OK"}, 2);
  c.add({"stripe", "UNAVAILABLE"});
  g.add({"adyen"}, 3);
  g.add({"adyen"}, -1);
  EXPECT_EQ(c.value({"adyen", "OK"}), 3);
  EXPECT_EQ(g.value({"adyen"}), 2);
  EXPECT_EQ(c.total(), 4);
  auto text = r.expose();
  EXPECT_NE(text.find("# TYPE t_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("# HELP t_in_flight In flight.\n"), std::string::npos);
  EXPECT_NE(text.find("t_requests_total{connector=\"adyen\",code=\"OK\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_in_flight{connector=\"adyen\"} 2\n"), std::string::npos);
  expect_valid_exposition(text);
}

TEST(Metrics, HistogramBucketsAreCumulativeAndEndInCount) {
  metrics_registry r;
  auto& h = r.histogram("t_seconds", "Latency.", {"flow"}, {0.01, 0.1, 1});
  h.observe({"authorize"}, 0.005);
  h.observe({"authorize"}, 0.05);
  h.observe({"authorize"}, 0.5);
  h.observe({"authorize"}, 5);
  auto text = r.expose();
  EXPECT_NE(text.find("t_seconds_bucket{flow=\"authorize\",le=\"0.01\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{flow=\"authorize\",le=\"0.1\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{flow=\"authorize\",le=\"1\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{flow=\"authorize\",le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_count{flow=\"authorize\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_sum{flow=\"authorize\"} 5.555"), std::string::npos);
  expect_valid_exposition(text);
}

TEST(Metrics, LabelValuesAreEscaped) {
  metrics_registry r;
  auto& c = r.counter("t_total", "x", {"v"});
  c.add({"a\"b\\c\nd"});
  auto text = r.expose();
  EXPECT_NE(text.find(R"(t_total{v="a\"b\\c\nd"} 1)"), std::string::npos);
  expect_valid_exposition(text);
}
