#pragma once
// Everything the actors need at run time: the actor system, the I/O threads the HTTP client runs
// on, one connector pool per enabled connector and the webhook actor. Built once at start-up
// from the config; shut down in the order that neither hangs nor crashes (cpp-stack.md).

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "actors/connector_pool.hpp"
#include "actors/webhook.hpp"
#include "domain/charge_marker.hpp"
#include "domain/connector.hpp"
#include "domain/credentials.hpp"
#include "domain/result.hpp"
#include "net/redis_client.hpp"

namespace cs::actors {

// Who checks a merchant account's webhooks: this service (the connector's handle_webhook), or the
// processor, asked through the connector's webhook_verify call with the account's credentials.
enum class webhook_verification { local, api };

struct merchant_account {
  std::string connector;
  domain::credentials creds;
  domain::secret<std::string> webhook_secret;
  webhook_verification webhooks = webhook_verification::local;
  rate_limit_config rate_limit;  // per_second 0 = only the connector's limit applies
};

struct connector_settings {
  pool_config pool;
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::seconds webhook_tolerance{300};  // for signatures with a timestamp
};

struct runtime_config {
  domain::connector_set known;  // the connectors this build has; `connectors` names some of them
  std::size_t actor_threads = 2;
  std::size_t io_threads = 1;
  std::chrono::milliseconds default_deadline{30000};
  std::map<std::string, connector_settings, std::less<>> connectors;
  std::map<std::string, merchant_account, std::less<>> accounts;
  relay_config webhooks;
  // [redis]: rate limits and webhook de-duplication shared with the other replicas (a client on
  // the I/O threads, handed to every pool and to the webhook actor); unset: all local.
  std::optional<net::redis_options> redis;
  std::string redis_key_prefix = "cs:";
  // The connectors' charge markers (connectors::charge_markers()), held in Redis while such a
  // charge runs (charge_marker.hpp); without [redis] they are not used.
  std::vector<const domain::charge_marker*> charge_markers;
};

struct connector_handle {
  const domain::connector* descriptor = nullptr;
  std::string api_host;  // of the configured default base URL (webhook documents may come from it)
  pool_actor pool;
  std::chrono::milliseconds request_timeout;
  std::chrono::seconds webhook_tolerance;
  shared_state shared;                            // [redis], or none
  const domain::charge_marker* marker = nullptr;  // the connector's, if it declares one
};

class runtime {
 public:
  static domain::result<std::unique_ptr<runtime>> start(runtime_config cfg);
  ~runtime();

  caf::actor_system& system();
  // nullptr when the connector is not enabled in the config.
  const connector_handle* connector(std::string_view name) const;
  // Every connector this build has, enabled or not.
  const domain::connector_set& known() const;
  const merchant_account* account(std::string_view name) const;
  // Names of the configured accounts of one connector.
  std::vector<std::string> accounts_of(std::string_view connector) const;
  const webhook_handler_actor& webhook_actor() const;
  std::chrono::milliseconds default_deadline() const;
  // Stops pools, then I/O threads, then the actor system.
  void shutdown();

  struct impl;

 private:
  explicit runtime(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace cs::actors
