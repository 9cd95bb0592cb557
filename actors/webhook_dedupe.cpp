// Webhook de-duplication across replicas, after the local check (recent_events): before relaying,
// a replica claims each event id in Redis (SET NX with a short expiry); once the sink took the
// events the claim becomes "relayed" for the de-duplication window, and when the relay failed it
// is dropped, so the processor's redelivery — to whichever replica — relays again. A claim must
// not be "relayed" before the sink answered: a replica that acknowledged a redelivery while the
// first relay was failing would lose the event. So an event being relayed by another replica is
// answered UNAVAILABLE (502: the processor redelivers later), never acknowledged.
// Redis failing or slow → this replica's own marks only (counted, logged): at-least-once, as
// with one replica.

#include <fmt/format.h>

#include "actors/metrics.hpp"
#include "actors/webhook_parts.hpp"
#include "obs/log.hpp"

namespace cs::actors::webhook_parts {
namespace {

// Per key: 1 claimed now, 0 relayed already, -1 claimed by a relay still under way.
const net::redis_script& claim_script() {
  static const auto script = net::redis_script::make(R"lua(
local out = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, 'pending', 'NX', 'PX', ARGV[1]) then
    out[i] = 1
  elseif redis.call('GET', key) == 'relayed' then
    out[i] = 0
  else
    out[i] = -1
  end
end
return out
)lua");
  return script;
}

std::string event_key(const shared_state& s, std::string_view connector, std::string_view account,
                      std::string_view event_id) {
  // One hash tag per connector and account: a delivery's keys are in one Redis Cluster slot.
  return fmt::format("{}webhook:{{{}:{}}}:{}", s.prefix, connector, account, event_id);
}

// How long a claim lives if its replica dies mid-relay: the relay's bound and some.
std::chrono::milliseconds claim_ttl(const relay_config& cfg) {
  return cfg.timeout + cfg.shared.redis->options().command_timeout + std::chrono::seconds(1);
}

void warn_on_failure(net::redis_outcome o) {
  if (!o) note_fallback("webhook_dedupe", net::to_string(*o.failure), o.message);
}

}  // namespace

bool ask_shared_dedupe(webhook_self self, const std::string& connector, const std::string& account,
                       domain::webhook_result& r, caf::typed_response_promise<webhook_outcome> rp) {
  auto& st = self->state;
  if (!st.cfg->shared) return false;
  pending_claim p{rp, {}, connector, account, {}, {}};
  for (std::size_t i = 0; i < r.events.size(); ++i)
    if (!r.events[i].event_id.empty()) {
      p.asked.push_back(i);
      p.keys.push_back(event_key(st.cfg->shared, connector, account, r.events[i].event_id));
    }
  if (p.keys.empty()) return false;
  p.result = std::move(r);
  auto keys = p.keys;
  auto n = keys.size();
  auto id = st.next_id++;
  st.claiming.emplace(id, std::move(p));
  webhook_interface me = self;
  st.cfg->shared.redis->eval(
      claim_script(), std::move(keys), {std::to_string(claim_ttl(*st.cfg).count())},
      [me, id, n](net::redis_outcome o) {
        claim_verdict v;
        if (!o) {
          v.why = net::to_string(*o.failure);
          v.message = std::move(o.message);
        } else if (o.reply.type != net::redis_reply::kind::array || o.reply.elements.size() != n) {
          v.why = "bad_reply";
          v.message = "the claim script answered something else than one state per event";
        } else {
          for (auto& e : o.reply.elements) v.states.push_back(e.integer);
        }
        caf::anon_send(me, claimed_atom::value, id, std::move(v));
      });
  return true;
}

void on_claimed(webhook_self self, std::uint64_t id, claim_verdict& v) {
  auto& st = self->state;
  auto it = st.claiming.find(id);
  if (it == st.claiming.end()) return;
  auto p = std::move(it->second);
  st.claiming.erase(it);
  if (v.states.empty()) {
    note_fallback("webhook_dedupe", v.why, v.message);
    return relay_events(self, p.connector, p.account, std::move(p.result), p.promise, {});
  }
  std::vector<std::string> claimed;
  std::vector<bool> done_elsewhere(p.result.events.size(), false);
  bool busy = false;
  for (std::size_t k = 0; k < v.states.size(); ++k) {
    if (v.states[k] == 1) claimed.push_back(p.keys[k]);
    if (v.states[k] == 0) done_elsewhere[p.asked[k]] = true;
    if (v.states[k] != 0 && v.states[k] != 1) busy = true;
  }
  if (busy) {
    release_shared(st, claimed);
    obs::component_log("webhook")->info(
        "connector={} redelivered event(s) being relayed by another replica: answered 502 so "
        "the processor redelivers once that relay is over",
        p.connector);
    p.promise.deliver(webhook_outcome(domain::make_error(
        domain::error_code::unavailable, domain::reason::sink_unavailable,
        "verified, but another replica is relaying these events now: redeliver later")));
    return;
  }
  domain::webhook_result elsewhere;
  auto& ev = p.result.events;
  std::size_t dropped = 0;
  for (std::size_t i = ev.size(); i-- > 0;)
    if (done_elsewhere[i]) {
      elsewhere.events.push_back(std::move(ev[i]));
      ev.erase(ev.begin() + static_cast<std::ptrdiff_t>(i));
      ++dropped;
    }
  if (dropped > 0) {
    remember(st, p.connector, p.account, elsewhere, recent_events::clock::now());
    metrics().webhooks.add({p.connector, "duplicate"}, static_cast<double>(dropped));
    obs::component_log("webhook")->info(
        "connector={} {} redelivered event(s) already relayed by a replica: acknowledged, not "
        "relayed again",
        p.connector, dropped);
    if (ev.empty()) {
      p.promise.deliver(webhook_outcome(std::move(p.result)));
      return;
    }
  }
  relay_events(self, p.connector, p.account, std::move(p.result), p.promise, std::move(claimed));
}

void commit_shared(webhook_state& st, const std::vector<std::string>& claimed) {
  auto window = std::chrono::duration_cast<std::chrono::milliseconds>(st.cfg->dedupe_window);
  for (auto& key : claimed)
    st.cfg->shared.redis->command({"SET", key, "relayed", "PX", std::to_string(window.count())},
                                  warn_on_failure);
}

void release_shared(webhook_state& st, const std::vector<std::string>& claimed) {
  if (claimed.empty()) return;
  std::vector<std::string> del{"DEL"};
  del.insert(del.end(), claimed.begin(), claimed.end());
  st.cfg->shared.redis->command(std::move(del), warn_on_failure);
}

}  // namespace cs::actors::webhook_parts
