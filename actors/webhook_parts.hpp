#pragma once
// The webhook actor's insides, shared by webhook.cpp (verify, relay, the actor) and
// webhook_take.cpp (what comes before a check: the processor's document, or its verdict).
// Private to those two files: nobody else may name these messages.

#include <caf/all.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/fetch_cache.hpp"
#include "actors/interfaces.hpp"
#include "actors/recent_events.hpp"
#include "actors/webhook.hpp"

namespace cs::actors::webhook_parts {

// Redis's answer to a delivery's claim (webhook_dedupe.cpp), from the client's I/O thread: per
// event asked, 1 claimed here, 0 relayed already by a replica, -1 being relayed by one now.
struct claim_verdict {
  std::vector<long long> states;  // empty: Redis failed (why, message)
  std::string why;
  std::string message;
};

}  // namespace cs::actors::webhook_parts

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::webhook_parts::claim_verdict)

namespace cs::actors::webhook_parts {

using claimed_atom = caf::atom_constant<caf::atom("claimed")>;
using relayed_atom = caf::atom_constant<caf::atom("relayed")>;
using fetched_atom = caf::atom_constant<caf::atom("fetched")>;
using verdict_atom = caf::atom_constant<caf::atom("verdict")>;

// The public webhook_handler_actor plus the sink's answer, sent by the relay's I/O completion, a
// fetched document and the processor's verdict: a handle of this type never leaves this file
// (spawn_webhook_actor narrows it).
using webhook_interface =
    webhook_handler_actor::extend<caf::reacts_to<claimed_atom, std::uint64_t, claim_verdict>,
                                  caf::reacts_to<relayed_atom, std::uint64_t, http_outcome>,
                                  caf::reacts_to<fetched_atom, std::string, http_outcome>,
                                  caf::reacts_to<verdict_atom, std::uint64_t, webhook_outcome>>;

static_assert(!caf::response_type<caf::signatures_of_t<webhook_handler_actor>, relayed_atom,
                                  std::uint64_t, http_outcome>::valid);

struct pending_relay {
  caf::typed_response_promise<webhook_outcome> promise;
  domain::webhook_result result;
  std::string connector;
  std::string account;
  std::vector<std::string> claimed;  // Redis marks this replica holds for these events
};

// A delivery waiting for Redis's answer to its claim.
struct pending_claim {
  caf::typed_response_promise<webhook_outcome> promise;
  domain::webhook_result result;
  std::string connector;
  std::string account;
  std::vector<std::size_t> asked;  // index into result.events of each key asked
  std::vector<std::string> keys;
};

// A delivery waiting for the document its connector's check needs, or for the processor's verdict.
struct parked_job {
  webhook_job job;
  bool relay = false;
  caf::typed_response_promise<webhook_outcome> promise;
};

struct webhook_state {
  // Deliveries waiting for the processor's verdict (webhook_verify.hpp), by id.
  std::unordered_map<std::uint64_t, parked_job> verifying;
  std::shared_ptr<net::http_client> client;   // the sink's (when one is configured)
  std::shared_ptr<net::http_client> fetcher;  // documents from processors (signing certificates)
  fetch_cache<parked_job> documents;
  std::shared_ptr<const relay_config> cfg;
  std::optional<recent_events> recent;
  std::unordered_map<std::uint64_t, pending_relay> waiting;
  std::unordered_map<std::uint64_t, pending_claim> claiming;
  std::uint64_t next_id = 0;
  static inline const char* name = "webhook";
};

using webhook_self = webhook_interface::stateful_pointer<webhook_state>;

// Counts and logs a judged delivery; `how` says who verified it (webhook.cpp).
void judged(const webhook_job& job, const webhook_outcome& r, std::string_view how);
// Answers `rp` with a judged delivery: at once, or — relaying — when the sink has answered.
void deliver(webhook_self self, const webhook_job& job, webhook_outcome r, bool relay,
             caf::typed_response_promise<webhook_outcome> rp);
// Relays events to the sink (or, without one, logs them) and answers `rp`; `claimed` are the
// Redis marks to turn into "relayed" on success or to drop on failure.
void relay_events(webhook_self self, const std::string& connector, const std::string& account,
                  domain::webhook_result r, caf::typed_response_promise<webhook_outcome> rp,
                  std::vector<std::string> claimed);
// Remembers relayed events locally (recent_events).
void remember(webhook_state& st, const std::string& connector, const std::string& account,
              const domain::webhook_result& r, recent_events::clock::time_point now);

// webhook_dedupe.cpp: the marks shared through Redis (relay_config.shared). True when it took
// the delivery over (asked Redis; on_claimed goes on); false: relay it without shared marks.
bool ask_shared_dedupe(webhook_self self, const std::string& connector, const std::string& account,
                       domain::webhook_result& r, caf::typed_response_promise<webhook_outcome> rp);
void on_claimed(webhook_self self, std::uint64_t id, claim_verdict& v);
// The sink took the events: the claims become "relayed" for the de-duplication window.
void commit_shared(webhook_state& st, const std::vector<std::string>& claimed);
// The relay failed: the claims go, so that the redelivery (to any replica) relays again.
void release_shared(webhook_state& st, const std::vector<std::string>& claimed);

// Verifies the job here (the connector's handle_webhook) and answers `rp` (deliver).
void finish_job(webhook_self self, webhook_job job, bool relay,
                caf::typed_response_promise<webhook_outcome> rp);

// webhook_take.cpp: a job as it arrives — to the processor for its verdict (accounts with
// webhook_verification = "api"), or checked here once its connector's document is at hand.
caf::result<webhook_outcome> take(webhook_self self, webhook_job job, bool relay);
// The document fetch ended: cache it, finish every delivery that waited for it.
void fetched(webhook_self self, const std::string& url, http_outcome out);

}  // namespace cs::actors::webhook_parts
