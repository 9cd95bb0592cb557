// What comes before a delivery's check in the webhook actor: the processor's verdict (accounts
// with webhook_verification = "api", webhook_verify.hpp), or the document the connector's own
// check needs (PayPal's signing certificate), fetched once and cached.
#include <fmt/format.h>
#include <caf/all.hpp>

#include "actors/metrics.hpp"
#include "actors/webhook_parts.hpp"
#include "actors/webhook_verify.hpp"
#include "net/url.hpp"
#include "obs/log.hpp"

namespace cs::actors::webhook_parts {
namespace {

// Accounts with webhook_verification = "api": the processor judges the delivery; its verdict
// comes back as verdict_atom. What the check needs from the delivery is judged first, at once.
caf::result<webhook_outcome> ask_processor(webhook_self self, webhook_job job, bool relay) {
  if (auto s = precheck_by_processor(job); !s) {
    webhook_outcome r(std::move(s).err());
    judged(job, r, "before asking the processor");
    return r;
  }
  auto& st = self->state;
  auto id = st.next_id++;
  auto rp = self->make_response_promise<webhook_outcome>();
  verify_by_processor(self->system(), job, id,
                      [me = webhook_interface(self), id](webhook_outcome r) {
                        caf::anon_send(me, verdict_atom::value, id, std::move(r));
                      });
  st.verifying.emplace(id, parked_job{std::move(job), relay, rp});
  return rp;
}

}  // namespace

// To the processor for its verdict (job.api), or checked here with the document its connector
// needs first (PayPal's signing certificate): from the cache, or fetched once for every delivery
// that needs it meanwhile.
caf::result<webhook_outcome> take(webhook_self self, webhook_job job, bool relay) {
  if (job.api) return ask_processor(self, std::move(job), relay);
  const auto* fetch = job.conn ? job.conn->webhook_fetch : nullptr;
  std::optional<std::string> url;
  if (fetch) {
    auto u = fetch->url(job.request);
    if (!u) {  // answered at once: no promise may be made before this return
      metrics().webhooks.add({job.connector, "rejected"});
      obs::component_log("webhook")->warn("connector={} webhook rejected: {} ({})", job.connector,
                                          u.err().message, u.err().reason);
      return webhook_outcome(std::move(u).err());
    }
    url = std::move(*u);
  }
  auto rp = self->make_response_promise<webhook_outcome>();
  if (!url) {
    finish_job(self, std::move(job), relay, rp);
    return rp;
  }
  auto& st = self->state;
  if (auto doc = st.documents.fresh(*url, std::chrono::steady_clock::now())) {
    job.request.document = std::move(*doc);
    finish_job(self, std::move(job), relay, rp);
    return rp;
  }
  if (!st.documents.wait(*url, parked_job{std::move(job), relay, rp})) return rp;
  auto ep = net::parse_endpoint(*url, "the webhook's document URL");
  if (!ep) {
    caf::anon_send(webhook_interface(self), fetched_atom::value, *url,
                   http_outcome(std::move(ep).err()));
    return rp;
  }
  domain::http_request req;
  req.method = domain::http_method::get;
  if (ep->base_path.empty()) req.target.push_back('/');  // not = "/": a GCC 12 false -Wrestrict
  req.content_type.clear();
  webhook_interface me = self;
  st.fetcher->send(*ep, std::move(req), st.cfg->timeout, [me, u = *url](http_outcome out) {
    caf::anon_send(me, fetched_atom::value, u, std::move(out));
  });
  return rp;
}

// The fetch ended: cache a document, then finish every delivery that waited for it. A failure is
// UNAVAILABLE for each (the receiver answers 502 and the processor redelivers) and not cached.
void fetched(webhook_self self, const std::string& url, http_outcome out) {
  auto& st = self->state;
  std::optional<domain::error> failure;
  if (!out)
    failure = std::move(out).err();
  else if (out->status != 200)
    failure = domain::make_error(domain::error_code::unavailable, domain::reason::processor_error,
                                 fmt::format("HTTP {}", out->status));
  auto parked = st.documents.take_waiters(url);
  if (failure) {
    obs::component_log("webhook")->warn("cannot fetch the webhook document {}: {}", url,
                                        failure->message);
    for (auto& p : parked)
      p.promise.deliver(webhook_outcome(domain::make_error(
          domain::error_code::unavailable, domain::reason::processor_error,
          fmt::format("the processor's signing certificate could not be fetched ({}); the "
                      "processor will redeliver",
                      failure->message))));
    return;
  }
  if (!parked.empty() && parked.front().job.conn && parked.front().job.conn->webhook_fetch)
    st.documents.store(url, out->body, parked.front().job.conn->webhook_fetch->keep,
                       std::chrono::steady_clock::now());
  for (auto& p : parked) {
    p.job.request.document = out->body;
    finish_job(self, std::move(p.job), p.relay, p.promise);
  }
}

}  // namespace cs::actors::webhook_parts
