#include "api/call.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <random>

#include "api/metrics.hpp"
#include "obs/log.hpp"

namespace cs::api {
namespace {

std::string metadata(const grpc::CallbackServerContext* ctx, std::string_view key) {
  auto& md = ctx->client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

std::string new_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t boot = std::random_device{}();
  return fmt::format("cs-{:08x}-{:06x}", static_cast<std::uint32_t>(boot), ++counter);
}

std::atomic<long> in_flight_rpcs{0};
std::atomic<bool> accepting{true};

}  // namespace

long rpcs_in_flight() noexcept {
  return in_flight_rpcs.load();
}

void stop_accepting_calls() noexcept {
  accepting = false;
}

bool accepting_calls() noexcept {
  return accepting.load();
}

domain::error shutting_down() {
  auto e = domain::make_error(domain::error_code::unavailable, domain::reason::shutting_down,
                              "this connector-service instance is shutting down; nothing was "
                              "sent, retry on another instance");
  e.retryable = true;
  return e;
}

bool valid_traceparent(std::string_view v) noexcept {
  if (v.size() != 55 || v[2] != '-' || v[35] != '-' || v[52] != '-') return false;
  auto hex = [](std::string_view s) {
    return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
  };
  auto zero = [](std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; };
  auto version = v.substr(0, 2), trace = v.substr(3, 32), parent = v.substr(36, 16),
       flags = v.substr(53, 2);
  return hex(version) && version != "ff" && hex(trace) && !zero(trace) && hex(parent) &&
         !zero(parent) && hex(flags);
}

call_info begin_call(grpc::CallbackServerContext* ctx, const domain::connector_set& known,
                     std::string connector, domain::flow flow) {
  ++in_flight_rpcs;
  bool is_known = known.find(connector) != nullptr;
  call_info info{metadata(ctx, "x-request-id"),   {}, std::move(connector), is_known, flow,
                 std::chrono::steady_clock::now()};
  // Ids are logged: keep only a bounded, printable client id.
  if (info.request_id.size() > 128 ||
      info.request_id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_.:") != std::string::npos)
    info.request_id.clear();
  if (info.request_id.empty()) info.request_id = new_request_id();
  if (auto tp = metadata(ctx, "traceparent"); valid_traceparent(tp)) info.traceparent = tp;
  ctx->AddInitialMetadata("x-request-id", info.request_id);
  return info;
}

std::string_view service_of(domain::flow f) {
  switch (f) {
    case domain::flow::get_refund:
      return "RefundService";
    case domain::flow::recurring_charge:
    case domain::flow::revoke_mandate:
      return "RecurringService";
    case domain::flow::accept_dispute:
    case domain::flow::submit_evidence:
    case domain::flow::defend_dispute:
    case domain::flow::get_dispute:
      return "DisputeService";
    case domain::flow::webhook:
      return "EventService";
    default:
      return "PaymentService";
  }
}

void log_call(const call_info& info, const domain::error* err) {
  --in_flight_rpcs;
  auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - info.started)
          .count();
  // A connector name the client made up must not become a label value.
  // (Both arms string_view: `info.connector : "unknown"` would be a temporary std::string.)
  auto connector = info.shown_connector();
  auto flow_name = domain::to_string(info.flow);
  auto& m = metrics();
  m.rpcs.add(
      {service_of(info.flow), flow_name, connector, err ? domain::to_string(err->code) : "OK"});
  m.rpc_seconds.observe({flow_name, connector}, ms / 1000.0);
  // method= only for calls that carry a payment method (masked: method_summary.hpp).
  const std::string method = info.method.empty() ? std::string() : " method=" + info.method;
  if (!err)
    obs::component_log("grpc")->info(
        "request_id={} connector={} flow={}{} status=OK attempts={} latency_ms={:.1f}",
        info.request_id, connector, domain::to_string(info.flow), method, info.attempts, ms);
  else
    obs::component_log("grpc")->info(
        "request_id={} connector={} flow={}{} status={} reason={} attempts={} "
        "latency_ms={:.1f}: {}",
        info.request_id, connector, domain::to_string(info.flow), method,
        domain::to_string(err->code), err->reason, info.attempts, ms, err->message);
}

domain::result<const domain::connector*> resolve_connector(const actors::runtime& rt,
                                                           std::string_view name) {
  if (name.empty()) return domain::missing_field("connector");
  const auto* conn = rt.known().find(name);
  if (!conn || !rt.connector(name)) {
    std::string known;
    for (auto* c : rt.known().all())
      if (rt.connector(c->name)) known += (known.empty() ? "" : ", ") + std::string(c->name);
    // Echo the name only when it looks like one: a client may put anything there, even card data.
    auto plausible =
        name.size() <= 32 &&
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") ==
            std::string_view::npos &&
        std::count_if(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }) <= 4;
    auto shown = plausible ? name : std::string_view("(not shown)");
    auto e = domain::invalid_argument(
        "connector", conn ? fmt::format("connector '{}' is not enabled in this service's config "
                                        "(enabled: {})",
                                        shown, known)
                          : fmt::format("unknown connector '{}' (enabled: {})", shown, known));
    e.reason = domain::reason::unknown_connector;
    return e;
  }
  return conn;
}

domain::result<domain::credentials> resolve_credentials(const actors::runtime& rt,
                                                        const grpc::CallbackServerContext* ctx,
                                                        const domain::connector& conn) {
  auto account_name = metadata(ctx, "x-merchant-account");
  domain::credentials creds;
  if (!account_name.empty()) {
    auto* acct = rt.account(account_name);
    if (!acct || acct->connector != conn.name) {
      domain::error e;
      e.code = domain::error_code::unauthenticated;
      e.reason = domain::reason::missing_credentials;
      e.message = acct ? fmt::format("merchant account '{}' is configured for another connector",
                                     account_name.substr(0, 64))
                       : fmt::format("no merchant account named '{}' in the config",
                                     account_name.substr(0, 64));
      return e;
    }
    creds = acct->creds;
  } else {
    for (const auto* keys : {&conn.credential_keys, &conn.optional_credential_keys})
      for (auto key : *keys) {
        std::string meta = "x-auth-" + std::string(key);
        for (auto& c : meta)
          if (c == '_') c = '-';
        auto value = metadata(ctx, meta);
        if (!value.empty()) creds.set(std::string(key), std::move(value));
      }
  }
  for (auto key : conn.credential_keys)
    if (auto r = creds.require(conn.name, key); !r) return std::move(r).err();
  return creds;
}

std::string merchant_account_of(const grpc::CallbackServerContext* ctx) {
  return metadata(ctx, "x-merchant-account");
}

std::string webhook_secret_of(const grpc::CallbackServerContext* ctx) {
  return metadata(ctx, "x-webhook-secret");
}

std::chrono::steady_clock::time_point deadline_of(const grpc::CallbackServerContext* ctx,
                                                  std::chrono::milliseconds fallback) {
  auto now_steady = std::chrono::steady_clock::now();
  auto dl = ctx->deadline();
  if (dl == std::chrono::system_clock::time_point::max() ||
      dl - std::chrono::system_clock::now() > std::chrono::hours(24))
    return now_steady + fallback;
  return now_steady + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          dl - std::chrono::system_clock::now());
}

}  // namespace cs::api
