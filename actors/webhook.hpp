#pragma once
// The webhook actor: verifies a processor's signature and normalizes the events, for both
// EventService.HandleWebhook and the HTTP receiver. Stateless today; it is the one place that
// will own relaying and de-duplication state.

#include <caf/fwd.hpp>

namespace cs::actors {

caf::actor spawn_webhook_actor(caf::actor_system& sys);

}  // namespace cs::actors
