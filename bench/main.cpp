// cs-bench: load generator for the connector-service (see bench/README.md).

#include <grpc/grpc.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>

#include "grpc_engine.hpp"
#include "report.hpp"
#include "suite.hpp"

namespace cs::bench {
namespace {

int main_impl(int argc, char** argv) {
  CLI::App app{"cs-bench: load generator and baselines for the connector-service"};
  run_spec s;
  s.name = "run";
  std::string target = "service", mode = "closed", suite, json_path;
  double warmup = 2, duration = 10;
  bool keep = false, quiet = false;
  suite_options so;
  app.add_option("--target", target, "service, or a baseline: echo | https")
      ->check(CLI::IsMember({"service", "echo", "https"}));
  app.add_option("--baseline", target, "Same as --target echo|https")
      ->check(CLI::IsMember({"echo", "https"}));
  app.add_option("--connector", s.connector)
      ->check(
          CLI::IsMember({"adyen", "stripe", "razorpay", "paypal", "checkout_com", "braintree"}));
  app.add_option("--scenario", s.scenario)
      ->check(CLI::IsMember({"authorize", "authorize-capture", "refund", "webhook", "mixed"}));
  app.add_option("--mode", mode, "open (fixed arrival rate) | closed (fixed concurrency)")
      ->check(CLI::IsMember({"open", "closed"}));
  app.add_option("--rate", s.load.rate, "open loop: operations per second")
      ->check(CLI::PositiveNumber);
  app.add_option("--concurrency,-c", s.load.concurrency, "closed loop: operations in flight")
      ->check(CLI::Range(1, 100000));
  app.add_option("--duration,-d", duration, "measured seconds")->check(CLI::PositiveNumber);
  app.add_option("--warmup,-w", warmup, "seconds before the measured window")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-in-flight", s.load.max_in_flight, "open loop: cap before rejecting");
  app.add_option("--sim-latency-ms", s.sim_latency_ms, "processor-sim --latency-ms");
  app.add_option("--channels", s.channels, "gRPC channels (TCP connections) of the client");
  app.add_option("--http-workers", s.http_workers,
                 "HTTP(S) client threads (default: the concurrency, or 64 in open loop)");
  app.add_option("--pool-size", s.stack.pool_size, "service: pool_size per connector");
  app.add_option("--max-idle", s.stack.max_idle, "service: max_idle_connections per connector");
  app.add_option("--http2", s.stack.http2,
                 "service: connectors' http2 (true: calls as HTTP/2 streams; default false, so "
                 "runs compare with earlier ones)");
  app.add_option("--service-max-in-flight", s.stack.max_in_flight,
                 "service: max_in_flight per connector (default: the service's, 2048)");
  app.add_option("--actor-threads", s.stack.actor_threads, "service: server.actor_threads");
  app.add_option("--io-threads", s.stack.io_threads, "service: server.io_threads");
  app.add_option("--sim-io-threads", s.stack.sim_io_threads, "processor-sim --io-threads");
  app.add_option("--replicas", s.stack.replicas,
                 "service: this many connector-service replicas behind one nginx (deploy/nginx); "
                 "the load calls nginx")
      ->check(CLI::Range(1, 16));
  app.add_flag("--nginx", s.stack.nginx, "service: nginx in front of a single replica too");
  app.add_option("--log-level", s.stack.log_level, "service log level");
  app.add_option("--service-bin", s.stack.service_bin);
  app.add_option("--sim-bin", s.stack.sim_bin);
  app.add_option("--echo-bin", s.stack.echo_bin);
  app.add_option("--suite", suite,
                 "full: baselines + every scenario + targets; smoke: a few seconds of each kind")
      ->check(CLI::IsMember({"full", "smoke"}));
  app.add_option("--in-flight", so.in_flight, "suite: calls in flight for the memory test");
  app.add_option("--json", json_path, "also write the report as JSON to this file");
  app.add_flag("--keep", keep, "keep the state dirs (logs, config)");
  app.add_flag("--quiet,-q", quiet, "no progress line");
  CLI11_PARSE(app, argc, argv);

  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(argv[i]);
  const auto machine = machine_summary();
  std::printf("cs-bench on %s\n", machine.c_str());
  s.target = target == "echo"    ? target_kind::echo
             : target == "https" ? target_kind::https
                                 : target_kind::service;
  s.load.mode = mode == "open" ? load_mode::open : load_mode::closed;
  s.load.warmup = std::chrono::milliseconds(static_cast<long>(warmup * 1000));
  s.load.duration = std::chrono::milliseconds(static_cast<long>(duration * 1000));
  s.load.progress = !quiet;

  if (s.stack.behind_nginx() &&
      (!suite.empty() || s.target != target_kind::service || s.scenario == "webhook")) {
    // nginx proxies gRPC only (webhooks are plain HTTP to a replica), and the suite runs its own
    // replica runs next to the direct one.
    std::fprintf(stderr,
                 "cs-bench: --replicas/--nginx are for a single service run over gRPC (not "
                 "--suite, a baseline or the webhook scenario)\n");
    return 2;
  }
  std::vector<run_record> runs;
  std::string ratios;
  bool ok = true;
  if (!suite.empty()) {
    so.smoke = suite == "smoke";
    so.base = s;
    so.concurrency = s.load.concurrency;
    so.warmup_s = warmup;
    so.duration_s = duration;
    if (so.smoke) so.in_flight = std::min(so.in_flight, 50);
    auto r = run_suite(so, keep);
    runs = std::move(r.runs);
    ratios = r.ratios;
    ok = r.all_ran;
  } else {
    if (s.target == target_kind::service && !scenario_supported(s.connector, s.scenario)) {
      std::fprintf(stderr,
                   "cs-bench: %s %s is not supported: a Razorpay card payment needs the shopper's "
                   "bank page before capture or refund\n",
                   s.connector.c_str(), s.scenario.c_str());
      return 2;
    }
    runs.push_back(run_one(s, keep));
    std::printf("%s", text_report(runs.back()).c_str());
    ok = runs.back().ok();
  }
  if (!json_path.empty()) {
    std::ofstream out(json_path, std::ios::trunc);
    out << json_report(runs, machine, command, ratios);
    if (!out) return std::fprintf(stderr, "cs-bench: cannot write %s\n", json_path.c_str()), 1;
    std::printf("report written to %s\n", json_path.c_str());
  }
  // A suite that ran but could not compute its ratio table did not report.
  if (!suite.empty() && ratios.find("ratios") == std::string::npos) ok = false;
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace cs::bench

int main(int argc, char** argv) {
  // gRPC stays initialised for the whole process. Otherwise destroying a run's last channel
  // shuts the library down (grpc_shutdown) while the tail of the last call's callback, or the
  // call's own deferred destruction, is still running on a gRPC thread: "ref_counted.h:183
  // assertion failed: prior > 0" about one smoke run in five. Every engine is gone by the time
  // main_impl returns.
  grpc_init();
  int rc = cs::bench::main_impl(argc, argv);
  grpc_shutdown();
  return rc;
}
