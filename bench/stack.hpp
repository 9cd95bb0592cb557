#pragma once
// The processes a run measures: the processor simulator, and either the connector-service or the
// bare gRPC echo server, started like tests/e2e/harness.cpp starts them (the simulator through
// sim/client's start_sim: it writes its port and CA to a state dir; the service reads a TOML file
// written here).

#include <string>
#include <vector>

#include "nginx.hpp"
#include "procs.hpp"

namespace cs::bench {

// The simulator's test credentials (its defaults, passed explicitly). Never printed.
inline const std::string adyen_api_key = "sim_adyen_api_key";
inline const std::string adyen_merchant = "TestMerchantECOM";
inline const std::string stripe_api_key = "sk_test_sim_stripe";
inline const std::string stripe_whsec = "whsec_processor_sim_stripe_0123456789abcdef";
inline const std::string razorpay_key_id = "rzp_test_sim";
inline const std::string razorpay_key_secret = "processor_sim_razorpay_key_secret";
inline const std::string razorpay_whsec = "processor_sim_razorpay_webhook_secret";
inline const std::string paypal_client_id = "sim_paypal_client_id";
inline const std::string paypal_client_secret = "sim_paypal_client_secret";
inline const std::string checkout_com_secret_key = "sk_sbox_benchcheckoutcomsecretkey0";
inline const std::string braintree_public_key = "bench_braintree_public_key";
inline const std::string braintree_private_key = "bench_braintree_private_key_0000";

// Merchant accounts in the service config, one per connector.
std::string account_of(const std::string& connector);

struct stack_options {
  std::string dir;  // state dir for logs, config, CA
  std::string service_bin = CS_SERVICE_BIN, sim_bin = CS_SIM_BIN, echo_bin = CS_ECHO_BIN;
  int sim_latency_ms = 0;
  int sim_io_threads = 2;
  std::string log_level = "warn";  // the service's; debug would measure the logger
  int pool_size = 2;               // per connector, as config/example.toml
  int max_idle = 0;                // max_idle_connections; 0 = the service's default (64)
  int max_in_flight = 0;  // connectors.<name>.max_in_flight; 0 = the service's default (2048)
  int actor_threads = 2, io_threads = 1;
  int request_timeout_ms = 30000;
  // connectors.<name>.http2, always written: the service's default is true, and runs over
  // HTTP/1.1 stay comparable with the runs before HTTP/2 existed.
  bool http2 = false;

  // Replicas (issue 18 part 5): `replicas` connector-service processes (each its own ports, the
  // same config and simulator otherwise) behind one nginx from deploy/nginx; the load then calls
  // nginx. `nginx` puts it in front of a single replica too, to measure the proxy alone.
  int replicas = 1;
  bool nginx = false;
  bool behind_nginx() const { return replicas > 1 || nginx; }
};

class stack {
 public:
  explicit stack(stack_options o);
  ~stack();
  stack(const stack&) = delete;
  stack& operator=(const stack&) = delete;

  // Each returns false and fills `why` on failure.
  bool start_sim(std::string& why);
  bool start_service(std::string& why);
  bool start_echo(std::string& why);
  void stop();  // nginx first, then the service(s)/echo, then the simulator

  const stack_options& options() const { return o_; }
  unsigned short sim_port() const { return sim_.port; }
  const std::string& ca_file() const { return sim_.ca_file; }
  const std::string& hmac_key() const { return hmac_key_; }
  // The gRPC target of the service or echo server (nginx's when behind it), and the (first)
  // service's plain HTTP port.
  std::string grpc_target() const {
    return "127.0.0.1:" + std::to_string(nginx_.port ? nginx_.port : grpc_port_);
  }
  unsigned short http_port() const { return http_port_; }
  int target_pid() const { return target_.pid; }
  int sim_pid() const { return sim_.proc.pid; }
  // Exit statuses after stop() (0 = clean); target_exit is the first non-zero of the replicas'.
  int target_exit = 0, sim_exit = 0, nginx_exit = 0;

  // Behind nginx: the replicas (0 is the service above), nginx's worker processes (where its CPU
  // goes; the master only starts them) and how many calls nginx sent to each replica.
  int replica_count() const { return target_.pid > 0 ? 1 + static_cast<int>(more_.size()) : 0; }
  int replica_pid(int i) const { return i == 0 ? target_.pid : more_.at(i - 1).proc.pid; }
  std::vector<int> nginx_worker_pids() const { return nginx_.worker_pids(); }
  std::vector<long> calls_per_replica() const;  // from nginx's access log; empty without nginx

 private:
  struct replica {
    child proc;
    unsigned short grpc_port = 0, http_port = 0;
  };
  std::string service_config(unsigned short grpc_port, unsigned short http_port) const;
  bool start_replicas_and_nginx(std::string& why);  // replicas 1..N-1, then nginx
  stack_options o_;
  sim_process sim_;
  child target_;
  unsigned short grpc_port_ = 0, http_port_ = 0;
  std::string hmac_key_;
  std::vector<replica> more_;
  nginx_process nginx_;
};

}  // namespace cs::bench
