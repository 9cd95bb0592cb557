#pragma once
// The webhook actor: verifies a processor's signature and normalizes the events — for
// EventService.HandleWebhook (webhook_atom) and for the HTTP receiver (relay_atom), which also
// relays the events to the merchant's sink and succeeds only once the sink took them, so that the
// processor is acknowledged only then and redelivers otherwise.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/interfaces.hpp"
#include "actors/shared_state.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "domain/webhook.hpp"
#include "net/http_client.hpp"
#include "net/url.hpp"

namespace boost::asio {
class io_context;
}

namespace cs::actors {

// The relay body for the sink (the API's WebhookRelay as proto3 JSON, api/relay_body): given
// here so that this room stays free of the API's generated code.
using relay_encoder = std::string (*)(std::string_view connector, std::string_view account,
                                      const std::vector<domain::webhook_event>& events);

struct relay_config {
  // none: the receiver is off (answers 502: processors redeliver) unless log_only
  std::optional<net::endpoint> sink;
  bool log_only = false;  // verified events are logged and acknowledged, relayed nowhere
  // Event ids relayed (or logged) within `dedupe_window` per connector and account: a redelivery
  // is acknowledged without relaying it again. At most `dedupe_capacity` ids are kept.
  std::size_t dedupe_capacity = 100000;
  std::chrono::seconds dedupe_window{24 * 60 * 60};
  domain::secret<std::string> signing_key;
  relay_encoder encode = nullptr;  // required when `sink` is set
  std::chrono::milliseconds timeout{5000};
  net::http_client_options client;
  // Set: relayed event ids are also marked in this Redis, so that a redelivery another replica
  // already relayed is acknowledged here without relaying it again (after the local check).
  shared_state shared;
};

domain::result<webhook_handler_actor> spawn_webhook_actor(caf::actor_system& sys,
                                                          boost::asio::io_context& io,
                                                          relay_config cfg);

}  // namespace cs::actors
