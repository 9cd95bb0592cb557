// PayPal: Orders v2, Payments v2, Vault v3 and Disputes v1 with OAuth2 access tokens (see
// README.md in this folder). defend_dispute has a note: PayPal has no such call.
#include "connectors/paypal/descriptor.hpp"

#include "connectors/common/flow_steps.hpp"
#include "connectors/paypal/currencies.hpp"
#include "connectors/paypal/flow_parts.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {
namespace {

domain::connector identity() {
  return {
      .name = "paypal",
      .credential_keys = {"client_id", "client_secret"},
      .optional_credential_keys = {},
      // The sandbox; live is https://api-m.paypal.com (config base_urls.default).
      .base_urls = {{"default", "https://api-m.sandbox.paypal.com"}},
      // Wallet: the PayPal wallet only; processor_token: an approved setup token (SetupMandate).
      .methods = {domain::method_kind::card, domain::method_kind::paypal,
                  domain::method_kind::processor_token},
      .currencies = &currencies(),
      .secret_shape = nullptr,
      .handle_webhook = &handle_webhook,
      .flows = {},
      .notes = {{domain::flow::defend_dispute,
                 "PayPal has no separate defend call: a dispute is contested by providing "
                 "evidence; call SubmitEvidence while PayPal waits for the seller (status "
                 "WAITING_FOR_SELLER_RESPONSE)"}},
      .token = &wire::token_source(),
      .webhook_fetch = &certificate,
      .webhook_verify = &verify_by_api,
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c = with_flows(
      identity(),
      {add_payments_flows, add_modifications_flows, add_mandates_flows, add_disputes_flows});
  return c;
}

}  // namespace cs::connectors::paypal
