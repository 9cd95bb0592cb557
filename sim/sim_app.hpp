#pragma once
// Wires the simulator together: TLS material, the HTTPS listener, fault injection, the webhook
// sender, the processors and the /_sim control routes. Used by main.cpp and in-process by tests.

#include "adyen/adyen_sim.hpp"
#include "braintree/braintree_sim.hpp"
#include "checkout_com/checkout_com_sim.hpp"
#include "faults.hpp"
#include "in_flight.hpp"
#include "paypal/paypal_sim.hpp"
#include "processor.hpp"
#include "random_faults.hpp"
#include "razorpay/razorpay_sim.hpp"
#include "stripe/stripe_sim.hpp"
#include "tls_ca.hpp"
#include "webhook_sender.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace processor_sim {

class https_server;

struct sim_config {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string state_dir;  // empty: write nothing
  adyen::config adyen;
  stripe::config stripe;
  razorpay::config razorpay;
  paypal::config paypal;
  checkout_com::config checkout_com;
  braintree::config braintree;
  std::vector<scoped_fault> faults;
  random_fault_config random_faults;  // --fault-rate / --fault-mix / --fault-seed
  unsigned latency_ms = 0;
  unsigned io_threads = 2;
  bool log_requests = false;
  bool http2 = true;  // false: --http1-only, ALPN never picks "h2"
  webhook_policy webhooks;
};

class sim_app {
 public:
  explicit sim_app(sim_config cfg);
  ~sim_app();

  // Generates the CA, listens, writes DIR/ca.pem and DIR/port. Throws on failure.
  void start();
  void stop();

  unsigned short port() const { return port_; }
  std::string base_url() const;  // https://127.0.0.1:PORT
  const tls_material& tls() const { return tls_; }
  webhook_sender& webhooks() { return *webhooks_; }

  // The whole request pipeline (faults, routing); public so tests can drive it without TLS.
  sim_response dispatch(sim_request&& req);

 private:
  sim_response control(const sim_request& req);
  sim_response stats_json();
  sim_response queue_fault(const sim_request& req);
  sim_response set_fault_rate(const sim_request& req);
  sim_response fault_rate_json();
  processor* find_processor(const std::string& name);
  // p.handle, unless the request's idempotency key is still in flight.
  sim_response handle_once(processor& p, const sim_request& req, const std::string& rel);
  sim_response apply_fault(const fault& f, processor& p, const sim_request& req,
                           const std::string& rel);

  sim_config cfg_;
  tls_material tls_;
  unsigned short port_ = 0;
  fault_plan faults_;
  random_faults random_faults_;
  in_flight_keys in_flight_;  // before server_: responses held by sessions point into it
  std::unique_ptr<webhook_sender> webhooks_;
  std::vector<std::unique_ptr<processor>> processors_;
  std::unique_ptr<https_server> server_;
  std::atomic<std::uint64_t> requests_{0}, faults_injected_{0}, in_progress_refusals_{0};
};

}  // namespace processor_sim
