#include "stack.hpp"

#include <openssl/rand.h>

#include <sstream>

namespace cs::bench {
using namespace std::chrono_literals;

std::string account_of(const std::string& connector) {
  return connector == "adyen" ? "demo" : connector + "_demo";
}

stack::stack(stack_options o) : o_(std::move(o)), hmac_key_(random_hex_key()) {}

stack::~stack() {
  stop();
}

bool stack::start_sim(std::string& why) {
  // No webhook URLs: the simulator would otherwise send a webhook per payment to the service and
  // the run would measure two paths at once. No request log either.
  std::vector<std::string> args{"--adyen-api-key",
                                adyen_api_key,
                                "--adyen-hmac-key",
                                hmac_key_,
                                "--stripe-api-key",
                                stripe_api_key,
                                "--stripe-webhook-secret",
                                stripe_whsec,
                                "--razorpay-key-id",
                                razorpay_key_id,
                                "--razorpay-key-secret",
                                razorpay_key_secret,
                                "--razorpay-webhook-secret",
                                razorpay_whsec,
                                "--paypal-client-id",
                                paypal_client_id,
                                "--paypal-client-secret",
                                paypal_client_secret,
                                "--checkout-com-secret-key",
                                checkout_com_secret_key,
                                "--braintree-public-key",
                                braintree_public_key,
                                "--braintree-private-key",
                                braintree_private_key,
                                "--latency-ms",
                                std::to_string(o_.sim_latency_ms),
                                "--io-threads",
                                std::to_string(o_.sim_io_threads)};
  return processor_sim::client::start_sim(sim_, o_.sim_bin, o_.dir, args, o_.dir + "/sim.log", why);
}

std::string stack::service_config(unsigned short grpc_port, unsigned short http_port) const {
  std::ostringstream cfg;
  const auto base = "https://127.0.0.1:" + std::to_string(sim_.port);
  cfg << "[server]\ngrpc_address = \"127.0.0.1:" << grpc_port << "\"\n"
      << "http_address = \"127.0.0.1:" << http_port << "\"\n"
      << "actor_threads = " << o_.actor_threads << "\nio_threads = " << o_.io_threads << "\n"
      << "default_deadline_ms = 60000\n"
      << "[log]\nlevel = \"" << o_.log_level << "\"\n"
      << "[tls]\nca_file = \"" << sim_.ca_file << "\"\n"
      << "[webhooks]\nmode = \"log_only\"\n";
  auto connector = [&](const std::string& name, const std::string& urls) {
    cfg << "[connectors." << name << "]\npool_size = " << o_.pool_size
        << (o_.max_idle > 0 ? "\nmax_idle_connections = " + std::to_string(o_.max_idle) : "")
        << (o_.max_in_flight > 0 ? "\nmax_in_flight = " + std::to_string(o_.max_in_flight) : "")
        << "\nhttp2 = " << (o_.http2 ? "true" : "false")
        << "\nconnect_timeout_ms = 2000\nrequest_timeout_ms = " << o_.request_timeout_ms << "\n"
        << "[connectors." << name << ".base_urls]\n"
        << urls;
  };
  connector("adyen", "default = \"" + base + "/adyen/v71\"\ndisputes = \"" + base +
                         "/adyen/ca/services/DisputeService/v30\"\n");
  connector("stripe", "default = \"" + base + "/stripe\"\n");
  connector("razorpay", "default = \"" + base + "/razorpay\"\n");
  connector("paypal", "default = \"" + base + "/paypal\"\n");
  connector("checkout_com", "default = \"" + base + "/checkout_com\"\n");
  connector("braintree", "default = \"" + base + "/braintree\"\n");
  cfg << "[merchant_accounts.demo]\nconnector = \"adyen\"\napi_key = \"" << adyen_api_key
      << "\"\nmerchant_account = \"" << adyen_merchant << "\"\nwebhook_secret = \"" << hmac_key_
      << "\"\n"
      << "[merchant_accounts.stripe_demo]\nconnector = \"stripe\"\napi_key = \"" << stripe_api_key
      << "\"\nwebhook_secret = \"" << stripe_whsec << "\"\n"
      << "[merchant_accounts.razorpay_demo]\nconnector = \"razorpay\"\nkey_id = \""
      << razorpay_key_id << "\"\nkey_secret = \"" << razorpay_key_secret
      << "\"\nwebhook_secret = \"" << razorpay_whsec << "\"\n"
      << "[merchant_accounts.paypal_demo]\nconnector = \"paypal\"\nclient_id = \""
      << paypal_client_id << "\"\nclient_secret = \"" << paypal_client_secret << "\"\n"
      << "[merchant_accounts.checkout_com_demo]\nconnector = \"checkout_com\"\nsecret_key = \""
      << checkout_com_secret_key << "\"\n"
      << "[merchant_accounts.braintree_demo]\nconnector = \"braintree\"\npublic_key = \""
      << braintree_public_key << "\"\nprivate_key = \"" << braintree_private_key << "\"\n";
  return cfg.str();
}

bool stack::start_service(std::string& why) {
  grpc_port_ = free_port();
  http_port_ = free_port();
  const auto config_path = o_.dir + "/service.toml";
  write_file(config_path, service_config(grpc_port_, http_port_));
  target_ = spawn("connector-service", {o_.service_bin, "serve", "--config", config_path},
                  o_.dir + "/service.log");
  if (target_.pid <= 0) return why = "cannot spawn " + o_.service_bin, false;
  if (!eventually(
          [&] {
            // Both listeners up; the log line says so too, but only at log level info.
            return !target_.running() || (port_open(grpc_port_) && port_open(http_port_));
          },
          15s) ||
      !target_.running())
    return why = "service did not start (log: " + target_.log + ")", false;
  return !o_.behind_nginx() || start_replicas_and_nginx(why);
}

bool stack::start_echo(std::string& why) {
  grpc_port_ = free_port();
  target_ = spawn("cs-bench-echo", {o_.echo_bin, "--address", grpc_target()}, o_.dir + "/echo.log");
  if (target_.pid <= 0) return why = "cannot spawn " + o_.echo_bin, false;
  if (!eventually(
          [&] {
            return !target_.running() ||
                   read_file(target_.log).find("echo listening") != std::string::npos;
          },
          15s) ||
      !target_.running())
    return why = "echo server did not start (log: " + target_.log + ")", false;
  return true;
}

void stack::stop() {
  // The proxy before what it proxies to: nginx answers no call for a replica already gone.
  if (nginx_.proc.pid > 0) nginx_exit = nginx_.proc.stop();
  if (target_.pid > 0) target_exit = target_.stop();
  for (auto& r : more_)
    if (r.proc.pid > 0)
      if (int rc = r.proc.stop(); target_exit == 0) target_exit = rc;
  if (sim_.proc.pid > 0) sim_exit = sim_.proc.stop();
}

}  // namespace cs::bench
