#pragma once
// Atoms and message types exchanged between the service's actors. Messages never leave the
// process, so they are declared as local-only ("unsafe") types instead of being serializable.

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <optional>

#include "domain/connector.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"
#include "domain/webhook.hpp"

namespace cs::actors {

using send_atom = caf::atom_constant<caf::atom("send")>;        // flow → connector pool
using done_atom = caf::atom_constant<caf::atom("done")>;        // I/O thread → pool
using next_atom = caf::atom_constant<caf::atom("next")>;        // flow → itself
using webhook_atom = caf::atom_constant<caf::atom("webhook")>;  // verify + normalize
using relay_atom = caf::atom_constant<caf::atom("relay")>;      // … then relay to the sink
using admit_atom = caf::atom_constant<caf::atom("admit")>;      // pool: rate limit, then send
using attempt_atom = caf::atom_constant<caf::atom("attempt")>;  // pool: breaker, then a worker
using token_atom = caf::atom_constant<caf::atom("token")>;      // flow → pool: an access token

// One processor call a flow asks its connector pool to make. The pool may make it several
// times (retries), each attempt within `timeout` and all of them before `deadline`.
struct outbound {
  domain::http_request request;
  std::chrono::milliseconds timeout;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::string account;     // configured merchant account, for its own rate limit ("" = none)
  std::string_view flow;   // a domain::to_string(flow) literal, for labels and logs
  std::string request_id;  // for logs
};

using http_outcome = domain::result<domain::http_response>;

// The pool's answer: the last attempt's outcome and how many attempts were made.
struct pool_reply {
  http_outcome outcome;
  int attempts = 1;
};

// A flow asks its pool for the access token of its credentials (connectors with a
// token_source). The pool answers from its cache, or fetches it once for every flow that asks
// meanwhile by sending `fetch` like any call and reading the reply with `read`.
struct token_ask {
  std::string key;  // the connector's cache key for the credentials
  outbound fetch;
  domain::result<domain::issued_token> (*read)(const domain::http_response&) = nullptr;
  // The processor refused this token (401): drop it, unless another flow already replaced it.
  std::string refused;
};

struct token_reply {
  domain::result<std::string> token;
  int attempts = 0;  // processor calls this ask waited for (0: from the cache)
};

// A connector's pool (connector_pool.cpp): processor calls, and access tokens for connectors
// with a token_source. Internal: admit_atom, attempt_atom (timers to itself) and done_atom (I/O
// completions). Declared here rather than in interfaces.hpp because a webhook_job carries one.
using pool_actor = caf::typed_actor<caf::replies_to<send_atom, outbound>::with<pool_reply>,
                                    caf::replies_to<token_atom, token_ask>::with<token_reply>>;

// A delivery the processor verifies itself (the account's webhook_verification = "api", the
// connector's webhook_verify): the call goes through the connector's pool with the account's
// credentials, as a flow's would.
struct webhook_api_check {
  pool_actor pool;
  domain::credentials creds;
  std::string account;                       // for the account's own rate limit
  std::chrono::milliseconds step_timeout{};  // each call: the token, the verification
  std::chrono::milliseconds budget{};        // all of it, from when the actor takes the job
};

struct webhook_job {
  const domain::connector* conn = nullptr;  // resolved by the caller (enabled in the config)
  std::string connector;
  std::string account;  // the merchant account whose secret verifies it (receiver only)
  domain::webhook_request request;
  std::optional<webhook_api_check> api;  // unset: the connector's handle_webhook checks it
};

using webhook_outcome = domain::result<domain::webhook_result>;

}  // namespace cs::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::outbound)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::http_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::pool_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::webhook_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::token_ask)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::token_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(cs::actors::webhook_outcome)
