#include "actors/webhook.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <optional>
#include <unordered_map>
#include <vector>

#include "actors/event_json.hpp"
#include "actors/messages.hpp"
#include "actors/metrics.hpp"
#include "actors/recent_events.hpp"
#include "obs/log.hpp"

namespace cs::actors {
namespace {

using relayed_atom = caf::atom_constant<caf::atom("relayed")>;

// The public webhook_handler_actor plus the sink's answer, sent by the relay's I/O completion: a
// handle of this type never leaves this file (spawn_webhook_actor narrows it).
using webhook_interface =
    webhook_handler_actor::extend<caf::reacts_to<relayed_atom, std::uint64_t, http_outcome>>;

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

struct webhook_state {
  std::shared_ptr<net::http_client> client;
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

webhook_interface::behavior_type webhook_actor(
    webhook_interface::stateful_pointer<webhook_state> self,
    std::shared_ptr<net::http_client> client, std::shared_ptr<const relay_config> cfg) {
  self->state.client = std::move(client);
  self->state.recent.emplace(cfg->dedupe_capacity, cfg->dedupe_window);
  self->state.cfg = std::move(cfg);
  return {
      [](webhook_atom, webhook_job& job) -> webhook_outcome { return verify(job); },
      [self](relay_atom, webhook_job& job) -> caf::result<webhook_outcome> {
        auto& st = self->state;
        if (!st.cfg->sink && !st.cfg->log_only)
          // Not acknowledged: the processor keeps the event and redelivers it once a sink is set.
          return webhook_outcome(domain::make_error(
              domain::error_code::unavailable, "WEBHOOK_RECEIVER_OFF",
              "the webhook receiver is off: set webhooks.sink_url, or webhooks.mode = "
              "\"log_only\" to acknowledge verified events after logging them"));
        auto r = verify(job);
        if (!r) return r;
        auto arrived = recent_events::clock::now();
        if (drop_redelivered(st, job, r.value(), arrived)) return r;  // all seen: acknowledged
        if (!st.cfg->sink) {
          remember(st, job.connector, job.account, r.value(), arrived);
          return r;
        }
        domain::http_request req;
        req.base = "sink";
        req.target = st.cfg->sink->base_path.empty() ? "/" : "";
        req.body = actors::events_to_json(job.connector, r->events);
        auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        req.headers.push_back({"X-Connector-Signature",
                               actors::sink_signature(st.cfg->signing_key.reveal(), req.body, now),
                               true});
        req.headers.push_back({"X-Connector-Name", job.connector, false});
        auto id = st.next_id++;
        auto rp = self->make_response_promise<webhook_outcome>();
        st.waiting.emplace(id, pending_relay{rp, std::move(r.value()), job.connector, job.account});
        webhook_interface me = self;
        st.client->send(*st.cfg->sink, std::move(req), st.cfg->timeout, [me, id](http_outcome out) {
          caf::anon_send(me, relayed_atom::value, id, std::move(out));
        });
        return rp;
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
              domain::make_error(domain::error_code::unavailable, "SINK_UNAVAILABLE",
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
  if (cfg.sink) {
    auto c = net::http_client::create(io, cfg.client);
    if (!c) return std::move(c).err();
    client = std::move(c.value());
  }
  return webhook_handler_actor(sys.spawn(webhook_actor, std::move(client),
                                         std::make_shared<const relay_config>(std::move(cfg))));
}

}  // namespace cs::actors
