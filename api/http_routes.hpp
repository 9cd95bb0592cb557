#pragma once
// Routes of the HTTP port: GET /healthz and POST /webhooks/{connector}[/{merchant_account}].

#include <atomic>

#include "net/http_server.hpp"

namespace cs::actors {
class runtime;
}

namespace cs::api {

net::request_handler make_http_routes(actors::runtime& rt, const std::atomic<bool>& serving);

}  // namespace cs::api
