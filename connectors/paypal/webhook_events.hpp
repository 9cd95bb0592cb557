#pragma once
// A verified PayPal webhook event ({id, event_type, resource_type, resource}) in unified terms
// (README.md has the table). Pure; the signature is checked before (webhook_signature.hpp).

#include <simdjson.h>

#include <string_view>

#include "domain/result.hpp"
#include "domain/webhook.hpp"

namespace cs::connectors::paypal {

// One event: payments carry the order id as connector_payment_id (the connector's id) and the
// authorization or capture as the operation; refunds their refund id; disputes theirs. An event
// type the table lacks is `other`, with its name, never an error. BAD_PROCESSOR_REPLY when the
// body is not an event.
domain::result<domain::webhook_event> read_event(std::string_view body);

// CUSTOMER.DISPUTE.* resource.status → unified.
domain::dispute_status map_dispute_status(std::string_view status) noexcept;
// A dispute object (an event's resource, or GET /v1/customer/disputes/{id}) → unified: its
// status, and a RESOLVED one won or lost by dispute_outcome.outcome_code.
domain::dispute_status dispute_status_of(simdjson::dom::element dispute);

}  // namespace cs::connectors::paypal
