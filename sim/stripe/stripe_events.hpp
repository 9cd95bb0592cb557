#pragma once
// Stripe webhook events and their Stripe-Signature header. The HMAC is the simulator's own
// (OpenSSL directly) so it cannot share a bug with the connector.

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace processor_sim::stripe {

struct event {
  std::string id, type, request_id, idempotency_key;
  std::int64_t created = 0;
  boost::json::object object;  // data.object
};

// {"id","object":"event","api_version","created","data":{"object"},"livemode":false,
//  "pending_webhooks":1,"request":{"id","idempotency_key"},"type"}
std::string event_body(const event& e);

// lower-case hex HMAC-SHA256(secret bytes incl. "whsec_", "<t>.<body>").
std::string signature_v1(const std::string& secret, std::int64_t t, const std::string& body);
// "t=<t>,v1=<hex>"
std::string signature_header(const std::string& secret, std::int64_t t, const std::string& body);

}  // namespace processor_sim::stripe
