// processor-sim: HTTPS simulator of payment processors' APIs for end-to-end tests and demos.

#include "adyen/adyen_notifications.hpp"
#include "sim_app.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace {

std::string make_temp_state_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "processor-sim-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

}  // namespace

int main(int argc, char** argv) {
  processor_sim::sim_config cfg;
  std::vector<std::string> fault_specs;
  std::string fault_mix;
  std::vector<std::string> braintree_accounts;
  CLI::App cli{"processor-sim: simulated payment processor APIs over HTTPS"};
  cli.add_option("--host", cfg.host, "address to listen on")->capture_default_str();
  cli.add_option("--port", cfg.port, "port, 0 = ephemeral")->capture_default_str();
  cli.add_option("--state-dir", cfg.state_dir,
                 "where ca.pem and port are written (default: a new temp dir)");
  cli.add_option("--adyen-api-key", cfg.adyen.api_key, "accepted X-API-Key")->capture_default_str();
  cli.add_option("--adyen-hmac-key", cfg.adyen.hmac_key_hex, "webhook HMAC key, 64 hex chars")
      ->check([](const std::string& key) {
        return key.size() == 64 && processor_sim::adyen::is_hex_key(key)
                   ? std::string{}
                   : std::string("must be 64 hex characters");
      });
  cli.add_option("--adyen-webhook-url", cfg.adyen.webhook_url,
                 "http(s) URL receiving Adyen notifications (none = no webhooks)");
  cli.add_option("--stripe-api-key", cfg.stripe.api_key, "accepted Authorization: Bearer key")
      ->capture_default_str();
  cli.add_option("--stripe-webhook-secret", cfg.stripe.webhook_secret,
                 "endpoint secret signing Stripe-Signature (whsec_...); printed at start")
      ->capture_default_str();
  cli.add_option("--stripe-webhook-url", cfg.stripe.webhook_url,
                 "http(s) URL receiving Stripe events (none = no webhooks)");
  cli.add_option("--razorpay-key-id", cfg.razorpay.key_id, "accepted Basic auth key id")
      ->capture_default_str();
  cli.add_option("--razorpay-key-secret", cfg.razorpay.key_secret,
                 "accepted Basic auth key secret; also signs razorpay_signature")
      ->capture_default_str();
  cli.add_option("--razorpay-webhook-secret", cfg.razorpay.webhook_secret,
                 "secret signing X-Razorpay-Signature; printed at start")
      ->capture_default_str();
  cli.add_option("--razorpay-webhook-url", cfg.razorpay.webhook_url,
                 "http(s) URL receiving Razorpay webhooks (none = no webhooks)");
  cli.add_flag("--razorpay-auto-capture", cfg.razorpay.auto_capture,
               "account setting: capture on authorization unless the order says payment_capture");
  cli.add_option("--razorpay-upi-delay-ms", cfg.razorpay.upi_delay_ms,
                 "delay before success@razorpay / failure@razorpay settle")
      ->capture_default_str();
  cli.add_option("--razorpay-refund-delay-ms", cfg.razorpay.refund_delay_ms,
                 "refunds stay pending this long (0 = processed at once)")
      ->capture_default_str();
  cli.add_option("--paypal-client-id", cfg.paypal.client_id, "accepted OAuth2 client id")
      ->capture_default_str();
  cli.add_option("--paypal-client-secret", cfg.paypal.client_secret,
                 "accepted OAuth2 client secret")
      ->capture_default_str();
  cli.add_option("--paypal-webhook-id", cfg.paypal.webhook_id,
                 "webhook id in PayPal's signed string; printed at start")
      ->capture_default_str();
  cli.add_option("--paypal-webhook-url", cfg.paypal.webhook_url,
                 "http(s) URL receiving PayPal webhooks (none = no webhooks)");
  cli.add_option("--paypal-token-ttl-s", cfg.paypal.token_ttl_s,
                 "expires_in of the access tokens /v1/oauth2/token hands out")
      ->capture_default_str();
  cli.add_option("--checkout-com-secret-key", cfg.checkout_com.secret_key,
                 "accepted Authorization: Bearer key (sk_sbox_... / sk_...)");
  cli.add_option("--checkout-com-public-key", cfg.checkout_com.public_key,
                 "the public key POST /tokens accepts (pk_sbox_... / pk_...)");
  cli.add_option("--checkout-com-signature-key", cfg.checkout_com.signature_key,
                 "key of the webhook action, signs Cko-Signature; printed at start")
      ->capture_default_str();
  cli.add_option("--checkout-com-webhook-url", cfg.checkout_com.webhook_url,
                 "http(s) URL receiving Checkout.com webhooks (none = no webhooks)");
  cli.add_option("--checkout-com-webhook-authorization", cfg.checkout_com.webhook_authorization,
                 "static Authorization header value sent with each Checkout.com webhook");
  cli.add_option("--braintree-public-key", cfg.braintree.public_key,
                 "accepted public key of Authorization: Basic public:private; names bt_signature")
      ->capture_default_str();
  cli.add_option("--braintree-private-key", cfg.braintree.private_key,
                 "accepted private key; SHA1 of it keys the bt_signature HMAC");
  cli.add_option("--braintree-merchant-id", cfg.braintree.merchant_id, "viewer.merchant.id")
      ->capture_default_str();
  cli.add_option(
      "--braintree-merchant-account", braintree_accounts,
      "ID:CURRENCY of a merchant account (repeatable; replaces the defaults sim_usd:USD, "
      "sim_eur:EUR, sim_jpy:JPY; the first is the default account)");
  cli.add_option("--braintree-webhook-url", cfg.braintree.webhook_url,
                 "http(s) URL receiving Braintree webhooks (none = no webhooks)");
  cli.add_option("--braintree-search-lag-ms", cfg.braintree.search_lag_ms,
                 "search.transactions sees a new transaction only after this long (0 = at once)")
      ->capture_default_str();
  cli.add_option("--fault", fault_specs,
                 "[/PATH_PREFIX=]SPEC applied to every matching request; SPEC is latency:MS, "
                 "status:NNN[:retry-after=S][:should-retry=true|false], reset, "
                 "reset-after-apply, status-after-apply:NNN, truncate, garble, slow-loris:MS, or "
                 "tls-fail (every TLS "
                 "handshake fails, /_sim routes included)");
  cli.add_option("--fault-rate", cfg.random_faults.rate,
                 "probability (0..1) that a processor request gets a random fault from --fault-mix")
      ->check(CLI::Range(0.0, 1.0));
  cli.add_option(
      "--fault-mix", fault_mix,
      "SPEC,SPEC,... the random faults are drawn from (uniformly; tls-fail not allowed)");
  cli.add_option("--fault-seed", cfg.random_faults.seed, "seed of the random faults")
      ->capture_default_str();
  cli.add_option("--latency-ms", cfg.latency_ms, "added to every processor reply");
  cli.add_option("--io-threads", cfg.io_threads, "I/O threads (1-8)")
      ->capture_default_str()
      ->check(CLI::Range(1, 8));
  bool http1_only = false;
  cli.add_flag("--http1-only", http1_only,
               "do not offer HTTP/2 (ALPN h2): every connection speaks HTTP/1.1");
  cli.add_flag("--log-requests", cfg.log_requests,
               "log one line per request (card numbers masked, CVC dropped)");
  CLI11_PARSE(cli, argc, argv);
  cfg.http2 = !http1_only;

  if (!braintree_accounts.empty()) {
    cfg.braintree.merchant_accounts.clear();
    for (const auto& spec : braintree_accounts) {
      const auto colon = spec.find(':');
      if (colon == std::string::npos || colon == 0 || spec.size() - colon - 1 != 3) {
        std::cerr << "processor-sim: invalid --braintree-merchant-account '" << spec << "'\n";
        return 2;
      }
      cfg.braintree.merchant_accounts.push_back(
          {spec.substr(0, colon), spec.substr(colon + 1), cfg.braintree.merchant_accounts.empty()});
    }
  }
  for (const auto& spec : fault_specs) {
    auto f = processor_sim::parse_scoped_fault(spec);
    if (!f) {
      std::cerr << "processor-sim: invalid --fault '" << spec << "'\n";
      return 2;
    }
    cfg.faults.push_back(*f);
  }
  if (!fault_mix.empty()) {
    auto mix = processor_sim::parse_fault_mix(fault_mix);
    if (!mix) {
      std::cerr << "processor-sim: invalid --fault-mix '" << fault_mix << "'\n";
      return 2;
    }
    cfg.random_faults.mix = std::move(*mix);
  }
  if (cfg.random_faults.rate > 0 && cfg.random_faults.mix.empty()) {
    std::cerr << "processor-sim: --fault-rate needs --fault-mix\n";
    return 2;
  }

  // Block the signals before any thread starts so only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    if (cfg.state_dir.empty()) cfg.state_dir = make_temp_state_dir();
    processor_sim::sim_app app(cfg);
    app.start();
    std::printf("processor-sim adyen webhook hmac key: %s\n", cfg.adyen.hmac_key_hex.c_str());
    std::printf("processor-sim stripe webhook secret: %s\n", cfg.stripe.webhook_secret.c_str());
    std::printf("processor-sim razorpay webhook secret: %s\n", cfg.razorpay.webhook_secret.c_str());
    std::printf("processor-sim paypal webhook id: %s\n", cfg.paypal.webhook_id.c_str());
    std::printf("processor-sim checkout_com webhook signature key: %s\n",
                cfg.checkout_com.signature_key.c_str());
    std::printf(
        "processor-sim braintree public key: %s (bt_signature is keyed by its private key)\n",
        cfg.braintree.public_key.c_str());
    std::printf("processor-sim listening on %s (ca: %s)\n", app.base_url().c_str(),
                (std::filesystem::path(cfg.state_dir) / "ca.pem").c_str());
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
    app.stop();
  } catch (const std::exception& e) {
    std::cerr << "processor-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
