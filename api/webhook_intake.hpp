#pragma once
// The one webhook intake: EventService.HandleWebhook and POST /webhooks/{connector}[/{account}]
// both hand a delivery here. It resolves the enabled connector and the secret that verifies it,
// builds the job and asks the webhook actor; only the way the answer leaves differs (a gRPC
// response with the events, or an HTTP status for the processor after relaying to the sink).

#include <functional>
#include <string>
#include <vector>

#include "actors/messages.hpp"
#include "domain/http.hpp"

namespace cs::actors {
class runtime;
}

namespace cs::api {

enum class webhook_route {
  return_events,  // gRPC: verify, normalize, answer the events
  relay,          // HTTP receiver: verify, normalize, relay to webhooks.sink_url, acknowledge
};

struct webhook_delivery {
  std::string connector;
  // The configured merchant account whose webhook_secret verifies it ("" = none named).
  std::string account;
  // A secret the caller sent itself (gRPC `secret`); it wins over the account's.
  std::string secret;
  std::vector<domain::http_header> headers;
  std::string body;
};

using webhook_done = std::function<void(actors::webhook_outcome)>;

// `done` runs exactly once. Unknown or disabled connector: INVALID_ARGUMENT (gRPC) or NOT_FOUND
// (relay); on the relay route an account must be found (named, or the connector's only account
// with a webhook_secret), else NOT_FOUND / UNKNOWN_ACCOUNT.
void take_webhook(actors::runtime& rt, webhook_delivery d, webhook_route route, webhook_done done);

// The answer to a processor's check of its webhook URL (GET /webhooks/{connector}[/{account}]?…,
// Braintree's bt_challenge), with the same account as a delivery to that URL would use.
// NOT_FOUND for an unknown connector or account, FAILED_PRECONDITION when the connector has no
// such check, the connector's INVALID_ARGUMENT for a query that is no challenge.
domain::result<std::string> answer_webhook_check(const actors::runtime& rt,
                                                 std::string_view connector,
                                                 std::string_view account, std::string_view query);

}  // namespace cs::api
