#include "actors/webhook_verify.hpp"

#include <fmt/format.h>
#include <caf/all.hpp>

#include <memory>

#include "actors/flow.hpp"

namespace cs::actors {
namespace {

// The flow's request: the connector's call and the delivery it verifies.
struct processor_check {
  const domain::webhook_verify_call* call = nullptr;
  domain::webhook_request delivery;
};

// Two steps as any flow: the verification call, then the verdict and — verified — the events.
domain::step_result<domain::webhook_result> check_step(const processor_check& c,
                                                       const domain::flow_context& ctx) {
  using step = domain::step<domain::webhook_result>;
  if (ctx.first()) {
    auto req = c.call->request(c.delivery, ctx.creds);
    if (!req) return std::move(req).err();
    return step{std::move(*req)};
  }
  if (auto verdict = c.call->read(*ctx.last_reply()); !verdict) return std::move(verdict).err();
  auto events = c.call->events(c.delivery);
  if (!events) return std::move(events).err();
  return step{std::move(*events)};
}

// Only a verdict — or the connector's reading of a verified body — may refuse a delivery; every
// other failure is "no verdict": UNAVAILABLE, so that the processor redelivers. That includes an
// OUTCOME_UNKNOWN (the call changes nothing at the processor), a deadline and a refused token.
domain::error without_verdict(domain::error e) {
  bool refused = (e.code == domain::error_code::unauthenticated &&
                  e.reason == domain::reason::bad_signature) ||
                 e.code == domain::error_code::invalid_argument;
  if (refused || e.code == domain::error_code::unavailable) return e;
  e.code = domain::error_code::unavailable;
  e.message = fmt::format(
      "the processor's verdict on the webhook could not be had ({}); the "
      "processor will redeliver it",
      e.message);
  e.retryable = true;
  return e;
}

}  // namespace

domain::status precheck_by_processor(const webhook_job& job) {
  if (!job.conn || !job.conn->webhook_verify)
    return domain::make_error(domain::error_code::failed_precondition,
                              domain::reason::not_supported_by_processor,
                              fmt::format("{} does not verify webhooks by API: set the merchant "
                                          "account's webhook_verification to \"local\"",
                                          job.connector));
  return job.conn->webhook_verify->check(job.request);
}

void verify_by_processor(caf::actor_system& sys, const webhook_job& job, std::uint64_t id,
                         std::function<void(webhook_outcome)> done) {
  using check_job = flow_job<processor_check, domain::webhook_result>;
  auto fj = std::make_shared<check_job>(
      [done = std::move(done)](domain::result<domain::webhook_result> r, const flow_stats&) {
        done(r ? webhook_outcome(std::move(r)) : webhook_outcome(without_verdict(r.err())));
      });
  const auto& api = *job.api;
  fj->conn = job.conn;
  fj->fn = &check_step;
  fj->kind = domain::flow::webhook;
  fj->request = processor_check{job.conn->webhook_verify, job.request};
  fj->creds = api.creds;
  fj->deadline = std::chrono::steady_clock::now() + api.budget;
  fj->step_timeout = api.step_timeout;
  fj->pool = api.pool;
  fj->request_id = fmt::format("webhook-{}-{}", job.connector, id);
  fj->account = api.account;
  sys.spawn(flow_actor<processor_check, domain::webhook_result>, std::move(fj));
}

}  // namespace cs::actors
