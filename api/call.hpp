#pragma once
// What every RPC does before and after its flow: request id, connector and credential lookup,
// spawning the flow actor, finishing the reactor exactly once, logging the outcome.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <string>

#include "actors/charge_marker.hpp"
#include "actors/flow.hpp"
#include "actors/runtime.hpp"
#include "api/client_auth.hpp"
#include "api/convert.hpp"
#include "api/errors.hpp"
#include "api/method_summary.hpp"
#include "domain/connector.hpp"

namespace cs::api {

struct call_info {
  std::string request_id;
  std::string traceparent;       // validated W3C traceparent, or empty
  std::string connector;         // as the client sent it
  bool known_connector = false;  // one this build has: only then a label or error metadata

  // The connector as errors and metrics may name it: the client's text only when it is a
  // connector this build has (a client may put anything there, even card data).
  std::string_view shown_connector() const noexcept {
    return known_connector ? std::string_view(connector) : std::string_view("unknown");
  }
  domain::flow flow;
  std::chrono::steady_clock::time_point started;
  int attempts = 0;    // processor calls, retries included
  std::string method;  // method_summary of the payment method, for calls that carry one
};

// "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>", not all-zero ids (W3C Trace Context).
bool valid_traceparent(std::string_view v) noexcept;

// Every call is counted from begin_call to log_call, so that a drain knows when none is left.
call_info begin_call(grpc::CallbackServerContext* ctx, const domain::connector_set& known,
                     std::string connector, domain::flow flow);
long rpcs_in_flight() noexcept;
// Draining: calls that arrive from now on are answered UNAVAILABLE / SHUTTING_DOWN at once.
void stop_accepting_calls() noexcept;
bool accepting_calls() noexcept;
domain::error shutting_down();
void log_call(const call_info& info, const domain::error* err);

// The connector, or an INVALID_ARGUMENT naming `connector`.
domain::result<const domain::connector*> resolve_connector(const actors::runtime& rt,
                                                           std::string_view name);
// Credentials from `x-merchant-account` or `x-auth-*` metadata.
domain::result<domain::credentials> resolve_credentials(const actors::runtime& rt,
                                                        const grpc::CallbackServerContext* ctx,
                                                        const domain::connector& conn);
// The configured account named by `x-merchant-account` ("" when credentials came inline).
std::string merchant_account_of(const grpc::CallbackServerContext* ctx);
// HandleWebhook's secret (metadata, not a field, so a logged request never shows it); may be empty.
std::string webhook_secret_of(const grpc::CallbackServerContext* ctx);
std::chrono::steady_clock::time_point deadline_of(const grpc::CallbackServerContext* ctx,
                                                  std::chrono::milliseconds fallback);

template <class Req, class Res, class ProtoReq, class ProtoRes>
grpc::ServerUnaryReactor* run_flow(actors::runtime& rt, const grpc_security& sec,
                                   grpc::CallbackServerContext* ctx, const ProtoReq* in,
                                   ProtoRes* out, domain::flow kind,
                                   domain::flow_fn<Req, Res> domain::flow_table::*entry) {
  auto* reactor = ctx->DefaultReactor();
  auto info = std::make_shared<call_info>(begin_call(ctx, rt.known(), in->connector(), kind));
  auto fail = [&](const domain::error& e) {
    log_call(*info, &e);
    reactor->Finish(to_grpc_status(e, info->shown_connector(), domain::to_string(kind)));
    return reactor;
  };
  if (!accepting_calls()) return fail(shutting_down());
  // Who calls comes first: an unknown caller learns nothing about connectors or fields.
  if (auto allowed = authorize_call(sec, ctx); !allowed) return fail(allowed.err());
  auto conn = resolve_connector(rt, in->connector());
  if (!conn) return fail(conn.err());
  auto req = from_proto(*in);
  if (!req) return fail(req.err());
  // A method the connector does not declare never reaches it (or the processor).
  if constexpr (requires { req->method; }) {
    std::string_view currency, country;
    if constexpr (requires { req->amount.currency; }) currency = req->amount.currency;
    if constexpr (requires { req->order.billing; })
      if (req->order.billing) country = req->order.billing->country;
    info->method = method_summary(req->method);
    if (auto s = domain::check_method(**conn, req->method, currency, country); !s)
      return fail(s.err());
  }
  auto creds = resolve_credentials(rt, ctx, **conn);
  if (!creds) return fail(creds.err());
  auto fn = (*conn)->flows.*entry;
  if (!fn) return fail(domain::flow_not_offered(**conn, kind));
  auto* handle = rt.connector(in->connector());
  auto job = std::make_shared<actors::flow_job<Req, Res>>(
      [reactor, ctx, out, info, kind](domain::result<Res> r, const actors::flow_stats& stats) {
        // Retries are visible to the client, not only in the logs.
        ctx->AddTrailingMetadata("x-processor-attempts", std::to_string(stats.attempts));
        info->attempts = stats.attempts;
        if (r) {
          to_proto(r.value(), out);
          log_call(*info, nullptr);
          reactor->Finish(grpc::Status::OK);
        } else {
          log_call(*info, &r.err());
          reactor->Finish(
              to_grpc_status(r.err(), info->shown_connector(), domain::to_string(kind)));
        }
      });
  job->conn = *conn;
  job->fn = fn;
  job->kind = kind;
  job->request = std::move(req.value());
  job->creds = std::move(creds.value());
  job->deadline = deadline_of(ctx, rt.default_deadline());
  job->step_timeout = handle->request_timeout;
  job->pool = handle->pool;
  job->request_id = info->request_id;
  job->traceparent = info->traceparent;
  job->account = merchant_account_of(ctx);
  // Charges the processor cannot de-duplicate run under a marker in Redis (charge_marker.hpp).
  std::optional<actors::charge_marker_claim> claim;
  if constexpr (requires {
                  job->request.merchant_reference;
                  job->request.idempotency_key;
                })
    claim = actors::charge_marker_for(*handle, kind, job->request.merchant_reference,
                                      job->request.idempotency_key, job->creds, job->deadline,
                                      job->request_id);
  actors::start_flow(rt.system(), std::move(job), std::move(claim));
  return reactor;
}

}  // namespace cs::api
