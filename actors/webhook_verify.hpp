#pragma once
// Deliveries the processor verifies itself (webhook_job.api, the connector's webhook_verify): one
// flow actor per delivery gets the access token from the pool, sends the connector's verification
// call through the pool and reads the verdict — flow.hpp's machinery, so the token comes from the
// pool's cache, a 401 gets one new token and the same call again, and the pool's timeouts,
// breaker, rate limits and metrics apply as to any call.

#include <caf/fwd.hpp>

#include <cstdint>
#include <functional>

#include "actors/messages.hpp"
#include "domain/result.hpp"

namespace cs::actors {

// What the connector needs from the delivery, judged at once — before any call, the token's
// included: UNAUTHENTICATED / BAD_SIGNATURE (e.g. a missing signature header) or
// INVALID_ARGUMENT (a body that is no event). FAILED_PRECONDITION when the connector has no
// verification call.
domain::status precheck_by_processor(const webhook_job& job);

// Starts the check of a job whose precheck passed; `done` runs exactly once, on the check's own
// actor (send the outcome on to the caller's actor from there). The outcome: the events
// (verified); UNAUTHENTICATED / BAD_SIGNATURE (the processor did not verify it); UNAVAILABLE when
// no verdict could be had — unreachable, 5xx, an unreadable reply, no token —, so that the
// receiver answers 502 and the processor redelivers.
void verify_by_processor(caf::actor_system& sys, const webhook_job& job, std::uint64_t id,
                         std::function<void(webhook_outcome)> done);

}  // namespace cs::actors
