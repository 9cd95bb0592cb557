#include "runner.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "grpc_engine.hpp"
#include "http_engine.hpp"
#include "replicas.hpp"
#include "requests.hpp"

namespace cs::bench {

std::string to_string(target_kind k) {
  switch (k) {
    case target_kind::echo:
      return "echo";
    case target_kind::https:
      return "https";
    default:
      return "service";
  }
}

const proc_usage* run_record::usage(const std::string& process) const {
  for (auto& p : result.procs)
    if (p.name == process) return &p;
  return nullptr;
}

namespace {

// The simulator's request counter (GET /_sim/stats), -1 when unavailable.
long long sim_requests(const stack& s) {
  http_endpoint ep{"127.0.0.1", s.sim_port(), true, s.ca_file()};
  auto r = fetch(ep, http_call{"GET", "/_sim/stats", {}, {}, {}});
  if (r.status != 200) return -1;
  try {
    return boost::json::parse(r.body).at("requests").to_number<long long>();
  } catch (const std::exception&) {
    return -1;
  }
}

std::unique_ptr<engine> make_engine(const run_spec& spec, const stack& s, std::string& why) {
  const int workers = spec.http_workers > 0                 ? spec.http_workers
                      : spec.load.mode == load_mode::closed ? spec.load.concurrency
                                                            : 64;
  if (spec.target == target_kind::https) {
    auto tmpl = std::make_shared<adyen_template>(adyen_payment_template());
    if (tmpl->call.target.empty()) return why = "cannot build the Adyen request", nullptr;
    http_endpoint ep{"127.0.0.1", s.sim_port(), true, s.ca_file()};
    return std::make_unique<http_engine>(
        ep, [tmpl](std::uint64_t n) { return tmpl->with_reference(n); }, workers);
  }
  if (spec.scenario == "webhook") {
    http_endpoint ep{"127.0.0.1", s.http_port(), false, {}};
    auto target = "/webhooks/" + spec.connector + "/" + account_of(spec.connector);
    auto key = s.hmac_key();
    auto connector = spec.connector;
    return std::make_unique<http_engine>(
        ep,
        [target, key, connector](std::uint64_t n) {
          auto w = make_webhook(connector, key, n);
          return http_call{"POST", target, std::move(w.headers), std::move(w.body),
                           "application/json"};
        },
        workers);
  }
  grpc_engine_options o;
  o.target = s.grpc_target();
  o.connector = spec.target == target_kind::echo ? "adyen" : spec.connector;
  o.scenario = spec.target == target_kind::echo ? "authorize" : spec.scenario;
  o.channels = spec.channels;
  o.adyen_hmac_key = s.hmac_key();
  auto e = std::make_unique<grpc_engine>(o);
  if (!e->ready()) return why = "no successful warm-up call to " + o.target, nullptr;
  return e;
}

}  // namespace

run_record run_one(run_spec spec, bool keep_dirs) {
  run_record rec;
  rec.spec = spec;
  spec.stack.dir = make_temp_dir("cs-bench");
  spec.stack.sim_latency_ms = spec.sim_latency_ms;
  if (spec.stack.dir.empty()) return rec.failure = "cannot make a temp dir", rec;
  {
    stack s(spec.stack);
    std::string why;
    bool up = s.start_sim(why);
    if (up && spec.target == target_kind::service) up = s.start_service(why);
    if (up && spec.target == target_kind::echo) up = s.start_echo(why);
    if (!up) {
      rec.failure = why;
    } else {
      std::vector<watched> procs;
      if (spec.target == target_kind::service && spec.stack.behind_nginx())
        procs = replica_watch(s);
      else if (spec.target == target_kind::service)
        procs.push_back({"connector-service", s.target_pid()});
      if (spec.target == target_kind::echo) procs.push_back({"cs-bench-echo", s.target_pid()});
      procs.push_back({"processor-sim", s.sim_pid()});
      procs.push_back({"cs-bench (client)", 0});
      auto engine = make_engine(spec, s, why);
      if (!engine) {
        rec.failure = why;
      } else {
        auto before = sim_requests(s);
        rec.result = run_load(*engine, spec.load, procs, spec.name);
        if (spec.target == target_kind::service && spec.stack.behind_nginx())
          add_replica_sum(rec.result, spec.stack.replicas);
        engine.reset();  // joins workers / waits for callbacks before the processes stop
        auto after = sim_requests(s);
        if (before >= 0 && after >= 0 && rec.result.issued > 0)
          rec.sim_calls_per_op =
              static_cast<double>(after - before) / static_cast<double>(rec.result.issued);
      }
    }
    s.stop();
    rec.target_exit = s.target_exit;
    rec.sim_exit = s.sim_exit;
    rec.nginx_exit = s.nginx_exit;
    rec.replica_calls = s.calls_per_replica();  // nginx has stopped: its log is complete
  }
  if (!rec.failure.empty() || keep_dirs)
    std::fprintf(stderr, "[%s] logs kept in %s\n", spec.name.c_str(), spec.stack.dir.c_str());
  else
    std::filesystem::remove_all(spec.stack.dir);
  return rec;
}

}  // namespace cs::bench
