// connector-service: serve the API, check a config file, or print the documented config.

#include <absl/synchronization/mutex.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <csignal>
#include <thread>

#include "actors/metrics.hpp"
#include "actors/runtime.hpp"
#include "api/call.hpp"
#include "api/http_routes.hpp"
#include "api/metrics.hpp"
#include "api/server.hpp"
#include "net/http_server.hpp"
#include "obs/logging.hpp"
#include "service/config.hpp"
#include "service/config_docs.hpp"
#include "service/metrics.hpp"

extern char** environ;

namespace {

int fail(const cs::domain::error& e) {
  spdlog::error("{}", e.message);
  return 2;
}

int serve(const std::string& path) {
  auto cfg = cs::service::load_config(path, environ);
  if (!cfg) return fail(cfg.err());
  if (auto s = cs::obs::configure_logging(cfg->log_level, cfg->log_format, cfg->log_components); !s)
    return fail(s.err());

  // Block the stop signals in every thread; main waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  cs::service::register_metrics();
  auto rt = cs::actors::runtime::start(cfg->runtime);
  if (!rt) return fail(rt.err());
  auto grpc = cs::api::start_grpc_server(**rt, cfg->grpc_address, cfg->security.grpc);
  if (!grpc) return fail(grpc.err());

  std::atomic<bool> serving{true};
  boost::asio::io_context http_io;
  auto http = cs::net::http_server::start(http_io, cfg->http_address, "server.http_address",
                                          cs::api::make_http_routes(**rt, serving),
                                          {cfg->http_max_connections});
  if (!http) return fail(http.err());
  std::thread http_thread([&] { http_io.run(); });

  std::string summary;
  for (auto& [name, c] : cfg->runtime.connectors)
    summary += fmt::format("{}{} (pool {})", summary.empty() ? "" : ", ", name, c.pool.workers);
  spdlog::info("connector-service {} serving gRPC on port {} and HTTP on port {}; connectors: {}",
               CS_VERSION, (*grpc)->port, (*http)->port(), summary);
  const auto& sec = cfg->security;
  if (!sec.loopback && sec.allow_insecure &&
      !(sec.grpc.tls() && (!sec.grpc.clients.empty() || !sec.grpc.tls_client_ca_file.empty())))
    spdlog::warn(
        "server.allow_insecure: gRPC on {} is reachable beyond this machine without {}; "
        "anyone who reaches it can charge through every merchant account",
        cfg->grpc_address, sec.grpc.tls() ? "client authentication" : "TLS");
  spdlog::info(
      "gRPC port: {}, {}",
      sec.grpc.tls() ? (sec.grpc.tls_client_ca_file.empty() ? "TLS" : "mutual TLS") : "plaintext",
      sec.grpc.clients.empty() ? std::string("no API keys")
                               : fmt::format("{} API client(s)", sec.grpc.clients.size()));
  if (const auto& redis = cfg->runtime.redis)
    spdlog::info(
        "redis {}:{}: rate limits and webhook marks shared with the other replicas (key prefix "
        "'{}'); when it fails, each call uses this replica's own",
        redis->host, redis->port, cfg->runtime.redis_key_prefix);
  if (cfg->runtime.webhooks.log_only)
    spdlog::warn("webhooks.mode is log_only: verified webhooks are acknowledged and only logged");
  else if (!cfg->runtime.webhooks.sink)
    spdlog::warn(
        "webhooks.sink_url is not set: the webhook receiver is off and answers 502, so "
        "processors keep and redeliver events (set sink_url, or webhooks.mode = \"log_only\")");

  int sig = 0;
  sigwait(&stop_signals, &sig);
  spdlog::info("signal {} received: draining for up to {} ms", sig, cfg->shutdown_grace.count());
  serving = false;
  (*grpc)->begin_drain();
  // Calls in flight finish on their own; new ones are refused meanwhile (UNAVAILABLE).
  auto drain_until = std::chrono::steady_clock::now() + cfg->shutdown_grace;
  while (cs::api::rpcs_in_flight() > 0 && std::chrono::steady_clock::now() < drain_until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      drain_until - std::chrono::steady_clock::now());
  if (cs::api::rpcs_in_flight() > 0)
    spdlog::warn("drain time over with {} call(s) in flight: cancelling them",
                 cs::api::rpcs_in_flight());
  (*grpc)->shutdown(std::max(left, std::chrono::milliseconds(0)));
  (*http)->stop();
  http_io.stop();
  http_thread.join();
  (*rt)->shutdown();
  spdlog::info(
      "connector-service stopped: {:.0f} gRPC call(s), {:.0f} processor call(s), {:.0f} "
      "webhook(s) handled",
      cs::api::metrics().rpcs.total(), cs::actors::metrics().processor_calls.total(),
      cs::actors::metrics().webhooks.total());
  return 0;
}

int check_config(const std::string& path) {
  auto cfg = cs::service::load_config(path, environ);
  if (!cfg) return fail(cfg.err());
  fmt::print("{}: ok ({} connector(s), {} merchant account(s))\n", path,
             cfg->runtime.connectors.size(), cfg->runtime.accounts.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Debian's Abseil tracks every absl::Mutex (gRPC's) for lock-order cycles, a debug aid that
  // cost 1.6-1.8 % of its CPU in run 8's profiles (docs/benchmarks.md).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app{"connector-service: one gRPC API in front of many payment processors"};
  app.set_version_flag("--version", std::string("connector-service ") + CS_VERSION);
  app.require_subcommand(1);
  std::string config_path;
  auto* serve_cmd = app.add_subcommand("serve", "Run the gRPC and HTTP servers");
  serve_cmd->add_option("--config,-c", config_path, "The TOML config file")->required();
  std::string check_path;
  auto* check_cmd = app.add_subcommand("check-config", "Validate a config file and exit");
  check_cmd->add_option("file", check_path, "The TOML config file")->required();
  bool markdown = false;
  auto* schema_cmd = app.add_subcommand(
      "config-schema", "Print every config key with its default and meaning (config/example.toml)");
  schema_cmd->add_flag("--markdown", markdown,
                       "The knob table of docs/operations.md instead of TOML");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  if (*serve_cmd) return serve(config_path);
  if (*schema_cmd) {
    fmt::print("{}", markdown ? cs::service::markdown_knobs() : cs::service::example_toml());
    return 0;
  }
  return check_config(check_path);
}
