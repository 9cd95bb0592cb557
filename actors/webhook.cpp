#include "actors/webhook.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <optional>
#include <unordered_map>
#include <vector>

#include "actors/fetch_cache.hpp"
#include "actors/messages.hpp"
#include "actors/metrics.hpp"
#include "actors/recent_events.hpp"
#include "actors/sink_signature.hpp"
#include "obs/log.hpp"

namespace cs::actors {
namespace {

using relayed_atom = caf::atom_constant<caf::atom("relayed")>;
using fetched_atom = caf::atom_constant<caf::atom("fetched")>;

// The public webhook_handler_actor plus the sink's answer, sent by the relay's I/O completion: a
// handle of this type never leaves this file (spawn_webhook_actor narrows it).
using webhook_interface =
    webhook_handler_actor::extend<caf::reacts_to<relayed_atom, std::uint64_t, http_outcome>,
                                  caf::reacts_to<fetched_atom, std::string, http_outcome>>;

static_assert(!caf::response_type<caf::signatures_of_t<webhook_handler_actor>, relayed_atom,
                                  std::uint64_t, http_outcome>::valid);

webhook_outcome verify(const webhook_job& job) {
  const auto* conn = job.conn;
  if (!conn)
    return domain::invalid_argument("connector",
                                    fmt::format("unknown connector '{}'", job.connector));
  if (!conn->handle_webhook) return domain::flow_not_offered(*conn, domain::flow::webhook);
  auto r = conn->handle_webhook(job.request);
  metrics().webhooks.add({job.connector, r ? "verified" : "rejected"});
  if (r)
    obs::component_log("webhook")->info("connector={} webhook verified: {} event(s)", job.connector,
                                        r->events.size());
  else
    obs::component_log("webhook")->warn("connector={} webhook rejected: {} ({})", job.connector,
                                        r.err().message, r.err().reason);
  return r;
}

struct pending_relay {
  caf::typed_response_promise<webhook_outcome> promise;
  domain::webhook_result result;
  std::string connector;
  std::string account;
};

// A delivery waiting for the document its connector's check needs.
struct parked_job {
  webhook_job job;
  bool relay = false;
  caf::typed_response_promise<webhook_outcome> promise;
};

struct webhook_state {
  std::shared_ptr<net::http_client> client;   // the sink's (when one is configured)
  std::shared_ptr<net::http_client> fetcher;  // documents from processors (signing certificates)
  fetch_cache<parked_job> documents;
  std::shared_ptr<const relay_config> cfg;
  std::optional<recent_events> recent;
  std::unordered_map<std::uint64_t, pending_relay> waiting;
  std::uint64_t next_id = 0;
  static inline const char* name = "webhook";
};

void remember(webhook_state& st, const std::string& connector, const std::string& account,
              const domain::webhook_result& r, recent_events::clock::time_point now) {
  for (const auto& e : r.events)
    if (!e.event_id.empty())
      st.recent->record(recent_events::key(connector, account, e.event_id), now);
}

// Removes events already relayed within the window; true when none is left (and there was one).
bool drop_redelivered(webhook_state& st, const webhook_job& job, domain::webhook_result& r,
                      recent_events::clock::time_point now) {
  auto& ev = r.events;
  auto before = ev.size();
  std::erase_if(ev, [&](const domain::webhook_event& e) {
    return !e.event_id.empty() &&
           st.recent->seen(recent_events::key(job.connector, job.account, e.event_id), now);
  });
  auto dropped = before - ev.size();
  if (dropped == 0) return false;
  metrics().webhooks.add({job.connector, "duplicate"}, static_cast<double>(dropped));
  obs::component_log("webhook")->info(
      "connector={} {} redelivered event(s) already relayed: acknowledged, not relayed again",
      job.connector, dropped);
  return ev.empty();
}

using webhook_self = webhook_interface::stateful_pointer<webhook_state>;

// Verifies the job and answers `rp`: at once, or — relaying — when the sink has answered.
void finish_job(webhook_self self, webhook_job job, bool relay,
                caf::typed_response_promise<webhook_outcome> rp) {
  auto& st = self->state;
  auto r = verify(job);
  if (!relay || !r) {
    rp.deliver(std::move(r));
    return;
  }
  auto arrived = recent_events::clock::now();
  if (drop_redelivered(st, job, r.value(), arrived)) {  // all seen: acknowledged
    rp.deliver(std::move(r));
    return;
  }
  if (!st.cfg->sink) {
    remember(st, job.connector, job.account, r.value(), arrived);
    rp.deliver(std::move(r));
    return;
  }
  domain::http_request req;
  req.base = "sink";
  req.target = st.cfg->sink->base_path.empty() ? "/" : "";
  req.body = st.cfg->encode(job.connector, job.account, r->events);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  req.headers.push_back({"X-Connector-Signature",
                         actors::sink_signature(st.cfg->signing_key.reveal(), req.body, now),
                         true});
  req.headers.push_back({"X-Connector-Name", job.connector, false});
  auto id = st.next_id++;
  st.waiting.emplace(id, pending_relay{rp, std::move(r.value()), job.connector, job.account});
  webhook_interface me = self;
  st.client->send(*st.cfg->sink, std::move(req), st.cfg->timeout, [me, id](http_outcome out) {
    caf::anon_send(me, relayed_atom::value, id, std::move(out));
  });
}

// The document the job's connector needs before its check (PayPal's signing certificate): from
// the cache, or fetched once for every delivery that needs it meanwhile.
caf::result<webhook_outcome> take(webhook_self self, webhook_job job, bool relay) {
  const auto* fetch = job.conn ? job.conn->webhook_fetch : nullptr;
  std::optional<std::string> url;
  if (fetch) {
    auto u = fetch->url(job.request);
    if (!u) {  // answered at once: no promise may be made before this return
      metrics().webhooks.add({job.connector, "rejected"});
      obs::component_log("webhook")->warn("connector={} webhook rejected: {} ({})", job.connector,
                                          u.err().message, u.err().reason);
      return webhook_outcome(std::move(u).err());
    }
    url = std::move(*u);
  }
  auto rp = self->make_response_promise<webhook_outcome>();
  if (!url) {
    finish_job(self, std::move(job), relay, rp);
    return rp;
  }
  auto& st = self->state;
  if (auto doc = st.documents.fresh(*url, std::chrono::steady_clock::now())) {
    job.request.document = std::move(*doc);
    finish_job(self, std::move(job), relay, rp);
    return rp;
  }
  if (!st.documents.wait(*url, parked_job{std::move(job), relay, rp})) return rp;
  auto ep = net::parse_endpoint(*url, "the webhook's document URL");
  if (!ep) {
    caf::anon_send(webhook_interface(self), fetched_atom::value, *url,
                   http_outcome(std::move(ep).err()));
    return rp;
  }
  domain::http_request req;
  req.method = domain::http_method::get;
  req.target = ep->base_path.empty() ? "/" : "";
  req.content_type.clear();
  webhook_interface me = self;
  st.fetcher->send(*ep, std::move(req), st.cfg->timeout, [me, u = *url](http_outcome out) {
    caf::anon_send(me, fetched_atom::value, u, std::move(out));
  });
  return rp;
}

// The fetch ended: cache a document, then finish every delivery that waited for it. A failure is
// UNAVAILABLE for each (the receiver answers 502 and the processor redelivers) and not cached.
void fetched(webhook_self self, const std::string& url, http_outcome out) {
  auto& st = self->state;
  std::optional<domain::error> failure;
  if (!out)
    failure = std::move(out).err();
  else if (out->status != 200)
    failure = domain::make_error(domain::error_code::unavailable, domain::reason::processor_error,
                                 fmt::format("HTTP {}", out->status));
  auto parked = st.documents.take_waiters(url);
  if (failure) {
    obs::component_log("webhook")->warn("cannot fetch the webhook document {}: {}", url,
                                        failure->message);
    for (auto& p : parked)
      p.promise.deliver(webhook_outcome(domain::make_error(
          domain::error_code::unavailable, domain::reason::processor_error,
          fmt::format("the processor's signing certificate could not be fetched ({}); the "
                      "processor will redeliver",
                      failure->message))));
    return;
  }
  if (!parked.empty() && parked.front().job.conn && parked.front().job.conn->webhook_fetch)
    st.documents.store(url, out->body, parked.front().job.conn->webhook_fetch->keep,
                       std::chrono::steady_clock::now());
  for (auto& p : parked) {
    p.job.request.document = out->body;
    finish_job(self, std::move(p.job), p.relay, p.promise);
  }
}

webhook_interface::behavior_type webhook_actor(webhook_self self,
                                               std::shared_ptr<net::http_client> client,
                                               std::shared_ptr<net::http_client> fetcher,
                                               std::shared_ptr<const relay_config> cfg) {
  self->state.client = std::move(client);
  self->state.fetcher = std::move(fetcher);
  self->state.recent.emplace(cfg->dedupe_capacity, cfg->dedupe_window);
  self->state.cfg = std::move(cfg);
  return {
      [self](webhook_atom, webhook_job& job) -> caf::result<webhook_outcome> {
        return take(self, std::move(job), false);
      },
      [self](relay_atom, webhook_job& job) -> caf::result<webhook_outcome> {
        if (!self->state.cfg->sink && !self->state.cfg->log_only)
          // Not acknowledged: the processor keeps the event and redelivers it once a sink is set.
          return webhook_outcome(domain::make_error(
              domain::error_code::unavailable, domain::reason::webhook_receiver_off,
              "the webhook receiver is off: set webhooks.sink_url, or webhooks.mode = "
              "\"log_only\" to acknowledge verified events after logging them"));
        return take(self, std::move(job), true);
      },
      [self](fetched_atom, std::string& url, http_outcome& out) {
        fetched(self, url, std::move(out));
      },
      [self](relayed_atom, std::uint64_t id, http_outcome& out) {
        auto it = self->state.waiting.find(id);
        if (it == self->state.waiting.end()) return;
        auto& p = it->second;
        metrics().webhooks.add(
            {p.connector, out && out->status / 100 == 2 ? "relayed" : "relay_failed"});
        if (out && out->status / 100 == 2) {
          obs::component_log("webhook")->info("connector={} relayed {} event(s) to the sink",
                                              p.connector, p.result.events.size());
          remember(self->state, p.connector, p.account, p.result, recent_events::clock::now());
          p.promise.deliver(webhook_outcome(std::move(p.result)));
        } else {
          auto why =
              out ? fmt::format("the sink answered HTTP {}", out->status) : out.err().message;
          obs::component_log("webhook")->warn(
              "connector={} relay failed, the processor will redeliver: {}", p.connector, why);
          p.promise.deliver(webhook_outcome(
              domain::make_error(domain::error_code::unavailable, domain::reason::sink_unavailable,
                                 fmt::format("verified, but not relayed: {}", why))));
        }
        self->state.waiting.erase(it);
      },
  };
}

}  // namespace

domain::result<webhook_handler_actor> spawn_webhook_actor(caf::actor_system& sys,
                                                          boost::asio::io_context& io,
                                                          relay_config cfg) {
  std::shared_ptr<net::http_client> client;
  if (cfg.sink && !cfg.encode)
    return domain::make_error(domain::error_code::internal, domain::reason::internal,
                              "webhooks.sink_url is set but no relay encoder was given");
  if (cfg.sink) {
    auto c = net::http_client::create(io, cfg.client);
    if (!c) return std::move(c).err();
    client = std::move(c.value());
  }
  auto fetcher_options = cfg.client;
  fetcher_options.name = "webhook_documents";
  auto fetcher = net::http_client::create(io, fetcher_options);
  if (!fetcher) return std::move(fetcher).err();
  return webhook_handler_actor(sys.spawn(webhook_actor, std::move(client),
                                         std::move(fetcher.value()),
                                         std::make_shared<const relay_config>(std::move(cfg))));
}

}  // namespace cs::actors
