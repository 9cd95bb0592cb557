// Identity of the connector and the flows Adyen has no API for.
#include "connectors/adyen/adyen_connector.hpp"

namespace cs::connectors::adyen {

using namespace domain;

namespace {

error no_get(std::string_view what, std::string_view instead) {
  error e;
  e.code = error_code::failed_precondition;
  e.reason = reason::not_supported_by_processor;
  e.message =
      std::string("Adyen has no API to look up ") + std::string(what) + ": " + std::string(instead);
  return e;
}

}  // namespace

std::vector<std::string_view> adyen_connector::credential_keys() const {
  return {"api_key", "merchant_account"};
}

std::vector<base_url> adyen_connector::base_urls() const {
  return {{"default", "https://checkout-test.adyen.com/v71"},
          {"disputes", "https://ca-test.adyen.com/ca/services/DisputeService/v30"}};
}

status adyen_connector::check_secret(std::string_view key, std::string_view value) const {
  if (auto s = connector::check_secret(key, value); !s) return s;
  // The webhook HMAC key is 32 bytes written as 64 hex characters (Customer Area, Webhooks).
  if (key.ends_with("webhook_secret") &&
      (value.size() != 64 ||
       value.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos))
    return invalid_argument(std::string(key),
                            "must be Adyen's HMAC key: 64 hexadecimal characters");
  return ok_status();
}

step_result<payment_result> adyen_connector::get_payment(const get_payment_request&,
                                                         const flow_context&) const {
  return no_get("a payment",
                "its outcome arrives by webhook (AUTHORISATION, CAPTURE, CANCELLATION …); forward "
                "Adyen's notifications to EventService.HandleWebhook. After a 3-D Secure "
                "redirect, call CompleteAuthorize with the redirectResult instead");
}

step_result<refund_result> adyen_connector::get_refund(const get_refund_request&,
                                                       const flow_context&) const {
  return no_get("a refund",
                "its outcome arrives by a REFUND (or REFUND_FAILED) webhook; forward Adyen's "
                "notifications to EventService.HandleWebhook");
}

step_result<dispute_result> adyen_connector::get_dispute(const dispute_request&,
                                                         const flow_context&) const {
  return no_get("a dispute",
                "its state arrives by webhook (NOTIFICATION_OF_CHARGEBACK, CHARGEBACK, "
                "CHARGEBACK_REVERSED …); forward Adyen's notifications to "
                "EventService.HandleWebhook");
}

}  // namespace cs::connectors::adyen
