#pragma once
// What the HTTP webhook receiver relays to the merchant's sink: the API's WebhookRelay message as
// proto3 JSON, built by the same conversion as EventService.HandleWebhook's events, so one SDK
// type reads both.

#include <string>
#include <string_view>
#include <vector>

#include "domain/webhook.hpp"

namespace cs::api {

// An actors::relay_encoder.
std::string relay_body(std::string_view connector, std::string_view account,
                       const std::vector<domain::webhook_event>& events);

}  // namespace cs::api
