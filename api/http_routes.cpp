#include "api/http_routes.hpp"

#include "actors/runtime.hpp"
#include "api/webhook_intake.hpp"
#include "obs/metrics.hpp"

namespace cs::api {
namespace {

net::server_response text(int status, std::string body) {
  return {status, "text/plain", std::move(body)};
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
    auto rest = path.substr(prefix.size());
    auto slash = rest.find('/');
    auto connector = rest.substr(0, slash);
    auto account = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (req.method == "GET") {
      // A processor checking the URL before it sends to it (Braintree's bt_challenge).
      auto q = req.target.find('?');
      auto answer = answer_webhook_check(
          rt, connector, account,
          q == std::string::npos ? std::string_view{} : std::string_view(req.target).substr(q + 1));
      if (answer) return respond(text(200, *answer));
      auto& e = answer.err();
      int status = e.code == domain::error_code::not_found             ? 404
                   : e.code == domain::error_code::failed_precondition ? 405
                                                                       : 400;
      return respond(text(status, e.message + "\n"));
    }
    if (req.method != "POST") return respond(text(405, "use POST\n"));
    webhook_delivery d;
    d.connector = std::string(connector);
    d.account = std::string(account);
    d.headers = std::move(req.headers);
    d.body = std::move(req.body);
    take_webhook(rt, std::move(d), webhook_route::relay, [respond](actors::webhook_outcome r) {
      if (r) return respond(text(200, r->acknowledgement));
      auto& e = r.err();
      if (e.reason == domain::reason::shutting_down) return respond(text(503, "shutting down\n"));
      // 5xx makes the processor redeliver: only when the events were not relayed.
      int status = e.code == domain::error_code::not_found         ? 404
                   : e.code == domain::error_code::unauthenticated ? 401
                   : e.code == domain::error_code::unavailable     ? 502
                                                                   : 400;
      respond(text(status, e.message + "\n"));
    });
  };
}

}  // namespace cs::api
