// PayPal: Orders v2 and Payments v2 with OAuth2 access tokens (see README.md in this folder).
// Issue 14 is under way: flows the table lacks (disputes) answer UNIMPLEMENTED.
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
      // The sandbox; live is https://api-m.paypal.com (config base_urls.default).
      .base_urls = {{"default", "https://api-m.sandbox.paypal.com"}},
      // Wallet: the PayPal wallet only; processor_token: an approved setup token (SetupMandate).
      .methods = {domain::method_kind::card, domain::method_kind::wallet,
                  domain::method_kind::processor_token},
      .currencies = &currencies(),
      .secret_shape = nullptr,
      .handle_webhook = &handle_webhook,
      .flows = {},
      .notes = {},
      .token = &wire::token_source(),
      .webhook_fetch = &certificate,
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c =
      with_flows(identity(), {add_payments_flows, add_modifications_flows, add_mandates_flows});
  return c;
}

}  // namespace cs::connectors::paypal
