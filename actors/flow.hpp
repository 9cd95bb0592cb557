#pragma once
// One short-lived actor per call. It walks the flow's steps: asks the connector (pure) for the
// next request, sends it through the connector's pool, feeds the reply back, until the connector
// answers a result. The completion callback runs exactly once, even if the actor dies.

#include <caf/all.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "actors/interfaces.hpp"
#include "actors/messages.hpp"
#include "actors/pool_errors.hpp"
#include "domain/connector.hpp"

namespace cs::actors {

// Logs a finished step without card data or credentials (defined in flow.cpp).
void log_step(std::string_view connector, domain::flow flow, std::size_t step,
              const domain::http_request& req, const pool_reply& reply,
              std::chrono::steady_clock::duration took, std::string_view request_id);

domain::error deadline_before_step(std::string_view connector, domain::flow flow, std::size_t step);
// Adds "(step N of the <flow> flow)" to a failure of a multi-step flow, or to any flow's
// deadline failure, so that the caller knows how far it got.
void annotate_step(domain::error& e, domain::flow flow, std::size_t step);

// What the caller learns about a finished flow besides its result.
struct flow_stats {
  int attempts = 0;  // processor calls made, retries included
};

template <class Req, class Res>
struct flow_job {
  using step_fn = domain::flow_fn<Req, Res>;
  using completion = std::function<void(domain::result<Res>, const flow_stats&)>;

  const domain::connector* conn = nullptr;
  step_fn fn = nullptr;
  domain::flow kind = domain::flow::authorize;
  Req request;
  domain::credentials creds;
  std::chrono::steady_clock::time_point deadline;
  std::chrono::milliseconds step_timeout{10000};
  pool_actor pool;
  std::string request_id;
  std::string traceparent;  // W3C trace context from the client, passed on to the processor
  std::string account;      // configured merchant account, for its own rate limit ("" = none)
  flow_stats stats;
  // Runs once, with the error (nullptr: a result), and must call `answer` once: the completion
  // waits for it. The charge marker's release hangs here (charge_marker.hpp), so a client that
  // retries right after a settled answer never finds the marker still held.
  std::function<void(const domain::error*, std::function<void()> answer)> on_finish;

  flow_job(completion done) : done_(std::move(done)) {}
  ~flow_job() {
    if (done_)
      finish(domain::make_error(domain::error_code::internal, domain::reason::flow_lost,
                                "the flow ended without a result"));
  }
  void finish(domain::result<Res> r) {
    if (!done_) return;
    auto d = std::move(done_);
    done_ = nullptr;
    if (!on_finish) {
      d(std::move(r), stats);
      return;
    }
    auto hook = std::move(on_finish);
    std::optional<domain::error> e;
    if (!r) e = r.err();
    hook(e ? &*e : nullptr,
         [d = std::move(d), r = std::make_shared<domain::result<Res>>(std::move(r)),
          stats = stats] { d(std::move(*r), stats); });
  }

 private:
  completion done_;
};

template <class Req, class Res>
struct flow_state {
  std::shared_ptr<flow_job<Req, Res>> job;
  std::vector<domain::exchange> done;
  int last_attempts = 0;    // processor calls behind the latest exchange (retries included)
  bool have_token = false;  // connectors with a token_source: creds hold access_token
  bool refreshed = false;   // the token was refused once (401) and fetched anew
  static inline const char* name = "flow";
};

template <class Req, class Res>
void advance(flow_runner_actor::stateful_pointer<flow_state<Req, Res>> self);

// Connectors with a token_source: the pool's token for these credentials (cached there, fetched
// once for all flows that ask meanwhile) becomes the credential access_token; `refused` is the
// one the processor just answered 401 to.
template <class Req, class Res>
void fetch_token(flow_runner_actor::stateful_pointer<flow_state<Req, Res>> self,
                 std::string refused) {
  auto job = self->state.job;
  const auto& source = *job->conn->token;
  auto req = source.request(job->creds);
  if (!req) {
    job->finish(std::move(req).err());
    self->quit();
    return;
  }
  auto now = std::chrono::steady_clock::now();
  if (now >= job->deadline) {
    job->finish(deadline_before_step(job->conn->name, job->kind, self->state.done.size() + 1));
    self->quit();
    return;
  }
  req->headers.push_back({"X-Request-Id", job->request_id, false});
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(job->deadline - now);
  token_ask ask{source.cache_key(job->creds),
                outbound{std::move(*req), std::min(job->step_timeout, left), job->deadline,
                         job->account, "token", job->request_id},
                source.read, std::move(refused)};
  self->request(job->pool, caf::infinite, token_atom::value, std::move(ask))
      .then(
          [self](token_reply& r) {
            auto job = self->state.job;
            job->stats.attempts += r.attempts;
            if (!r.token) {
              auto e = std::move(r.token).err();
              e.message += " (while fetching the access token)";
              job->finish(std::move(e));
              self->quit();
              return;
            }
            job->creds.set(std::string(domain::access_token_key), std::move(*r.token));
            self->state.have_token = true;
            advance(self);
          },
          [self](caf::error&) {
            self->state.job->finish(pool_lost(self->state.job->conn->name));
            self->quit();
          });
}

template <class Req, class Res>
void advance(flow_runner_actor::stateful_pointer<flow_state<Req, Res>> self) {
  auto job = self->state.job;
  if (job->conn->token && !self->state.have_token) return fetch_token(self, {});
  auto step = job->fn(job->request, domain::flow_context{job->creds, self->state.done});
  auto step_no = self->state.done.size() + 1;
  if (!step) {
    auto e = std::move(step).err();
    // The connector judged the last reply; say that it was the last of several attempts.
    if (self->state.last_attempts > 1) note_attempts(e, self->state.last_attempts);
    job->finish(std::move(e));
    self->quit();
    return;
  }
  if (auto* res = std::get_if<Res>(&step.value())) {
    job->finish(std::move(*res));
    self->quit();
    return;
  }
  auto req = std::get<domain::http_request>(std::move(step.value()));
  auto now = std::chrono::steady_clock::now();
  if (now >= job->deadline) {
    job->finish(deadline_before_step(job->conn->name, job->kind, step_no));
    self->quit();
    return;
  }
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(job->deadline - now);
  auto timeout = std::min(job->step_timeout, left);
  // Correlation headers are added here, not by connectors: every processor call carries them.
  req.headers.push_back({"X-Request-Id", job->request_id, false});
  if (!job->traceparent.empty()) req.headers.push_back({"traceparent", job->traceparent, false});
  auto sent = std::make_shared<domain::http_request>(req);
  outbound o{std::move(req), timeout, job->deadline, job->account, domain::to_string(job->kind),
             job->request_id};
  self->request(job->pool, caf::infinite, send_atom::value, std::move(o))
      .then(
          [self, sent, now, step_no](pool_reply& reply) {
            auto job = self->state.job;
            job->stats.attempts += reply.attempts;
            self->state.last_attempts = reply.attempts;
            log_step(job->conn->name, job->kind, step_no, *sent, reply,
                     std::chrono::steady_clock::now() - now, job->request_id);
            auto& out = reply.outcome;
            if (!out) {
              auto e = std::move(out).err();
              if (step_no > 1 || e.code == domain::error_code::deadline_exceeded ||
                  e.reason == domain::reason::outcome_unknown)
                annotate_step(e, job->kind, step_no);
              job->finish(std::move(e));
              self->quit();
              return;
            }
            // A refused token (expired early, revoked): fetch a new one once and make the same
            // step again; a 401 means the call was not processed, so repeating it is safe.
            if (job->conn->token && out->status == 401 && !self->state.refreshed) {
              self->state.refreshed = true;
              self->state.have_token = false;
              auto refused = job->creds.find(domain::access_token_key);
              return fetch_token(self, refused ? refused->reveal() : std::string());
            }
            self->state.done.push_back({std::move(*sent), std::move(out.value())});
            advance(self);
          },
          [self](caf::error&) {
            self->state.job->finish(pool_lost(self->state.job->conn->name));
            self->quit();
          });
}

template <class Req, class Res>
flow_runner_actor::behavior_type flow_actor(
    flow_runner_actor::stateful_pointer<flow_state<Req, Res>> self,
    std::shared_ptr<flow_job<Req, Res>> job) {
  self->state.job = std::move(job);
  self->send(self, next_atom::value);
  return {[self](next_atom) { advance(self); }};
}

}  // namespace cs::actors
