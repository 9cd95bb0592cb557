#pragma once
// One worker of a connector pool: makes single HTTP attempts with its own keep-alive client.
// It answers (send_atom, outbound) with an http_outcome; it never retries (the dispatcher does).

#include <caf/all.hpp>

#include <memory>

#include "actors/connector_pool.hpp"

namespace cs::actors {

caf::actor spawn_pool_worker(caf::actor_system& sys, std::shared_ptr<transport::http_client> client,
                             std::shared_ptr<const pool_config> cfg);

}  // namespace cs::actors
