#include "actors/webhook.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <vector>

#include "actors/messages.hpp"
#include "actors/metrics.hpp"
#include "actors/sink_signature.hpp"
#include "actors/webhook_parts.hpp"
#include "obs/log.hpp"

namespace cs::actors {
namespace webhook_parts {
namespace {

webhook_outcome verify(const webhook_job& job) {
  const auto* conn = job.conn;
  if (!conn)
    return domain::invalid_argument("connector",
                                    fmt::format("unknown connector '{}'", job.connector));
  if (!conn->handle_webhook) return domain::flow_not_offered(*conn, domain::flow::webhook);
  webhook_outcome r = conn->handle_webhook(job.request);
  judged(job, r, "locally");
  return r;
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

}  // namespace

void remember(webhook_state& st, const std::string& connector, const std::string& account,
              const domain::webhook_result& r, recent_events::clock::time_point now) {
  for (const auto& e : r.events)
    if (!e.event_id.empty())
      st.recent->record(recent_events::key(connector, account, e.event_id), now);
}

void judged(const webhook_job& job, const webhook_outcome& r, std::string_view how) {
  auto log = obs::component_log("webhook");
  if (!r && r.err().code == domain::error_code::unavailable) {  // no verdict: redelivered
    log->warn("connector={} webhook not verified ({}): {} ({})", job.connector, how,
              r.err().message, r.err().reason);
    return;
  }
  metrics().webhooks.add({job.connector, r ? "verified" : "rejected"});
  if (r)
    log->info("connector={} webhook verified ({}): {} event(s)", job.connector, how,
              r->events.size());
  else
    log->warn("connector={} webhook rejected ({}): {} ({})", job.connector, how, r.err().message,
              r.err().reason);
}

void deliver(webhook_self self, const webhook_job& job, webhook_outcome r, bool relay,
             caf::typed_response_promise<webhook_outcome> rp) {
  auto& st = self->state;
  if (!relay || !r) {
    rp.deliver(std::move(r));
    return;
  }
  if (drop_redelivered(st, job, r.value(),
                       recent_events::clock::now())) {  // all seen: acknowledged
    rp.deliver(std::move(r));
    return;
  }
  // Across replicas (webhook_dedupe.cpp), then relay_events when something is left.
  if (ask_shared_dedupe(self, job.connector, job.account, r.value(), rp)) return;
  relay_events(self, job.connector, job.account, std::move(r.value()), rp, {});
}

void relay_events(webhook_self self, const std::string& connector, const std::string& account,
                  domain::webhook_result r, caf::typed_response_promise<webhook_outcome> rp,
                  std::vector<std::string> claimed) {
  auto& st = self->state;
  if (!st.cfg->sink) {
    remember(st, connector, account, r, recent_events::clock::now());
    commit_shared(st, claimed);
    rp.deliver(webhook_outcome(std::move(r)));
    return;
  }
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  auto req = sink_request(connector, st.cfg->encode(connector, account, r.events),
                          st.cfg->signing_key.reveal(), st.cfg->sink->base_path.empty(), now);
  auto id = st.next_id++;
  st.waiting.emplace(id, pending_relay{rp, std::move(r), connector, account, std::move(claimed)});
  webhook_interface me = self;
  st.client->send(*st.cfg->sink, std::move(req), st.cfg->timeout, [me, id](http_outcome out) {
    caf::anon_send(me, relayed_atom::value, id, std::move(out));
  });
}

void finish_job(webhook_self self, webhook_job job, bool relay,
                caf::typed_response_promise<webhook_outcome> rp) {
  auto r = verify(job);
  deliver(self, job, std::move(r), relay, rp);
}

}  // namespace webhook_parts

namespace {

using namespace webhook_parts;

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
      [self](verdict_atom, std::uint64_t id, webhook_outcome& r) {
        auto it = self->state.verifying.find(id);
        if (it == self->state.verifying.end()) return;
        auto p = std::move(it->second);
        self->state.verifying.erase(it);
        judged(p.job, r, "by the processor");
        deliver(self, p.job, std::move(r), p.relay, p.promise);
      },
      [self](fetched_atom, std::string& url, http_outcome& out) {
        fetched(self, url, std::move(out));
      },
      [self](claimed_atom, std::uint64_t id, claim_verdict& v) { on_claimed(self, id, v); },
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
          commit_shared(self->state, p.claimed);
          p.promise.deliver(webhook_outcome(std::move(p.result)));
        } else {
          auto why =
              out ? fmt::format("the sink answered HTTP {}", out->status) : out.err().message;
          obs::component_log("webhook")->warn(
              "connector={} relay failed, the processor will redeliver: {}", p.connector, why);
          release_shared(self->state, p.claimed);
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
