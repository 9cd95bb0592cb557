#pragma once
// Charge markers in Redis: while a flow that charges without a processor idempotency key runs
// (domain/charge_marker.hpp: Razorpay's receipt, Braintree's orderId), its replica holds
//   SET <prefix>charge:{<connector>}:<account>:<name> <random token> NX PX <ttl>
// so that a second run of the same charge — on another replica, or a retry that overtakes the
// first — is answered "another run is charging this; retry with the same key" before anything
// is sent, instead of both finding no earlier charge and both charging.
//
// The marker goes (compare-and-delete: only the token that set it) when the flow ends with a
// settled outcome; after an unknown one (OUTCOME_UNKNOWN, a lost flow) it stays until its ttl,
// which covers the flow's deadline, so a retry cannot race a call that may still be at the
// processor. Redis failing or slow → the flow runs without a marker, as with one replica
// (counted and logged as a fallback): a Redis outage never fails a charge.

#include <caf/actor_system.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "actors/flow.hpp"
#include "actors/runtime.hpp"
#include "actors/shared_state.hpp"
#include "domain/charge_marker.hpp"

namespace cs::actors {

// One call's marker.
struct charge_marker_claim {
  shared_state shared;
  std::string key;
  std::string token;  // this call's, random: only it releases the marker
  std::chrono::milliseconds ttl{0};
  std::string connector;   // for logs
  std::string request_id;  // for logs
};

// A short SHA-256 of the credentials the connector requires (the processor account the call
// charges on): never a secret in clear, the same for a configured account and inline
// credentials.
std::string credentials_tag(const domain::connector& c, const domain::credentials& creds);
std::string charge_marker_key(const shared_state& s, std::string_view connector,
                              std::string_view account_tag, std::string_view name);
// The flow's remaining time and some, at least 30 s: a marker must outlive its flow.
std::chrono::milliseconds charge_marker_ttl(std::chrono::steady_clock::time_point deadline,
                                            std::chrono::steady_clock::time_point now);

// The claim for a call, or nullopt when it needs none: no Redis, the connector declares no
// marker for the flow, or the request gives no name (the flow refuses it anyway).
std::optional<charge_marker_claim> charge_marker_for(const connector_handle& h, domain::flow f,
                                                     std::string_view merchant_reference,
                                                     std::string_view idempotency_key,
                                                     const domain::credentials& creds,
                                                     std::chrono::steady_clock::time_point deadline,
                                                     std::string_view request_id);

// SET NX PX; answers {1, 0} when taken, {0, pttl} when another run holds it.
const net::redis_script& take_script();
// Deletes KEYS[1] only when it holds ARGV[1] (this call's token); answers 1 deleted, 0 not.
const net::redis_script& release_script();

struct take_answer {
  enum class state { held, busy, fallback } what = state::fallback;
  bool may_hold = false;              // held, or a timeout: the SET may have run
  std::chrono::milliseconds left{0};  // busy: the other run's marker expires in
};

// Asks Redis; `then` runs once, on an I/O thread. A failure is noted as a fallback here.
void take_charge_marker(const charge_marker_claim& c, std::function<void(take_answer)> then);
// Deletes the marker if it is still ours; `then` (if any) runs once Redis answered or failed.
void release_charge_marker(const charge_marker_claim& c, std::function<void()> then = {});

// Whether the processor's state is known after this error (the marker may go): false for
// OUTCOME_UNKNOWN (any code) and for a lost flow.
bool outcome_settled(const domain::error& e) noexcept;
// UNAVAILABLE, retryable, reason PROCESSOR_REJECTED — as for Stripe's 409 on a key in use —:
// nothing was sent.
domain::error concurrent_attempt(std::string_view connector, std::chrono::milliseconds left);

// Spawns the flow actor — once the marker is held, or without it when Redis fails; answers
// concurrent_attempt when another run holds it. Without a claim, spawns at once.
template <class Req, class Res>
void start_flow(caf::actor_system& sys, std::shared_ptr<flow_job<Req, Res>> job,
                std::optional<charge_marker_claim> claim) {
  if (!claim) {
    sys.spawn(flow_actor<Req, Res>, std::move(job));
    return;
  }
  auto c = std::make_shared<charge_marker_claim>(std::move(*claim));
  take_charge_marker(*c, [&sys, job = std::move(job), c](take_answer a) mutable {
    if (a.what == take_answer::state::busy) {
      job->finish(concurrent_attempt(c->connector, a.left));
      return;
    }
    if (a.may_hold)
      job->on_finish = [c](const domain::error* e, std::function<void()> answer) {
        if (!e || outcome_settled(*e))
          release_charge_marker(*c, std::move(answer));
        else
          answer();  // unknown: the marker stays until its ttl
      };
    sys.spawn(flow_actor<Req, Res>, std::move(job));
  });
}

}  // namespace cs::actors
