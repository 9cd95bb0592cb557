#pragma once
// Routes of the HTTP port: GET /healthz and POST /webhooks/{connector}[/{merchant_account}].

#include <atomic>

#include "transport/http/http_server.hpp"

namespace cs::actors {
class runtime;
}

namespace cs::service {

transport::request_handler make_http_routes(actors::runtime& rt, const std::atomic<bool>& serving);

}  // namespace cs::service
