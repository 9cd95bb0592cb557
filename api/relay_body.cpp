#include "api/relay_body.hpp"

#include <google/protobuf/util/json_util.h>

#include "api/convert.hpp"

namespace cs::api {

std::string relay_body(std::string_view connector, std::string_view account,
                       const std::vector<domain::webhook_event>& events) {
  v1::WebhookRelay relay;
  relay.set_connector(std::string(connector));
  relay.set_merchant_account(std::string(account));
  for (const auto& e : events) event_out(e, relay.add_events());
  std::string out;
  // Default options are the canonical proto3 JSON: lowerCamelCase names, enums by name, fields at
  // their default omitted. Printing a message of known type cannot fail.
  (void)google::protobuf::util::MessageToJsonString(relay, &out);
  return out;
}

}  // namespace cs::api
