// JSON parsing of processor replies on its own: simdjson through the connectors' helper (what
// every reply goes through) against Boost.JSON's parser, on replies of three sizes.

#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "connectors/common/json.hpp"

namespace {

std::string golden(const std::string& name) {
  std::ifstream in(std::string(CS_GOLDEN_DIR) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* files[] = {"adyen/authorize_authorised.response.json",
                       "stripe/pi_succeeded.response.json",
                       "razorpay/payment_create_card.response.json"};

void simdjson_parse(benchmark::State& state) {
  auto body = golden(files[state.range(0)]);
  state.SetLabel(std::string(files[state.range(0)]) + " " + std::to_string(body.size()) + " B");
  for (auto _ : state) {
    auto doc = cs::connectors::json::parse(body, "bench");
    benchmark::DoNotOptimize(doc);
    if (doc) benchmark::DoNotOptimize(cs::connectors::json::str(doc.value(), "id"));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void boost_json_parse(benchmark::State& state) {
  auto body = golden(files[state.range(0)]);
  state.SetLabel(std::string(files[state.range(0)]) + " " + std::to_string(body.size()) + " B");
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::parse(body));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

BENCHMARK(simdjson_parse)->DenseRange(0, 2);
BENCHMARK(boost_json_parse)->DenseRange(0, 2);

}  // namespace
