// A webhook receiver with the C++ client library: an HTTP server that takes a processor's POST on
// /webhooks/<connector>, hands the raw body and the headers to Connector Service (handle_webhook:
// signature check, unified events), prints the typed events and answers the processor's
// acknowledgement.
//
//   webhook_receiver --connector stripe            # one command: a demo (below)
//   webhook_receiver --target H:P [--port 8098]    # serve, against a running service
//   CS_SINK_SIGNING_KEY=… webhook_receiver --relay [--port 8099]   # the service's relays
//
// Without --target / CS_GRPC_ADDRESS it starts its own stack with the simulator's webhooks
// pointed at this receiver, makes a payment (automatic capture) and a refund through the
// service, prints the events the simulator sends for them and exits (--serve keeps serving).
// With a running service it only serves (--requests N: stop after N requests): point the
// processor's webhook URL at http://HOST:PORT/webhooks/adyen (or /stripe). The secret that
// checks the signature is the merchant account's webhook_secret in the service's config
// (--merchant-account); nothing secret is in this program.
//
// Answers: 200 with the acknowledgement ("[accepted]" for Adyen, empty for Stripe) once
// verified; 401 on a bad signature and 400 on a body that is not the processor's webhook
// (nothing acted on); 503 when the service could not be asked (the processor delivers again
// later). Deliveries are at least once: de-duplicate on event_id.
//
// --relay: the receiver of the service's own relays instead (webhooks.mode = "relay",
// webhooks.sink_url = http://127.0.0.1:8099/, webhooks.sink_signing_key = CS_SINK_SIGNING_KEY):
// verifies X-Connector-Signature with cs::sdk::parse_relay; 401 / 400 / 200.
//
// A minimal blocking HTTP/1.1 server on POSIX sockets, one request per connection, to keep the
// example dependency-free; put a real HTTP server in front of the client in production.

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "support/support.hpp"
#include "support/tiny_server.hpp"

namespace ex = cs::examples;
namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

namespace {

std::string status_of(const v1::Event& ev) {
  switch (ev.type()) {
    case v1::EVENT_TYPE_PAYMENT:
      return v1::PaymentStatus_Name(ev.payment_status());
    case v1::EVENT_TYPE_REFUND:
      return v1::RefundStatus_Name(ev.refund_status());
    case v1::EVENT_TYPE_DISPUTE:
      return v1::DisputeStatus_Name(ev.dispute_status());
    default:
      return "-";
  }
}

std::string describe(const std::string& connector, const v1::Event& ev) {
  auto out = connector + ": " + v1::EventType_Name(ev.type()) + " " + status_of(ev) + " (" +
             ev.processor_event_code() +
             ") payment=" + (ev.connector_payment_id().empty() ? "-" : ev.connector_payment_id());
  if (!ev.connector_refund_id().empty()) out += " refund=" + ev.connector_refund_id();
  if (!ev.connector_mandate_id().empty()) out += " mandate=" + ev.connector_mandate_id();
  if (!ev.merchant_reference().empty()) out += " ref=" + ev.merchant_reference();
  if (ev.has_amount())
    out +=
        " amount=" + std::to_string(ev.amount().minor_amount()) + " " + ev.amount().currency_code();
  return out + " id=" + ev.event_id();
}

// Events the receiver printed, for the demo to wait on.
struct event_log {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<v1::Event> events;
  std::set<std::string> seen;  // a real receiver keeps this in its database
};

// One processor POST: handle_webhook with the raw body and headers, then the answer.
ex::tiny_response handle(sdk::client& client, const std::map<std::string, std::string>& accounts,
                         const ex::tiny_request& req, event_log& log) {
  const std::string prefix = "/webhooks/";
  auto path = req.target.substr(0, req.target.find('?'));
  auto connector = path.starts_with(prefix) ? path.substr(prefix.size()) : std::string{};
  if (req.method != "POST" || !accounts.count(connector))
    return {404, "no receiver for '" + connector + "'"};
  // The raw body, byte for byte, and the headers as received: the signature covers them.
  auto res = client.handle_webhook(connector, req.headers, req.body,
                                   {.merchant_account = accounts.at(connector)});
  if (!res) {
    const auto& e = res.error();
    std::printf("%s: refused %s\n", connector.c_str(), e.to_string().c_str());
    std::fflush(stdout);
    if (e.code == grpc::StatusCode::UNAUTHENTICATED) return {401, "bad signature"};
    if (e.code == grpc::StatusCode::INVALID_ARGUMENT) return {400, "not a webhook"};
    return {503, "try again later"};
  }
  for (const auto& ev : res->events()) {
    {
      std::lock_guard lock(log.mu);
      if (!ev.event_id().empty() && !log.seen.insert(ev.event_id()).second)
        continue;  // a redelivery: already acted on
      log.events.push_back(ev);
    }
    std::printf("%s\n", describe(connector, ev).c_str());
    std::fflush(stdout);
    log.cv.notify_all();
  }
  return {200, res->acknowledgement()};
}

// Pays and refunds through the service; waits (≤ 15 s) for the simulator's webhooks about them.
bool demo(sdk::client& client, const std::string& connector, event_log& log) {
  v1::AuthorizeRequest req;
  req.set_connector(connector);
  req.set_merchant_reference(ex::reference("webhook"));
  *req.mutable_amount() = ex::eur(2000);
  req.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  req.set_return_url(ex::return_url);
  *req.mutable_payment_method() = ex::card(connector, "ok");
  auto payment = client.authorize(req);
  if (!payment) {
    std::printf("demo: authorize -> %s\n", payment.error().to_string().c_str());
    return false;
  }
  std::printf("demo: authorize -> %s payment=%s\n",
              v1::PaymentStatus_Name(payment->status()).c_str(),
              payment->connector_payment_id().c_str());
  v1::RefundRequest rr;
  rr.set_connector(connector);
  rr.set_connector_payment_id(payment->connector_payment_id());
  *rr.mutable_amount() = ex::eur(500);
  *rr.mutable_payment_amount() = ex::eur(2000);
  rr.set_merchant_reference(req.merchant_reference() + "-refund");
  auto refund = client.refund(rr);
  if (!refund) {
    std::printf("demo: refund    -> %s\n", refund.error().to_string().c_str());
    return false;
  }
  std::printf("demo: refund    -> %s refund=%s\n", v1::RefundStatus_Name(refund->status()).c_str(),
              refund->connector_refund_id().c_str());
  std::fflush(stdout);

  std::set<v1::EventType> want{v1::EVENT_TYPE_PAYMENT, v1::EVENT_TYPE_REFUND};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  std::unique_lock lock(log.mu);
  while (!want.empty()) {
    while (!log.events.empty()) {
      auto ev = log.events.front();
      log.events.pop_front();
      if (ev.connector_payment_id() == payment->connector_payment_id()) want.erase(ev.type());
    }
    if (want.empty() || log.cv.wait_until(lock, deadline) == std::cv_status::timeout) break;
  }
  if (!want.empty()) {
    std::string missing;
    for (auto t : want) missing += " " + v1::EventType_Name(t);
    std::printf("demo: no webhook for%s\n", missing.c_str());
    return false;
  }
  std::printf("demo: received the payment and refund webhooks\n");
  return true;
}

// --relay: verify the service's relays with parse_relay.
int relay_main(const ex::cli& args) {
  const char* key = std::getenv("CS_SINK_SIGNING_KEY");
  if (!key || !*key) {
    std::fprintf(stderr, "set CS_SINK_SIGNING_KEY to the service's webhooks.sink_signing_key\n");
    return 2;
  }
  ex::tiny_server server(std::atoi(args.get("--port", "8099").c_str()));
  if (!server.ok()) return 1;
  std::printf("webhook_receiver: relay sink on http://127.0.0.1:%d/\n", server.port());
  std::fflush(stdout);
  std::set<std::string> seen;  // a real sink keeps this in its database
  server.serve(std::atoi(args.get("--requests", "0").c_str()), [&](const ex::tiny_request& req) {
    auto relay = sdk::parse_relay(req.body, req.header(sdk::signature_header_name), key);
    if (!relay) {
      bool auth = relay.error().code == grpc::StatusCode::UNAUTHENTICATED;
      std::printf("rejected: %s\n", relay.error().to_string().c_str());
      std::fflush(stdout);
      return ex::tiny_response{auth ? 401 : 400, auth ? "Unauthorized" : "Bad Request"};
    }
    for (const auto& ev : relay->events()) {
      if (!ev.event_id().empty() && !seen.insert(ev.event_id()).second) continue;
      std::printf("%s\n", describe(relay->connector(), ev).c_str());
    }
    std::fflush(stdout);
    return ex::tiny_response{200, "OK"};
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto args = ex::parse_cli(argc, argv, {"--port", "--requests"}, {"--relay", "--serve"});
  if (!args) return 2;
  if (args->has("--relay")) return relay_main(*args);

  const bool own_stack = args->get("--target").empty() &&
                         !(std::getenv("CS_GRPC_ADDRESS") && *std::getenv("CS_GRPC_ADDRESS"));
  int port = std::atoi(args->get("--port", own_stack ? "0" : "8098").c_str());
  ex::tiny_server server(port);  // 0: a free port
  if (!server.ok()) return 1;
  const auto base = "http://127.0.0.1:" + std::to_string(server.port()) + "/webhooks";
  std::map<std::string, std::string> hooks;
  if (own_stack) hooks = {{"adyen", base + "/adyen"}, {"stripe", base + "/stripe"}};
  auto stack = ex::stack::open(args->get("--target"), hooks);
  if (!stack) return 1;

  std::map<std::string, std::string> accounts;
  for (const std::string c : {"adyen", "stripe"}) {
    auto other = *args;
    other.values["--connector"] = c;
    if (c != args->connector()) other.values.erase("--merchant-account");
    accounts[c] = stack->account(other);
  }
  auto client = ex::make_client(*stack, *args);
  event_log log;
  std::printf("webhook receiver on %s/<connector>\n", base.c_str());
  std::fflush(stdout);

  int requests = std::atoi(args->get("--requests", "0").c_str());
  auto serve = [&](int n) {
    server.serve(n,
                 [&](const ex::tiny_request& req) { return handle(client, accounts, req, log); });
  };
  if (!own_stack) {
    serve(requests);
    return 0;
  }
  std::thread receiver([&] { serve(0); });
  bool ok = demo(client, args->connector(), log);
  if (args->has("--serve")) receiver.join();  // until killed
  server.stop();
  receiver.join();
  if (ok) stack->succeeded();
  return ok ? 0 : 1;
}
