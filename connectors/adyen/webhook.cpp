// Standard notifications: verify every item's HMAC (all or nothing), then map eventCode to a
// unified event. See webhook_events.cpp for the mapping.
#include <fmt/format.h>

#include "connectors/adyen/flow_parts.hpp"
#include "connectors/adyen/hmac_signature.hpp"
#include "connectors/adyen/webhook_events.hpp"
#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::adyen {

using namespace domain;

namespace {

error not_a_notification(std::string_view why) {
  return invalid_argument("body", fmt::format("is not an Adyen standard notification: {}", why));
}

notification_item read_item(simdjson::dom::element item) {
  notification_item n;
  auto& f = n.fields;
  f.psp_reference = json::str(item, "pspReference");
  f.original_reference = json::str(item, "originalReference");
  f.merchant_account_code = json::str(item, "merchantAccountCode");
  f.merchant_reference = json::str(item, "merchantReference");
  if (auto amount = json::obj(item, "amount")) {
    f.amount_value = json::text(*amount, "value");
    f.amount_currency = json::str(*amount, "currency");
  }
  f.event_code = json::str(item, "eventCode");
  f.success = json::text(item, "success");
  n.reason = json::str(item, "reason");
  n.payment_method = json::str(item, "paymentMethod");
  if (auto extra = json::obj(item, "additionalData")) {
    n.signature = json::str(*extra, "hmacSignature");
    n.modification_action = json::str(*extra, "modification.action");
    n.refusal_code = json::text(*extra, "refusalReasonCode");
  }
  return n;
}

}  // namespace

result<webhook_result> handle_webhook(const webhook_request& req) {
  if (req.secret_key.empty()) {
    error e;
    e.code = error_code::unauthenticated;
    e.reason = reason::missing_credentials;
    e.message =
        "Adyen webhooks are signed per item: pass the merchant's HMAC key (64 hex characters "
        "from the Customer Area webhook settings) as the webhook secret";
    return e;
  }
  auto key = hex_decode(req.secret_key.reveal());
  if (!key)
    return invalid_argument("secret",
                            "must be Adyen's HMAC key in hexadecimal (64 hex characters)");

  auto doc = json::parse(req.body, "adyen");
  if (!doc) return not_a_notification("the body is not JSON");
  simdjson::dom::array items;
  auto list = json::obj(*doc, "notificationItems");
  if (!list || list->get_array().get(items) || items.size() == 0)
    return not_a_notification("notificationItems is missing or empty");

  std::vector<notification_item> parsed;
  parsed.reserve(items.size());
  for (auto wrapper : items) {
    auto item = json::obj(wrapper, "NotificationRequestItem");
    if (!item || !item->is_object())
      return not_a_notification("an item has no NotificationRequestItem object");
    parsed.push_back(read_item(*item));
  }

  // Nothing from the body counts until every item is verified.
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& n = parsed[i];
    auto expected = base64_encode(hmac_sha256(*key, signing_string(n.fields)));
    if (n.signature.empty() || !constant_time_equal(expected, n.signature)) {
      error e;
      e.code = error_code::unauthenticated;
      e.reason = reason::bad_signature;
      e.message = fmt::format(
          "Adyen notification item {} of {} has {} additionalData.hmacSignature; check the "
          "HMAC key configured for this merchant",
          i + 1, parsed.size(), n.signature.empty() ? "no" : "a wrong");
      return e;
    }
  }

  webhook_result out;
  out.acknowledgement = "[accepted]";
  out.events.reserve(parsed.size());
  for (const auto& n : parsed) out.events.push_back(to_event(n));
  return out;
}

}  // namespace cs::connectors::adyen
