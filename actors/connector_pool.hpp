#pragma once
// The per-connector pool: a dispatcher actor in front of `workers` worker actors, each owning its
// own keep-alive HTTPS connections. Flows send (send_atom, outbound) and get an http_outcome.

#include <caf/actor.hpp>

#include <chrono>
#include <map>
#include <string>

#include "domain/result.hpp"
#include "transport/http/http_client.hpp"
#include "transport/http/url.hpp"

namespace boost::asio {
class io_context;
}

namespace cs::actors {

struct pool_config {
  std::string connector;
  std::size_t workers = 2;
  std::map<std::string, transport::endpoint> base_urls;  // by the connector's base name
  transport::http_client_options client;
};

domain::result<caf::actor> spawn_connector_pool(caf::actor_system& sys, boost::asio::io_context& io,
                                                pool_config cfg);

}  // namespace cs::actors
