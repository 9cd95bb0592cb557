#include "api/http_routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/messages.hpp"
#include "actors/runtime.hpp"
#include "obs/metrics.hpp"

namespace cs::api {
namespace {

net::server_response text(int status, std::string body) {
  return {status, "text/plain", std::move(body)};
}

struct webhook_account {
  std::string name;
  std::string secret;
};

// The account and webhook secret for /webhooks/{connector}[/{account}]: the named account, or the
// only configured account of that connector that has a secret.
domain::result<webhook_account> webhook_secret(const actors::runtime& rt,
                                               std::string_view connector,
                                               std::string_view account) {
  if (!account.empty()) {
    auto* a = rt.account(account);
    if (!a || a->connector != connector || a->webhook_secret.empty())
      return domain::make_error(domain::error_code::not_found, "UNKNOWN_ACCOUNT",
                                fmt::format("no merchant account '{}' with a webhook_secret for {}",
                                            account.substr(0, 64), connector));
    return webhook_account{std::string(account), a->webhook_secret.reveal()};
  }
  std::vector<std::string> with_secret;
  for (auto& name : rt.accounts_of(connector))
    if (!rt.account(name)->webhook_secret.empty()) with_secret.push_back(name);
  if (with_secret.size() == 1)
    return webhook_account{with_secret.front(),
                           rt.account(with_secret.front())->webhook_secret.reveal()};
  return domain::make_error(
      domain::error_code::not_found, "UNKNOWN_ACCOUNT",
      with_secret.empty()
          ? fmt::format("no merchant account of {} has a webhook_secret configured", connector)
          : fmt::format("several accounts of {} have a webhook_secret: post to "
                        "/webhooks/{}/{{merchant_account}}",
                        connector, connector));
}

}  // namespace

net::request_handler make_http_routes(actors::runtime& rt, const std::atomic<bool>& serving) {
  return [&rt, &serving](net::server_request req, net::responder respond) {
    auto path = std::string_view(req.target).substr(0, req.target.find('?'));
    if (path == "/healthz") {
      if (req.method != "GET") return respond(text(405, "use GET\n"));
      return respond(serving ? text(200, "ok\n") : text(503, "shutting down\n"));
    }
    if (path == "/metrics") {
      if (req.method != "GET") return respond(text(405, "use GET\n"));
      return respond(net::server_response{200, "text/plain; version=0.0.4; charset=utf-8",
                                          obs::registry().expose()});
    }
    constexpr std::string_view prefix = "/webhooks/";
    if (!path.starts_with(prefix)) return respond(text(404, "not found\n"));
    if (req.method != "POST") return respond(text(405, "use POST\n"));
    auto rest = path.substr(prefix.size());
    auto slash = rest.find('/');
    auto connector = rest.substr(0, slash);
    auto account = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    const auto* handle = rt.connector(connector);
    if (!handle) return respond(text(404, "unknown connector\n"));
    auto secret = webhook_secret(rt, connector, account);
    if (!secret) return respond(text(404, secret.err().message + "\n"));
    actors::webhook_job job;
    job.conn = handle->descriptor;
    job.connector = std::string(connector);
    job.account = std::move(secret->name);
    job.request.headers = std::move(req.headers);
    job.request.body = std::move(req.body);
    job.request.secret_key = domain::secret<std::string>(std::move(secret->secret));
    job.request.tolerance = handle->webhook_tolerance;
    auto webhook = rt.webhook_actor();
    rt.system().spawn([webhook, job = std::move(job), respond](caf::event_based_actor* self) {
      self->request(webhook, caf::infinite, actors::relay_atom::value, job)
          .then(
              [respond](actors::webhook_outcome& r) {
                if (r) return respond(text(200, r->acknowledgement));
                auto& e = r.err();
                // 5xx makes the processor redeliver: only when the events were not relayed.
                int status = e.code == domain::error_code::unauthenticated ? 401
                             : e.code == domain::error_code::unavailable   ? 502
                                                                           : 400;
                respond(text(status, e.message + "\n"));
              },
              [respond](caf::error&) { respond(text(503, "shutting down\n")); });
    });
  };
}

}  // namespace cs::api
