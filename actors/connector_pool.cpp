#include "actors/connector_pool.hpp"

#include <fmt/format.h>
#include <caf/all.hpp>

#include <optional>
#include <unordered_map>

#include "actors/fetch_cache.hpp"
#include "actors/messages.hpp"
#include "actors/metrics.hpp"
#include "actors/pool_errors.hpp"
#include "obs/log.hpp"

namespace cs::actors {

// The shared buckets' answer for one call, from the Redis client's I/O thread.
struct pool_shared_verdict {
  std::optional<bucket_answer> answer;  // unset: Redis failed, admit locally
  std::string why;                      // the failure's name, for the fallback metric
  std::string message;
};

using shared_atom = caf::atom_constant<caf::atom("shared")>;  // Redis → pool: that answer

}  // namespace cs::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::pool_shared_verdict)

namespace cs::actors {
namespace {

using shared_verdict = pool_shared_verdict;

using clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

struct pending_call {
  outbound o;
  caf::typed_response_promise<pool_reply> rp;
  int attempts = 0;
  std::optional<http_outcome> last;  // the previous attempt's outcome while a retry waits
  bool maybe_applied = false;        // an attempt may have reached the processor
  bool queued = false;               // counted in the queued gauge
  bool waiting_token = false;        // counted against the rate-limit queue bound
  std::size_t client = 0;            // which client makes the current attempt
  clock::time_point queued_at{};
};

// One HTTP client (own strand, own keep-alive connections) and the calls it is making.
struct pool_client {
  std::shared_ptr<net::http_client> http;
  std::size_t in_flight = 0;
};

struct dispatcher_state {
  std::shared_ptr<const pool_config> cfg;
  std::vector<pool_client> clients;
  std::size_t next_client = 0;
  std::unordered_map<std::uint64_t, pending_call> calls;
  std::uint64_t next_id = 0;
  std::optional<token_bucket> bucket;
  std::map<std::string, token_bucket, std::less<>> account_buckets;
  std::map<std::string, circuit_breaker, std::less<>> breakers;  // by base URL name
  std::map<std::string, circuit_breaker::state, std::less<>> shown;
  std::optional<retry_budget> budget;
  std::size_t waiting_for_token = 0;
  std::mt19937_64 rng{std::random_device{}()};
  fetch_cache<caf::typed_response_promise<token_reply>> tokens;
  static inline const char* name = "connector_pool";
};

// The public pool_actor plus the dispatcher's messages to itself: a handle of this type never
// leaves this file (spawn_connector_pool narrows it), so only the dispatcher and its own timers
// and I/O completions can send these.
using dispatcher_interface = pool_actor::extend<
    caf::reacts_to<admit_atom, std::uint64_t>,    // a retry's backoff is over: rate limits again
    caf::reacts_to<attempt_atom, std::uint64_t>,  // a rate-limit token is due: try the endpoint
    caf::reacts_to<done_atom, std::uint64_t, clock::rep, http_outcome>,  // an attempt's outcome
    caf::reacts_to<shared_atom, std::uint64_t, shared_verdict>>;  // the shared buckets' answer
using dispatcher_actor = caf::stateful_actor<dispatcher_state, dispatcher_interface::base>;

// Flows can ask the pool for a call, and nothing else.
static_assert(caf::response_type<caf::signatures_of_t<pool_actor>, send_atom, outbound>::valid);
static_assert(!caf::response_type<caf::signatures_of_t<pool_actor>, done_atom, std::uint64_t,
                                  clock::rep, http_outcome>::valid);

void set_queued(dispatcher_state& st, pending_call& c, bool on) {
  if (c.queued == on) return;
  c.queued = on;
  metrics().queued.add({st.cfg->connector}, on ? 1 : -1);
  if (on) c.queued_at = clock::now();
}

circuit_breaker& breaker_for(dispatcher_state& st, const std::string& endpoint) {
  auto it = st.breakers.find(endpoint);
  if (it == st.breakers.end()) it = st.breakers.emplace(endpoint, st.cfg->breaker).first;
  return it->second;
}

// The gauge follows the breaker's state; only changes are written and logged.
void show_state(dispatcher_state& st, const std::string& endpoint, circuit_breaker& br,
                clock::time_point now) {
  auto s = br.current(now);
  auto [it, fresh] = st.shown.try_emplace(endpoint, circuit_breaker::state::closed);
  if (!fresh && it->second == s) return;
  if (!fresh || s != circuit_breaker::state::closed)
    obs::component_log("actors")->warn("connector={} endpoint={} circuit breaker {}",
                                       st.cfg->connector, endpoint, to_string(s));
  it->second = s;
  metrics().breaker_state.set({st.cfg->connector, endpoint},
                              static_cast<double>(static_cast<int>(s)));
}

void finish(dispatcher_actor* self, std::uint64_t id, http_outcome out) {
  auto& st = self->state;
  auto it = st.calls.find(id);
  if (it == st.calls.end()) return;
  auto& c = it->second;
  set_queued(st, c, false);
  if (c.waiting_token) --st.waiting_for_token;
  // The worst outcome across attempts wins: once one may have reached the processor, a later
  // attempt that never left (connect refused, breaker open, deadline) cannot make it "not sent".
  if (!out && c.maybe_applied && out.err().reason != domain::reason::outcome_unknown)
    out = http_outcome(outcome_unknown_after(st.cfg->connector, std::move(out).err()));
  // An unknown outcome because the call's own deadline ran out (the client's, when it set one)
  // says so: DEADLINE_EXCEEDED, as the client's gRPC library reports it anyway.
  if (!out && out.err().reason == domain::reason::outcome_unknown &&
      clock::now() + milliseconds(10) >= c.o.deadline) {
    auto e = std::move(out).err();
    e.code = domain::error_code::deadline_exceeded;
    out = http_outcome(std::move(e));
  }
  if (!out && c.attempts > 1) {
    auto e = std::move(out).err();
    note_attempts(e, c.attempts);
    out = http_outcome(std::move(e));
  }
  c.rp.deliver(pool_reply{std::move(out), c.attempts});
  st.calls.erase(it);
}

// Ends a call that cannot go on: with the previous attempt's outcome when this was a retry
// (more telling than why the retry could not happen), else with `why`.
void give_up(dispatcher_actor* self, std::uint64_t id, domain::error why) {
  auto& c = self->state.calls.at(id);
  if (c.last) return finish(self, id, std::move(*c.last));
  finish(self, id, std::move(why));
}

void on_result(dispatcher_actor* self, std::uint64_t id, http_outcome out, clock::time_point sent);

// Stage 2: the endpoint's circuit breaker, then one attempt on a worker.
void attempt(dispatcher_actor* self, std::uint64_t id) {
  auto& st = self->state;
  auto it = st.calls.find(id);
  if (it == st.calls.end()) return;
  auto& c = it->second;
  auto now = clock::now();
  if (c.waiting_token) {
    c.waiting_token = false;
    --st.waiting_for_token;
    metrics().rate_limit_wait_seconds.observe(
        {st.cfg->connector}, std::chrono::duration<double>(now - c.queued_at).count());
  }
  set_queued(st, c, false);
  if (now >= c.o.deadline) return give_up(self, id, deadline_passed(st.cfg->connector, c.attempts));
  auto base = st.cfg->base_urls.find(c.o.request.base);
  if (base == st.cfg->base_urls.end())
    return finish(self, id,
                  domain::make_error(domain::error_code::internal, domain::reason::internal,
                                     fmt::format("connector '{}' has no base URL named '{}'",
                                                 st.cfg->connector, c.o.request.base)));
  auto& br = breaker_for(st, c.o.request.base);
  if (!br.allow(now)) {
    show_state(st, c.o.request.base, br, now);
    metrics().breaker_rejections.add({st.cfg->connector, c.o.request.base});
    return give_up(self, id,
                   breaker_open(st.cfg->connector, c.o.request.base, st.cfg->breaker,
                                duration_cast<milliseconds>(br.open_remaining(now))));
  }
  show_state(st, c.o.request.base, br, now);
  auto left = duration_cast<milliseconds>(c.o.deadline - now);
  ++c.attempts;
  c.client = st.next_client++ % st.clients.size();
  auto& client = st.clients[c.client];
  auto& m = metrics();
  m.in_flight.add({st.cfg->connector}, 1);
  if (client.in_flight++ == 0) m.busy_workers.add({st.cfg->connector}, 1);
  // The completion runs on an I/O thread: it comes back as a message (CAF 0.17 must not deliver
  // a promise from a foreign thread), straight to this dispatcher — no worker actor in between.
  dispatcher_interface me = self;
  client.http->send(base->second, c.o.request, std::min(c.o.timeout, left),
                    [me, id, sent = now.time_since_epoch().count()](http_outcome r) {
                      caf::anon_send(me, done_atom::value, id, sent, std::move(r));
                    });
}

// A call that waits for its reserved token: counted, queued, woken when the token is due.
void wait_for_token(dispatcher_actor* self, std::uint64_t id, pending_call& c,
                    std::string_view scope, clock::duration wait) {
  auto& st = self->state;
  metrics().rate_limit_waits.add({st.cfg->connector, scope});
  c.waiting_token = true;
  ++st.waiting_for_token;
  set_queued(st, c, true);
  self->delayed_send(self, wait, attempt_atom::value, id);
}

// Stage 1, local: this replica's buckets. A call without a token waits for its reservation
// (bounded queue), unless the wait would pass its deadline.
void admit_locally(dispatcher_actor* self, std::uint64_t id) {
  auto& st = self->state;
  auto& c = st.calls.at(id);
  auto now = clock::now();
  clock::duration wait{0};
  const rate_limit_config* binding = nullptr;
  std::string_view scope;
  std::vector<token_bucket*> reserved;
  auto take = [&](token_bucket& b, const rate_limit_config& cfg, std::string_view s) {
    auto w = b.reserve(now);
    reserved.push_back(&b);
    if (w > wait || !binding) {
      if (w > wait) wait = w;
      binding = &cfg;
      scope = s;
    }
  };
  if (st.bucket) take(*st.bucket, st.cfg->rate_limit, "connector");
  if (!c.o.account.empty())
    if (auto a = st.account_buckets.find(c.o.account); a != st.account_buckets.end())
      take(a->second, st.cfg->account_rate_limits.find(c.o.account)->second, "account");
  if (wait <= clock::duration::zero()) return attempt(self, id);
  bool queue_full = st.waiting_for_token >= binding->queue;
  if (queue_full || now + wait >= c.o.deadline) {
    for (auto* b : reserved) b->cancel();
    metrics().rate_limit_rejections.add({st.cfg->connector, scope});
    return give_up(self, id,
                   rate_limited(st.cfg->connector, scope, *binding,
                                duration_cast<milliseconds>(wait), queue_full));
  }
  wait_for_token(self, id, c, scope, wait);
}

// The limits that bind a call, in the order the shared script gets them: connector, account.
std::vector<std::pair<const rate_limit_config*, std::string_view>> limits_of(
    const dispatcher_state& st, const pending_call& c) {
  std::vector<std::pair<const rate_limit_config*, std::string_view>> out;
  if (st.bucket) out.emplace_back(&st.cfg->rate_limit, "connector");
  if (!c.o.account.empty() && st.account_buckets.contains(c.o.account))
    out.emplace_back(&st.cfg->account_rate_limits.find(c.o.account)->second, "account");
  return out;
}

// The call's buckets in Redis, in limits_of's order.
std::vector<shared_bucket> shared_buckets(const dispatcher_state& st, const pending_call& c) {
  std::vector<shared_bucket> buckets;
  for (auto [cfg, scope] : limits_of(st, c))
    buckets.push_back({scope == "connector"
                           ? connector_bucket_key(st.cfg->shared, st.cfg->connector)
                           : account_bucket_key(st.cfg->shared, st.cfg->connector, c.o.account),
                       cfg->per_second, cfg->burst});
  return buckets;
}

// Stage 1, shared: the replicas' buckets in Redis, asked without blocking; the verdict comes
// back as a message (shared_atom). The client answers within its command timeout, always.
void ask_shared(dispatcher_actor* self, std::uint64_t id) {
  auto& st = self->state;
  auto& c = st.calls.at(id);
  auto buckets = shared_buckets(st, c);
  // Reserve only a token the call can wait for: not when the local queue is full, nor past the
  // deadline (as admit_locally decides).
  bool queue_full = false;
  for (auto [cfg, scope] : limits_of(st, c)) queue_full |= st.waiting_for_token >= cfg->queue;
  auto left = std::chrono::duration_cast<std::chrono::microseconds>(c.o.deadline - clock::now());
  auto max_wait = queue_full ? std::chrono::microseconds(0) : left - std::chrono::microseconds(1);
  dispatcher_interface me = self;
  st.cfg->shared.redis->eval(
      bucket_script(), bucket_keys(buckets), bucket_args(buckets, max_wait),
      [me, id](net::redis_outcome o) {
        shared_verdict v;
        if (!o) {
          v.why = net::to_string(*o.failure);
          v.message = std::move(o.message);
        } else if (v.answer = read_bucket_answer(o.reply); !v.answer) {
          v.why = "bad_reply";
          v.message = "the token-bucket script answered something else than {reserved, wait, n}";
        }
        caf::anon_send(me, shared_atom::value, id, std::move(v));
      });
}

void on_shared(dispatcher_actor* self, std::uint64_t id, shared_verdict& v) {
  auto& st = self->state;
  auto it = st.calls.find(id);
  if (it == st.calls.end()) return;
  auto& c = it->second;
  if (!v.answer) {
    note_fallback("rate_limit", v.why, v.message);
    return admit_locally(self, id);
  }
  auto limits = limits_of(st, c);
  if (v.answer->binding >= limits.size()) {
    note_fallback("rate_limit", "bad_reply", "the script named a bucket it was not given");
    return admit_locally(self, id);
  }
  auto [binding, scope] = limits[v.answer->binding];
  auto wait = std::chrono::duration_cast<clock::duration>(v.answer->wait);
  bool queue_full = st.waiting_for_token >= binding->queue;
  if (v.answer->reserved) {
    if (wait <= clock::duration::zero()) return attempt(self, id);
    if (!queue_full) return wait_for_token(self, id, c, scope, wait);
    // Other calls' answers filled the queue meanwhile: give the token back, as locally.
    auto buckets = shared_buckets(st, c);
    st.cfg->shared.redis->eval(bucket_cancel_script(), bucket_keys(buckets),
                               bucket_cancel_args(buckets), [](net::redis_outcome) {});
  }
  metrics().rate_limit_rejections.add({st.cfg->connector, scope});
  give_up(self, id,
          rate_limited(st.cfg->connector, scope, *binding, duration_cast<milliseconds>(wait),
                       queue_full));
}

// Stage 1: the rate limits, shared through Redis when configured, else this replica's.
void admit(dispatcher_actor* self, std::uint64_t id) {
  auto& st = self->state;
  auto it = st.calls.find(id);
  if (it == st.calls.end()) return;
  auto& c = it->second;
  if (clock::now() >= c.o.deadline)
    return give_up(self, id, deadline_passed(st.cfg->connector, c.attempts));
  if (st.cfg->shared && !limits_of(st, c).empty()) return ask_shared(self, id);
  admit_locally(self, id);
}

void on_result(dispatcher_actor* self, std::uint64_t id, http_outcome out, clock::time_point sent) {
  auto& st = self->state;
  auto it = st.calls.find(id);
  if (it == st.calls.end()) return;
  auto& c = it->second;
  auto now = clock::now();
  auto& cfg = *st.cfg;
  auto& client = st.clients[c.client];
  metrics().in_flight.add({cfg.connector}, -1);
  if (--client.in_flight == 0) metrics().busy_workers.add({cfg.connector}, -1);
  record_attempt(cfg.connector, c.o.flow, c.attempts, out, now - sent);
  auto& br = breaker_for(st, c.o.request.base);
  // A call that waited locally for a connection until its deadline says nothing of the endpoint.
  if (!out && out.err().reason == domain::reason::deadline_before_send)
    br.record_not_sent(now);
  else
    br.record(out && out->status < 500, now);
  show_state(st, c.o.request.base, br, now);
  if ((!out && out.err().reason == domain::reason::outcome_unknown) || (out && out->status >= 500))
    c.maybe_applied = true;
  auto verdict = classify(c.o.request, out);
  if (!verdict.retry || c.attempts >= cfg.retry.max_attempts)
    return finish(self, id, std::move(out));
  auto delay = backoff_delay(cfg.retry, c.attempts, st.rng);
  if (verdict.server_delay && *verdict.server_delay > delay) delay = *verdict.server_delay;
  std::string_view skip;
  if (now + delay >= c.o.deadline)
    skip = "no time left before the deadline";
  else if (!st.budget->try_spend(now))
    skip = "the connector's retry budget is spent";
  log_retry(cfg.connector, c.o, c.attempts, cfg.retry.max_attempts, out, verdict.reason, delay,
            skip);
  if (!skip.empty()) return finish(self, id, std::move(out));
  metrics().retries.add({cfg.connector, verdict.reason});
  c.last = std::move(out);
  set_queued(st, c, true);
  self->delayed_send(self, delay, admit_atom::value, id);
}

// An access token from the cache, or from one fetch shared by every flow that asks meanwhile. The
// fetch goes through this pool like any call (rate limits, breaker, retries), as a request to
// itself; its reply is read with the connector's function and never logged.
caf::result<token_reply> ask_token(dispatcher_actor* self, token_ask& ask) {
  auto& st = self->state;
  if (!ask.refused.empty()) st.tokens.refuse(ask.key, ask.refused);
  if (auto t = st.tokens.fresh(ask.key, clock::now())) return token_reply{std::move(*t), 0};
  auto rp = self->make_response_promise<token_reply>();
  if (!st.tokens.wait(ask.key, rp)) return rp;
  dispatcher_interface me = self;
  self->request(me, caf::infinite, send_atom::value, std::move(ask.fetch))
      .then(
          [self, key = ask.key, read = ask.read](pool_reply& r) {
            auto& st = self->state;
            token_reply out{domain::error{}, r.attempts};
            if (!r.outcome) {
              out.token = std::move(r.outcome).err();
            } else if (auto t = read(*r.outcome); !t) {
              out.token = std::move(t).err();
            } else {
              st.tokens.store(key, t->value.reveal(), t->lifetime, clock::now());
              out.token = t->value.reveal();
            }
            for (auto& w : st.tokens.take_waiters(key)) w.deliver(out);
          },
          [self, key = ask.key](caf::error&) {
            for (auto& w : self->state.tokens.take_waiters(key))
              w.deliver(token_reply{pool_lost(self->state.cfg->connector), 0});
          });
  return rp;
}

dispatcher_interface::behavior_type dispatcher(
    dispatcher_actor* self, std::shared_ptr<const pool_config> cfg,
    std::vector<std::shared_ptr<net::http_client>> clients) {
  auto& st = self->state;
  for (auto& c : clients) st.clients.push_back({std::move(c), 0});
  st.cfg = cfg;
  st.budget.emplace(cfg->retry);
  if (cfg->rate_limit.per_second > 0)
    st.bucket.emplace(cfg->rate_limit.per_second, cfg->rate_limit.burst);
  for (auto& [name, rl] : cfg->account_rate_limits)
    if (rl.per_second > 0) st.account_buckets.emplace(name, token_bucket(rl.per_second, rl.burst));
  return {
      [=](send_atom, outbound& o) -> caf::result<pool_reply> {
        auto& st = self->state;
        if (st.calls.size() >= st.cfg->max_in_flight) {
          metrics().overload_rejections.add({st.cfg->connector});
          return pool_reply{overloaded(st.cfg->connector, st.cfg->max_in_flight), 0};
        }
        st.budget->on_first_attempt(clock::now());
        auto id = st.next_id++;
        auto rp = self->make_response_promise<pool_reply>();
        st.calls.emplace(id, pending_call{std::move(o), rp});
        admit(self, id);
        return rp;
      },
      [=](token_atom, token_ask& ask) -> caf::result<token_reply> { return ask_token(self, ask); },
      [=](admit_atom, std::uint64_t id) { admit(self, id); },
      [=](attempt_atom, std::uint64_t id) { attempt(self, id); },
      [=](done_atom, std::uint64_t id, clock::rep sent, http_outcome& out) {
        on_result(self, id, std::move(out), clock::time_point(clock::duration(sent)));
      },
      [=](shared_atom, std::uint64_t id, shared_verdict& v) { on_shared(self, id, v); },
  };
}

}  // namespace

domain::result<pool_actor> spawn_connector_pool(caf::actor_system& sys, boost::asio::io_context& io,
                                                pool_config cfg) {
  if (cfg.workers == 0)
    return domain::invalid_argument(fmt::format("connectors.{}.pool_size", cfg.connector),
                                    "must be at least 1");
  metrics().pool_workers.set({cfg.connector}, static_cast<double>(cfg.workers));
  metrics().queued.set({cfg.connector}, 0);
  for (auto& [name, ep] : cfg.base_urls) metrics().breaker_state.set({cfg.connector, name}, 0);
  auto shared = std::make_shared<const pool_config>(std::move(cfg));
  std::vector<std::shared_ptr<net::http_client>> clients;
  for (std::size_t i = 0; i < shared->workers; ++i) {
    auto client = net::http_client::create(io, shared->client);
    if (!client) return std::move(client).err();
    clients.emplace_back(std::move(client.value()));
  }
  return pool_actor(sys.spawn(dispatcher, shared, std::move(clients)));
}

}  // namespace cs::actors
