#include "actors/webhook.hpp"

#include <caf/all.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "actors/messages.hpp"
#include "connectors/registry.hpp"

namespace cs::actors {
namespace {

caf::behavior webhook_actor(caf::event_based_actor* self) {
  return {
      [](webhook_atom, webhook_job& job) -> webhook_outcome {
        auto* conn = connectors::find(job.connector);
        if (!conn)
          return domain::invalid_argument("connector",
                                          fmt::format("unknown connector '{}'", job.connector));
        auto r = conn->handle_webhook(job.request);
        if (r)
          spdlog::info("connector={} webhook verified: {} event(s)", job.connector,
                       r->events.size());
        else
          spdlog::warn("connector={} webhook rejected: {} ({})", job.connector, r.err().message,
                       r.err().reason);
        return r;
      },
  };
}

}  // namespace

caf::actor spawn_webhook_actor(caf::actor_system& sys) { return sys.spawn(webhook_actor); }

}  // namespace cs::actors
