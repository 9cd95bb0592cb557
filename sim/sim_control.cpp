// The fault and statistics control routes of /_sim (see README "Test-control routes").

#include "sim_app.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace processor_sim {

sim_response sim_app::stats_json() {
  const std::uint64_t tls_failures = faults_.tls_failures();
  boost::json::object random_counts;
  std::uint64_t random_total = 0;
  for (const auto& [spec, n] : random_faults_.injected()) {
    random_counts[spec] = n;
    random_total += n;
  }
  boost::json::object out{{"requests", requests_.load()},
                          {"faults_injected", faults_injected_.load() + tls_failures},
                          {"faults_queued", faults_.queued()},
                          {"tls_failures", tls_failures},
                          {"random_faults", std::move(random_counts)},
                          {"random_faults_total", random_total},
                          {"idempotency_in_progress", in_progress_refusals_.load()}};
  std::uint64_t charges = 0, double_charges = 0;
  for (auto& p : processors_) {
    auto s = p->stats();
    charges += s["charges"].to_number<std::uint64_t>();
    double_charges += s["double_charges"].to_number<std::uint64_t>();
    out[p->name()] = std::move(s);
  }
  out["charges"] = charges;
  out["double_charges"] = double_charges;
  return json_response(200, out);
}

sim_response sim_app::queue_fault(const sim_request& req) {
  boost::system::error_code ec;
  auto body = boost::json::parse(req.body, ec);
  const auto* o = ec ? nullptr : body.if_object();
  const auto* spec = o ? o->if_contains("fault") : nullptr;
  auto f = spec && spec->is_string() ? parse_fault(spec->as_string()) : std::nullopt;
  if (!f) return json_response(400, {{"error", "expected {\"fault\":SPEC,...}"}});
  std::string prefix;
  if (const auto* pp = o->if_contains("path_prefix"); pp && pp->is_string()) {
    prefix = std::string(pp->as_string());
  }
  if (f->kind == fault_kind::tls_fail && !prefix.empty()) {
    return json_response(400,
                         {{"error", "tls-fail applies to connections, not paths: no path_prefix"}});
  }
  unsigned count = 1;
  if (const auto* c = o->if_contains("count"); c && c->is_int64() && c->as_int64() > 0) {
    count = static_cast<unsigned>(c->as_int64());
  }
  faults_.enqueue({prefix, *f}, count);
  return json_response(200, {{"queued", faults_.queued()}});
}

sim_response sim_app::set_fault_rate(const sim_request& req) {
  auto bad = [](const std::string& why) {
    return json_response(
        400, {{"error",
               why + R"( (expected {"rate":0..1,"mix":[SPEC,...],"seed":N,"path_prefix":P}))"}});
  };
  boost::system::error_code ec;
  auto body = boost::json::parse(req.body, ec);
  const auto* o = ec ? nullptr : body.if_object();
  if (!o) return bad("body is not a JSON object");
  // Omitted members keep their current values; every POST restarts the sequence from the seed.
  random_fault_config cfg = random_faults_.config();
  if (const auto* rate = o->if_contains("rate")) {
    if (!rate->is_number()) return bad("rate must be a number");
    cfg.rate = rate->to_number<double>();
  }
  if (const auto* mix = o->if_contains("mix")) {
    std::string joined;
    if (mix->is_string()) {
      joined = std::string(mix->as_string());
    } else if (mix->is_array()) {
      for (const auto& m : mix->as_array()) {
        if (!m.is_string()) return bad("mix items must be strings");
        joined += (joined.empty() ? "" : ",") + std::string(m.as_string());
      }
    } else {
      return bad("mix must be an array of specs");
    }
    auto parsed = parse_fault_mix(joined);
    if (!parsed) return bad("invalid mix '" + joined + "'");
    cfg.mix = std::move(*parsed);
  }
  if (const auto* seed = o->if_contains("seed")) {
    if (!seed->is_int64() && !seed->is_uint64()) return bad("seed must be an integer");
    cfg.seed = seed->to_number<std::uint64_t>();
  }
  if (const auto* pp = o->if_contains("path_prefix")) {
    if (!pp->is_string()) return bad("path_prefix must be a string");
    cfg.path_prefix = std::string(pp->as_string());
  }
  try {
    random_faults_.configure(std::move(cfg));
  } catch (const std::invalid_argument& e) {
    return bad(e.what());
  }
  return fault_rate_json();
}

sim_response sim_app::fault_rate_json() {
  const auto cfg = random_faults_.config();
  boost::json::array mix;
  for (const auto& f : cfg.mix) mix.push_back(boost::json::string(to_string(f)));
  return json_response(200, {{"rate", cfg.rate},
                             {"mix", std::move(mix)},
                             {"seed", cfg.seed},
                             {"path_prefix", cfg.path_prefix}});
}

}  // namespace processor_sim
