#include "api/webhook_intake.hpp"

#include <fmt/format.h>
#include <caf/all.hpp>

#include "actors/runtime.hpp"
#include "api/call.hpp"

namespace cs::api {
namespace {

struct account_secret {
  std::string name;
  std::string secret;
};

// The relay route's account: the named one, or the only configured account of that connector
// that has a webhook_secret.
domain::result<account_secret> relay_account(const actors::runtime& rt, std::string_view connector,
                                             std::string_view account) {
  if (!account.empty()) {
    auto* a = rt.account(account);
    if (!a || a->connector != connector || a->webhook_secret.empty())
      return domain::make_error(domain::error_code::not_found, domain::reason::unknown_account,
                                fmt::format("no merchant account '{}' with a webhook_secret for {}",
                                            account.substr(0, 64), connector));
    return account_secret{std::string(account), a->webhook_secret.reveal()};
  }
  std::vector<std::string> with_secret;
  for (auto& name : rt.accounts_of(connector))
    if (!rt.account(name)->webhook_secret.empty()) with_secret.push_back(name);
  if (with_secret.size() == 1)
    return account_secret{with_secret.front(),
                          rt.account(with_secret.front())->webhook_secret.reveal()};
  return domain::make_error(
      domain::error_code::not_found, domain::reason::unknown_account,
      with_secret.empty()
          ? fmt::format("no merchant account of {} has a webhook_secret configured", connector)
          : fmt::format("several accounts of {} have a webhook_secret: post to "
                        "/webhooks/{}/{{merchant_account}}",
                        connector, connector));
}

// An account with webhook_verification = "api" has the processor verify its deliveries: the
// webhook actor makes the call through the connector's pool, with the account's credentials.
void ask_processor_for(const actors::runtime& rt, const actors::connector_handle& handle,
                       std::string_view account, actors::webhook_job& job) {
  const auto* acct = account.empty() ? nullptr : rt.account(account);
  if (!acct || acct->connector != handle.descriptor->name ||
      acct->webhooks != actors::webhook_verification::api)
    return;
  job.api = actors::webhook_api_check{handle.pool, acct->creds, std::string(account),
                                      handle.request_timeout, rt.default_deadline()};
}

// The gRPC route's secret: the one sent, else the named account's when it is that connector's.
std::string return_events_secret(const actors::runtime& rt, const webhook_delivery& d) {
  if (!d.secret.empty() || d.account.empty()) return d.secret;
  auto* acct = rt.account(d.account);
  return acct && acct->connector == d.connector ? acct->webhook_secret.reveal() : std::string();
}

}  // namespace

domain::result<std::string> answer_webhook_check(const actors::runtime& rt,
                                                 std::string_view connector,
                                                 std::string_view account, std::string_view query) {
  const auto* handle = rt.connector(connector);
  if (!handle)
    return domain::make_error(domain::error_code::not_found, domain::reason::unknown_connector,
                              "unknown connector");
  if (!handle->descriptor->webhook_challenge)
    return domain::make_error(
        domain::error_code::failed_precondition, domain::reason::not_supported_by_processor,
        fmt::format("{} checks no webhook URL: deliveries are POSTed", connector));
  auto acct = relay_account(rt, connector, account);
  if (!acct) return std::move(acct).err();
  return handle->descriptor->webhook_challenge(
      query, domain::secret<std::string>(std::move(acct->secret)));
}

void take_webhook(actors::runtime& rt, webhook_delivery d, webhook_route route, webhook_done done) {
  actors::webhook_job job;
  if (route == webhook_route::relay) {
    const auto* handle = rt.connector(d.connector);
    if (!handle)
      return done(domain::make_error(domain::error_code::not_found,
                                     domain::reason::unknown_connector, "unknown connector"));
    auto acct = relay_account(rt, d.connector, d.account);
    if (!acct) return done(std::move(acct).err());
    job.conn = handle->descriptor;
    job.account = std::move(acct->name);
    job.request.secret_key = domain::secret<std::string>(std::move(acct->secret));
    job.request.tolerance = handle->webhook_tolerance;
    job.request.api_host = handle->api_host;
    ask_processor_for(rt, *handle, job.account, job);
  } else {
    auto conn = resolve_connector(rt, d.connector);
    if (!conn) return done(std::move(conn).err());
    job.conn = *conn;
    job.request.secret_key = domain::secret<std::string>(return_events_secret(rt, d));
    job.request.tolerance = rt.connector(d.connector)->webhook_tolerance;
    job.request.api_host = rt.connector(d.connector)->api_host;
    ask_processor_for(rt, *rt.connector(d.connector), d.account, job);
  }
  job.connector = std::move(d.connector);
  job.request.headers = std::move(d.headers);
  job.request.body = std::move(d.body);
  auto webhook = rt.webhook_actor();
  rt.system().spawn([webhook, route, job = std::move(job),
                     done = std::move(done)](caf::event_based_actor* self) {
    auto answer = [done](actors::webhook_outcome& r) { done(std::move(r)); };
    auto lost = [done](caf::error&) {
      done(domain::make_error(domain::error_code::unavailable, domain::reason::shutting_down,
                              "the webhook actor is not running"));
    };
    if (route == webhook_route::relay)
      self->request(webhook, caf::infinite, actors::relay_atom::value, job).then(answer, lost);
    else
      self->request(webhook, caf::infinite, actors::webhook_atom::value, job).then(answer, lost);
  });
}

}  // namespace cs::api
