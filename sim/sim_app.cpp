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

}  // namespace

sim_app::sim_app(sim_config cfg)
    : cfg_(std::move(cfg)),
      faults_(cfg_.faults, cfg_.latency_ms),
      webhooks_(std::make_unique<webhook_sender>(cfg_.webhooks)) {
  random_faults_.configure(cfg_.random_faults);
}

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
      tls_, [this](sim_request&& req) { return dispatch(std::move(req)); },
      [this] { return faults_.take_tls_failure(); });
  server_->set_http2(cfg_.http2);
  port_ = server_->listen(cfg_.host, cfg_.port);
  sim_context ctx{base_url(), webhooks_.get()};
  processors_.push_back(adyen::make_processor(cfg_.adyen, ctx));
  processors_.push_back(stripe::make_processor(cfg_.stripe, ctx));
  processors_.push_back(razorpay::make_processor(cfg_.razorpay, ctx));
  processors_.push_back(paypal::make_processor(cfg_.paypal, ctx));
  processors_.push_back(checkout_com::make_processor(cfg_.checkout_com, ctx));
  processors_.push_back(braintree::make_processor(cfg_.braintree, ctx));
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
    } else if (auto random = random_faults_.draw(req.path)) {
      ++faults_injected_;
      fault_note = " random-fault=" + to_string(*random);
      r = apply_fault(*random, *p, req, rel);
    } else {
      r = handle_once(*p, req, rel);
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

sim_response sim_app::handle_once(processor& p, const sim_request& req, const std::string& rel) {
  const std::string key = p.idempotency_key(req, rel);
  if (key.empty()) return p.handle(req, rel);
  auto token = in_flight_.try_acquire(p.name() + "\n" + key);
  if (!token) {
    ++in_progress_refusals_;
    return p.in_progress_response(key);
  }
  sim_response r = p.handle(req, rel);
  r.in_flight = std::move(token);
  return r;
}

sim_response sim_app::apply_fault(const fault& f, processor& p, const sim_request& req,
                                  const std::string& rel) {
  sim_response r;
  switch (f.kind) {
    case fault_kind::latency:
      r = handle_once(p, req, rel);
      r.delay_ms += f.value;
      break;
    case fault_kind::status:
      r = p.error_response(static_cast<int>(f.value), {f.retry_after_s, f.should_retry});
      break;
    case fault_kind::reset:
      r.action = wire_action::reset;
      break;
    case fault_kind::reset_after_apply:
      r = handle_once(p, req, rel);
      r.action = wire_action::reset;
      break;
    case fault_kind::status_after_apply:
      handle_once(p, req, rel);  // applied (charged), then the processor says it failed
      r = p.error_response(static_cast<int>(f.value), {f.retry_after_s, f.should_retry});
      break;
    case fault_kind::truncate:
      r = handle_once(p, req, rel);
      r.action = wire_action::truncate;
      break;
    case fault_kind::garble:
      r.status = 200;
      r.body = "{\"resultCode\":\"Authorised\",<<garbled by processor-sim>>";
      break;
    case fault_kind::slow_loris:
      // Nothing is applied: a client that waits the drip out reads a retryable 500 in the
      // processor's format, which is the truth (no state changed).
      r = p.error_response(500, {});
      r.action = wire_action::slow_loris;
      r.drip_ms = f.value;
      break;
    case fault_kind::tls_fail:
      break;  // never chosen per request (fault_plan::choose skips it)
  }
  return r;
}

sim_response sim_app::control(const sim_request& req) {
  const std::string& path = req.path;
  if (path == "/_sim/health") return json_response(200, {{"status", "ok"}});
  if (path == "/_sim/webhooks" && req.method == "GET") {
    return json_response(200, webhooks_->deliveries_json());
  }
  if (path == "/_sim/stats" && req.method == "GET") return stats_json();
  if (path == "/_sim/faults" && req.method == "DELETE") {
    faults_.clear_queue();
    return json_response(200, {{"cleared", true}});
  }
  if (path == "/_sim/faults" && req.method == "POST") return queue_fault(req);
  if (path == "/_sim/fault-rate" && req.method == "POST") return set_fault_rate(req);
  if (path == "/_sim/fault-rate" && req.method == "GET") return fault_rate_json();
  if (path == "/_sim/fault-rate" && req.method == "DELETE") {
    random_faults_.disable();
    return fault_rate_json();
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
