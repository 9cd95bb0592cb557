#pragma once
// One verified notification item → one unified webhook_event.

#include <string>

#include "connectors/adyen/hmac_signature.hpp"
#include "domain/webhook.hpp"

namespace cs::connectors::adyen {

struct notification_item {
  notification_fields fields;  // the signed fields
  std::string signature;       // additionalData.hmacSignature
  std::string reason;
  std::string modification_action;  // additionalData["modification.action"] (CANCEL_OR_REFUND)
  std::string refusal_code;         // additionalData.refusalReasonCode, when sent
  std::string payment_method;       // paymentMethod (visa, ideal, klarna…)
};

domain::webhook_event to_event(const notification_item& n);

}  // namespace cs::connectors::adyen
