// Braintree: the GraphQL API (POST /graphql, Basic public:private key auth, Braintree-Version
// 2019-01-01; see README.md in this folder).
#include "connectors/braintree/descriptor.hpp"

#include "connectors/braintree/currencies.hpp"
#include "connectors/braintree/flow_parts.hpp"
#include "connectors/braintree/webhook.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::braintree {
namespace {

domain::status secret_shape(std::string_view key, std::string_view value) {
  // The webhook secret is the key pair that signs the deliveries.
  if (key.ends_with("webhook_secret") && value.find(':') == std::string_view::npos)
    return domain::invalid_argument(
        std::string(key), "must be the Braintree API key pair \"public_key:private_key\"");
  return domain::ok_status();
}

domain::connector identity() {
  return {
      .name = "braintree",
      .credential_keys = {"public_key", "private_key"},
      // The merchant account (and so the currency) transactions use; else the gateway's default.
      .optional_credential_keys = {"merchant_account_id"},
      // The sandbox; live is https://payments.braintree-api.com (config base_urls.default).
      .base_urls = {{"default", "https://payments.sandbox.braintree-api.com"}},
      .methods = {domain::method_kind::card, domain::method_kind::processor_token},
      .currencies = &currencies(),
      .secret_shape = &secret_shape,
      .handle_webhook = &handle_webhook,
      .flows = {},
      .notes =
          {
              {domain::flow::complete_authorize,
               "Braintree's 3-D Secure runs in the payer's browser or app (Drop-in or Hosted "
               "Fields threeDSecure.verifyCard), which returns an authenticated nonce: pass that "
               "nonce as payment_method.token to Authorize; there is no redirect to complete "
               "server-side"},
          },
      .webhook_challenge = &answer_challenge,
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c = with_flows(
      identity(),
      {add_payments_flows, add_modifications_flows, add_mandates_flows, add_disputes_flows});
  return c;
}

}  // namespace cs::connectors::braintree
