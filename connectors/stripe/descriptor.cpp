// Stripe: PaymentIntents API, version 2023-08-16 (pinned with Stripe-Version). See README.md in
// this folder for the wire facts and quirks.
#include "connectors/stripe/descriptor.hpp"

#include "connectors/common/flow_steps.hpp"
#include "connectors/stripe/currencies.hpp"
#include "connectors/stripe/flow_parts.hpp"

namespace cs::connectors::stripe {
namespace {

domain::status secret_shape(std::string_view key, std::string_view value) {
  // Secret (sk_) and restricted (rk_) keys; webhook endpoint secrets start with whsec_.
  if (key.ends_with("api_key") && !value.starts_with("sk_") && !value.starts_with("rk_"))
    return domain::invalid_argument(std::string(key),
                                    "must be a Stripe secret or restricted key (sk_… or rk_…); a "
                                    "publishable key (pk_…) cannot charge");
  if (key.ends_with("webhook_secret") && !value.starts_with("whsec_"))
    return domain::invalid_argument(std::string(key),
                                    "must be the endpoint's signing secret (whsec_…)");
  return domain::ok_status();
}

domain::connector identity() {
  return {
      .name = "stripe",
      .credential_keys = {"api_key"},
      .optional_credential_keys = {},
      // Stripe has one host for test and live; the key (sk_test_ / sk_live_) picks the mode.
      .base_urls = {{"default", "https://api.stripe.com"}},
      .methods = {domain::method_kind::card,
                  domain::method_kind::processor_token,
                  domain::method_kind::apple_pay,
                  domain::method_kind::google_pay,
                  {domain::method_kind::sepa_debit, {"EUR"}},
                  {domain::method_kind::ach_debit, {"USD"}},
                  {domain::method_kind::ideal, {"EUR"}},
                  {domain::method_kind::bancontact, {"EUR"}},
                  {domain::method_kind::klarna, {"EUR", "GBP", "USD", "DKK", "NOK", "SEK"}}},
      .currencies = &currencies(),
      .secret_shape = &secret_shape,
      .handle_webhook = &handle_webhook,
      .flows = {},
      // defend_dispute is absent: Stripe has no separate defend call (submitting evidence with
      // submit=true is the defense), so it answers UNIMPLEMENTED.
      .notes = {},
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c = with_flows(
      identity(),
      {add_payments_flows, add_modifications_flows, add_mandates_flows, add_disputes_flows});
  return c;
}

}  // namespace cs::connectors::stripe
