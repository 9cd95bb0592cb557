#include "actors/webhook.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <unordered_map>

#include "actors/messages.hpp"
#include "connectors/registry.hpp"
#include "transport/http/event_json.hpp"
#include "transport/log.hpp"
#include "transport/metrics/registry.hpp"

namespace cs::actors {
namespace {

using relayed_atom = caf::atom_constant<caf::atom("relayed")>;

webhook_outcome verify(const webhook_job& job) {
  auto* conn = connectors::find(job.connector);
  if (!conn)
    return domain::invalid_argument("connector",
                                    fmt::format("unknown connector '{}'", job.connector));
  auto r = conn->handle_webhook(job.request);
  transport::metrics().webhooks.add({job.connector, r ? "verified" : "rejected"});
  if (r)
    transport::component_log("webhook")->info("connector={} webhook verified: {} event(s)",
                                              job.connector, r->events.size());
  else
    transport::component_log("webhook")->warn("connector={} webhook rejected: {} ({})",
                                              job.connector, r.err().message, r.err().reason);
  return r;
}

struct pending_relay {
  caf::response_promise promise;
  domain::webhook_result result;
  std::string connector;
};

struct webhook_state {
  std::shared_ptr<transport::http_client> client;
  std::shared_ptr<const relay_config> cfg;
  std::unordered_map<std::uint64_t, pending_relay> waiting;
  std::uint64_t next_id = 0;
  static inline const char* name = "webhook";
};

caf::behavior webhook_actor(caf::stateful_actor<webhook_state>* self,
                            std::shared_ptr<transport::http_client> client,
                            std::shared_ptr<const relay_config> cfg) {
  self->state.client = std::move(client);
  self->state.cfg = std::move(cfg);
  return {
      [](webhook_atom, webhook_job& job) -> webhook_outcome { return verify(job); },
      [self](relay_atom, webhook_job& job) -> caf::result<webhook_outcome> {
        auto r = verify(job);
        auto& st = self->state;
        if (!r || !st.cfg->sink) return r;
        domain::http_request req;
        req.base = "sink";
        req.target = st.cfg->sink->base_path.empty() ? "/" : "";
        req.body = transport::events_to_json(job.connector, r->events);
        auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        req.headers.push_back(
            {"X-Connector-Signature",
             transport::sink_signature(st.cfg->signing_key.reveal(), req.body, now), true});
        req.headers.push_back({"X-Connector-Name", job.connector, false});
        auto id = st.next_id++;
        auto rp = self->make_response_promise();
        st.waiting.emplace(id, pending_relay{rp, std::move(r.value()), job.connector});
        caf::actor me = caf::actor_cast<caf::actor>(self);
        st.client->send(*st.cfg->sink, std::move(req), st.cfg->timeout, [me, id](http_outcome out) {
          caf::anon_send(me, relayed_atom::value, id, std::move(out));
        });
        return rp;
      },
      [self](relayed_atom, std::uint64_t id, http_outcome& out) {
        auto it = self->state.waiting.find(id);
        if (it == self->state.waiting.end()) return;
        auto& p = it->second;
        transport::metrics().webhooks.add(
            {p.connector, out && out->status / 100 == 2 ? "relayed" : "relay_failed"});
        if (out && out->status / 100 == 2) {
          transport::component_log("webhook")->info("connector={} relayed {} event(s) to the sink",
                                                    p.connector, p.result.events.size());
          p.promise.deliver(webhook_outcome(std::move(p.result)));
        } else {
          auto why =
              out ? fmt::format("the sink answered HTTP {}", out->status) : out.err().message;
          transport::component_log("webhook")->warn(
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

domain::result<caf::actor> spawn_webhook_actor(caf::actor_system& sys, boost::asio::io_context& io,
                                               relay_config cfg) {
  std::shared_ptr<transport::http_client> client;
  if (cfg.sink) {
    auto c = transport::http_client::create(io, cfg.client);
    if (!c) return std::move(c).err();
    client = std::move(c.value());
  }
  return sys.spawn(webhook_actor, std::move(client),
                   std::make_shared<const relay_config>(std::move(cfg)));
}

}  // namespace cs::actors
