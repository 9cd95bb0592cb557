// Micro-benchmarks of the pure connector functions the flow actor calls on every request: build
// the processor request, parse the canned reply (tests/golden), verify and normalize a webhook.
// What the service spends beyond these is transport and hand-offs (see docs/benchmarks.md).

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "connectors/registry.hpp"
#include "domain/connector.hpp"
#include "requests.hpp"
#include "stack.hpp"

namespace cs::bench {
namespace {

using namespace cs::domain;

std::string golden(const std::string& name) {
  std::ifstream in(std::string(CS_GOLDEN_DIR) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

credentials creds_of(const std::string& connector) {
  credentials c;
  if (connector == "adyen") {
    c.set("api_key", adyen_api_key);
    c.set("merchant_account", adyen_merchant);
  } else if (connector == "stripe") {
    c.set("api_key", stripe_api_key);
  } else {
    c.set("key_id", razorpay_key_id);
    c.set("key_secret", razorpay_key_secret);
  }
  return c;
}

domain::authorize_request authorize_of(const std::string& connector) {
  domain::authorize_request r;
  r.idempotency_key = "bench-idem-0001";
  r.merchant_reference = "bench-order-0001";
  card c;
  c.number = secret<std::string>(connector == "stripe" ? "4242424242424242" : "4111111111111111");
  c.expiry_month = 12;
  c.expiry_year = 2031;
  c.cvc = secret<std::string>("739");
  c.holder_name = "Jane Bench";
  r.method = std::move(c);
  r.return_url = "https://shop.example/return";
  r.amount = connector == "stripe"     ? money{2500, "USD"}
             : connector == "razorpay" ? money{50000, "INR"}
                                       : money{1000, "EUR"};
  r.shopper = customer{"cust-1", "asha.rao@example.in", "+919876543210", "Asha Rao", "203.0.113.7"};
  return r;
}

// Canned replies per step of an authorize, as the simulator / processor answers.
std::vector<http_response> authorize_replies(const std::string& connector) {
  if (connector == "stripe")
    return {{200, {}, golden("stripe/payment_method.response.json")},
            {200, {}, golden("stripe/pi_succeeded.response.json")}};
  if (connector == "razorpay")
    return {{200, {}, golden("razorpay/order_created.response.json")},
            {200, {}, golden("razorpay/payment_create_card.response.json")}};
  return {{200, {}, golden("adyen/authorize_authorised.response.json")}};
}

// Runs the flow to its result, feeding one reply per step like the flow actor; false when it
// did not finish with a result.
template <class Req, class R>
bool drive(const connector& c, flow_fn<Req, R> flow_table::*entry, const Req& req,
           const std::vector<http_response>& replies, const credentials& creds) {
  std::vector<exchange> done;
  for (std::size_t i = 0; i <= replies.size(); ++i) {
    auto s = (c.flows.*entry)(req, flow_context{creds, std::span<const exchange>(done)});
    if (!s.ok()) return false;
    if (std::holds_alternative<R>(s.value())) return true;
    if (i == replies.size()) return false;
    done.push_back({std::get<http_request>(std::move(s.value())), replies[i]});
  }
  return false;
}

// The first step only: validation + building the processor request (JSON or form body).
void build_authorize(benchmark::State& state, std::string name) {
  auto* c = connectors::builtin().find(name);
  auto creds = creds_of(name);
  auto req = authorize_of(name);
  for (auto _ : state) {
    auto s = c->flows.authorize(req, flow_context{creds, {}});
    benchmark::DoNotOptimize(s);
  }
}

// Every step of an authorize against canned replies: what the connector costs per call.
void full_authorize(benchmark::State& state, std::string name) {
  auto* c = connectors::builtin().find(name);
  auto creds = creds_of(name);
  auto req = authorize_of(name);
  auto replies = authorize_replies(name);
  if (!drive(*c, &flow_table::authorize, req, replies, creds)) {
    state.SkipWithError("flow did not finish");
    return;
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(drive(*c, &flow_table::authorize, req, replies, creds));
}

void adyen_refund(benchmark::State& state) {
  auto* c = connectors::builtin().find("adyen");
  auto creds = creds_of("adyen");
  domain::refund_request r;
  r.idempotency_key = "bench-ref-1";
  r.merchant_reference = "bench-ref-1";
  r.connector_payment_id = "QFQTPCQ8HXSKGK82";
  r.amount = money{1000, "EUR"};
  r.payment_amount = money{1000, "EUR"};
  std::vector<http_response> replies{{201, {}, golden("adyen/refund_received.response.json")}};
  if (!drive(*c, &flow_table::refund, r, replies, creds)) {
    state.SkipWithError("flow did not finish");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(drive(*c, &flow_table::refund, r, replies, creds));
}

// Signature check (HMAC-SHA256, constant-time compare) + normalization of one event.
void webhook(benchmark::State& state, std::string name) {
  auto* c = connectors::builtin().find(name);
  const std::string adyen_key(64, 'A');
  auto w = make_webhook(name, adyen_key, 1);
  webhook_request req;
  req.body = w.body;
  req.headers.push_back({"content-type", "application/json"});
  for (auto& [n, v] : w.headers) req.headers.push_back({n, v});
  req.secret_key = secret<std::string>(name == "adyen"    ? adyen_key
                                       : name == "stripe" ? stripe_whsec
                                                          : razorpay_whsec);
  auto first = c->handle_webhook(req);
  if (!first || first->events.empty()) {
    state.SkipWithError("webhook not verified");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(c->handle_webhook(req));
}

BENCHMARK_CAPTURE(build_authorize, adyen, std::string("adyen"));
BENCHMARK_CAPTURE(build_authorize, stripe, std::string("stripe"));
BENCHMARK_CAPTURE(build_authorize, razorpay, std::string("razorpay"));
BENCHMARK_CAPTURE(full_authorize, adyen, std::string("adyen"));
BENCHMARK_CAPTURE(full_authorize, stripe, std::string("stripe"));
BENCHMARK_CAPTURE(full_authorize, razorpay, std::string("razorpay"));
BENCHMARK(adyen_refund);
BENCHMARK_CAPTURE(webhook, adyen, std::string("adyen"));
BENCHMARK_CAPTURE(webhook, stripe, std::string("stripe"));
BENCHMARK_CAPTURE(webhook, razorpay, std::string("razorpay"));

}  // namespace
}  // namespace cs::bench
