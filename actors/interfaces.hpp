#pragma once
// The typed interfaces of the service's actors: what each one accepts and answers, so that a wrong
// message to a pool or the webhook actor is a compile error instead of an "unexpected message" at
// run time.
//
// Only public messages are here. CAF 0.17 needs an actor's self-messages (retry timers, I/O
// completions) in its typed interface too; those live in an extended interface in the actor's
// .cpp (`pool_actor::extend<...>`), and the actor is handed out as this narrower handle (CAF
// converts a handle to any subset of its signatures). So no caller can name an internal message.

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "actors/messages.hpp"

namespace cs::actors {

// A connector's pool: pool_actor, in messages.hpp (a webhook_job carries one).

// The webhook actor (webhook.cpp): verify + normalize, or that and relay to the sink. Internal:
// relayed_atom (the sink's answer, from an I/O thread).
using webhook_handler_actor =
    caf::typed_actor<caf::replies_to<webhook_atom, webhook_job>::with<webhook_outcome>,
                     caf::replies_to<relay_atom, webhook_job>::with<webhook_outcome>>;

// A flow actor (flow.hpp) only ever messages itself: nobody else keeps its handle. It is typed
// anyway so that its one message is checked like the others'.
using flow_runner_actor = caf::typed_actor<caf::reacts_to<next_atom>>;

}  // namespace cs::actors
