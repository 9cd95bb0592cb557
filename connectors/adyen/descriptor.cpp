// Adyen: Checkout API v71 (payments and modifications) and DisputeService v30. See README.md in
// this folder for the wire facts and quirks.
#include "connectors/adyen/descriptor.hpp"

#include "connectors/adyen/currencies.hpp"
#include "connectors/adyen/flow_parts.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::adyen {
namespace {

domain::status secret_shape(std::string_view key, std::string_view value) {
  // The webhook HMAC key is 32 bytes written as 64 hex characters (Customer Area, Webhooks).
  if (key.ends_with("webhook_secret") &&
      (value.size() != 64 ||
       value.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos))
    return domain::invalid_argument(std::string(key),
                                    "must be Adyen's HMAC key: 64 hexadecimal characters");
  return domain::ok_status();
}

domain::connector identity() {
  return {
      .name = "adyen",
      .credential_keys = {"api_key", "merchant_account"},
      .optional_credential_keys = {},
      .base_urls = {{"default", "https://checkout-test.adyen.com/v71"},
                    {"disputes", "https://ca-test.adyen.com/ca/services/DisputeService/v30"}},
      .methods = {domain::method_kind::card,
                  domain::method_kind::apple_pay,
                  domain::method_kind::google_pay,
                  domain::method_kind::network_token,
                  // Direct debits: pending (Received) until the bank's answer arrives by webhook.
                  {domain::method_kind::sepa_debit, {"EUR"}},
                  {domain::method_kind::ach_debit, {"USD"}},
                  // Redirects: AUTHENTICATION_PENDING until CompleteAuthorize. Bancontact is the
                  // card brand bcmc at Adyen, not a redirect: not declared.
                  {domain::method_kind::ideal, {"EUR"}},
                  // Klarna pay later in the markets of redirect_methods.cpp (each country's
                  // currency is checked there).
                  {domain::method_kind::klarna,
                   {"EUR", "SEK", "NOK", "DKK", "GBP", "USD"},
                   {"AT", "BE", "DE", "DK", "ES", "FI", "FR", "GB", "IT", "NL", "NO", "SE", "US"}}},
      .currencies = &currencies(),
      .secret_shape = &secret_shape,
      .handle_webhook = &handle_webhook,
      // Adyen has no API to look these up: outcomes arrive by webhook.
      .flows = {},
      .notes = {{domain::flow::get_payment,
                 "Adyen has no API to look up a payment: its outcome arrives by webhook "
                 "(AUTHORISATION, CAPTURE, CANCELLATION …); forward Adyen's notifications to "
                 "EventService.HandleWebhook. After a 3-D Secure redirect, call "
                 "CompleteAuthorize with the redirectResult instead"},
                {domain::flow::get_refund,
                 "Adyen has no API to look up a refund: its outcome arrives by a REFUND (or "
                 "REFUND_FAILED) webhook; forward Adyen's notifications to "
                 "EventService.HandleWebhook"},
                {domain::flow::get_dispute,
                 "Adyen has no API to look up a dispute: its state arrives by webhook "
                 "(NOTIFICATION_OF_CHARGEBACK, CHARGEBACK, CHARGEBACK_REVERSED …); forward "
                 "Adyen's notifications to EventService.HandleWebhook"}},
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c = with_flows(
      identity(),
      {add_payments_flows, add_modifications_flows, add_mandates_flows, add_disputes_flows});
  return c;
}

}  // namespace cs::connectors::adyen
