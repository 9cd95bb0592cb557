#include "sim_app.hpp"

#include "log_mask.hpp"
#include "server.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace processor_sim {
namespace {

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
  // Readers poll for these files: they must never see a half-written one.
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

sim_response apply_fault(const fault& f, processor& p, const sim_request& req,
                         const std::string& rel) {
  sim_response r;
  switch (f.kind) {
    case fault_kind::latency:
      r = p.handle(req, rel);
      r.delay_ms += f.value;
      break;
    case fault_kind::status:
      r = p.error_response(static_cast<int>(f.value));
      break;
    case fault_kind::reset:
      r.action = wire_action::reset;
      break;
    case fault_kind::reset_after_apply:
      r = p.handle(req, rel);
      r.action = wire_action::reset;
      break;
    case fault_kind::truncate:
      r = p.handle(req, rel);
      r.action = wire_action::truncate;
      break;
    case fault_kind::garble:
      r.status = 200;
      r.body = "{\"resultCode\":\"Authorised\",<<garbled by processor-sim>>";
      break;
  }
  return r;
}

}  // namespace

sim_app::sim_app(sim_config cfg)
    : cfg_(std::move(cfg)),
      faults_(cfg_.faults, cfg_.latency_ms),
      webhooks_(std::make_unique<webhook_sender>(cfg_.webhooks)) {}

sim_app::~sim_app() {
  stop();
}

std::string sim_app::base_url() const {
  const std::string host = cfg_.host == "0.0.0.0" ? "127.0.0.1" : cfg_.host;
  return "https://" + host + ":" + std::to_string(port_);
}

void sim_app::start() {
  tls_ = generate_tls_material({"localhost"}, {"127.0.0.1", "::1"});
  server_ = std::make_unique<https_server>(
      tls_, [this](sim_request&& req) { return dispatch(std::move(req)); });
  port_ = server_->listen(cfg_.host, cfg_.port);
  sim_context ctx{base_url(), webhooks_.get()};
  processors_.push_back(adyen::make_processor(cfg_.adyen, ctx));
  processors_.push_back(stripe::make_processor(cfg_.stripe, ctx));
  processors_.push_back(razorpay::make_processor(cfg_.razorpay, ctx));
  if (!cfg_.state_dir.empty()) {
    std::filesystem::path dir(cfg_.state_dir);
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / "ca.pem", tls_.ca_cert_pem);
    write_file_atomically(dir / "port", std::to_string(port_) + "\n");
  }
  server_->start(cfg_.io_threads);
}

void sim_app::stop() {
  if (server_) server_->stop();
  if (webhooks_) webhooks_->stop();
}

processor* sim_app::find_processor(const std::string& name) {
  for (auto& p : processors_) {
    if (p->name() == name) return p.get();
  }
  return nullptr;
}

sim_response sim_app::dispatch(sim_request&& req) {
  const auto started = std::chrono::steady_clock::now();
  sim_response r;
  std::string fault_note;
  if (req.path == "/_sim" || req.path.rfind("/_sim/", 0) == 0) {
    r = control(req);  // never faulted: tests must always be able to clear faults
  } else {
    ++requests_;
    const auto slash = req.path.find('/', 1);
    const std::string name = req.path.substr(1, slash == std::string::npos ? slash : slash - 1);
    const std::string rel = slash == std::string::npos ? "" : req.path.substr(slash);
    processor* p = find_processor(name);
    if (!p) {
      r = json_response(404, {{"error", "no simulated processor at " + req.path}});
    } else if (auto f = faults_.choose(req.path, req.header("x-sim-fault"))) {
      ++faults_injected_;
      fault_note = " fault=" + to_string(*f);
      r = apply_fault(*f, *p, req, rel);
    } else {
      r = p->handle(req, rel);
    }
    r.delay_ms += faults_.base_latency_ms();
  }
  if (cfg_.log_requests) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    std::printf("%s %s -> %d%s (%lld us) %s\n", req.method.c_str(), req.path.c_str(), r.status,
                fault_note.c_str(), static_cast<long long>(us), mask_for_log(req.body).c_str());
    std::fflush(stdout);
  }
  return r;
}

sim_response sim_app::control(const sim_request& req) {
  const std::string& path = req.path;
  if (path == "/_sim/health") return json_response(200, {{"status", "ok"}});
  if (path == "/_sim/webhooks" && req.method == "GET") {
    return json_response(200, webhooks_->deliveries_json());
  }
  if (path == "/_sim/stats" && req.method == "GET") {
    boost::json::object out{{"requests", requests_.load()},
                            {"faults_injected", faults_injected_.load()},
                            {"faults_queued", faults_.queued()}};
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
  if (path == "/_sim/faults" && req.method == "DELETE") {
    faults_.clear_queue();
    return json_response(200, {{"cleared", true}});
  }
  if (path == "/_sim/faults" && req.method == "POST") {
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
    unsigned count = 1;
    if (const auto* c = o->if_contains("count"); c && c->is_int64() && c->as_int64() > 0) {
      count = static_cast<unsigned>(c->as_int64());
    }
    faults_.enqueue({prefix, *f}, count);
    return json_response(200, {{"queued", faults_.queued()}});
  }
  if (path.size() <= 6) return json_response(404, {{"error", "unknown control route " + path}});
  const auto slash = path.find('/', 6);
  const std::string name = path.substr(6, slash == std::string::npos ? slash : slash - 6);
  if (processor* p = find_processor(name)) {
    return p->handle_control(req, slash == std::string::npos ? "" : path.substr(slash));
  }
  return json_response(404, {{"error", "unknown control route " + path}});
}

}  // namespace processor_sim
