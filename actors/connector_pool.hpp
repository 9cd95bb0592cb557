#pragma once
// The per-connector pool: one dispatcher actor with `workers` HTTP clients, each with its own
// strand and keep-alive HTTPS connections. Flows send (send_atom, outbound) and get a
// pool_reply (pool_actor, interfaces.hpp); I/O completions come back to the dispatcher as
// messages.
//
// The dispatcher is where resilience lives, the same for every connector: a bound on calls in
// flight, token-bucket rate limits (per connector and per merchant account), a circuit breaker
// per endpoint, and retries that cannot charge twice (retry_policy.hpp), all within the flow's
// deadline.

#include <chrono>
#include <map>
#include <string>

#include "actors/circuit_breaker.hpp"
#include "actors/interfaces.hpp"
#include "actors/retry_policy.hpp"
#include "actors/shared_state.hpp"
#include "actors/token_bucket.hpp"
#include "domain/result.hpp"
#include "net/http_client.hpp"
#include "net/url.hpp"

namespace boost::asio {
class io_context;
}

namespace cs::actors {

struct pool_config {
  std::string connector;
  std::size_t workers = 2;  // HTTP clients (pool_size); calls are spread round-robin
  std::map<std::string, net::endpoint> base_urls;  // by the connector's base name
  net::http_client_options client;
  std::size_t max_in_flight = 2048;  // accepted calls, including those waiting
  retry_config retry;
  rate_limit_config rate_limit;                                               // per_second 0 = none
  std::map<std::string, rate_limit_config, std::less<>> account_rate_limits;  // by account
  breaker_config breaker;
  // Set: the rate limits are token buckets in this Redis, shared with the other replicas; on a
  // Redis failure a call is admitted by the local buckets instead (shared_state.hpp).
  shared_state shared;
};

domain::result<pool_actor> spawn_connector_pool(caf::actor_system& sys, boost::asio::io_context& io,
                                                pool_config cfg);

}  // namespace cs::actors
