// Checkout.com: Unified Payments API for NAS accounts, secret-key auth, optional processing
// channel (see README.md in this folder). Payments with 3-D Secure, modifications, refunds read
// back from the payment's actions, stored-card mandates and disputes; defend_dispute has a note:
// Checkout.com has no such call (submitting evidence is the defence).
#include "connectors/checkout_com/descriptor.hpp"

#include "connectors/checkout_com/currencies.hpp"
#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/flow_steps.hpp"

namespace cs::connectors::checkout_com {
namespace {

domain::status secret_shape(std::string_view key, std::string_view value) {
  // NAS secret keys: sk_sbox_… (sandbox) and sk_… (live). A public key (pk_…) cannot charge.
  if (key.ends_with("secret_key") && !value.starts_with("sk_"))
    return domain::invalid_argument(std::string(key),
                                    "must be a Checkout.com secret key (sk_sbox_… or sk_…); a "
                                    "public key (pk_…) cannot charge");
  if (key.ends_with("processing_channel_id")) return wire::check_processing_channel(value, key);
  // The public key only exchanges wallet tokens (POST /tokens); it cannot charge.
  if (key.ends_with("public_key") && !value.starts_with("pk_"))
    return domain::invalid_argument(std::string(key),
                                    "must be a Checkout.com public key (pk_sbox_… or pk_…)");
  return domain::ok_status();
}

domain::connector identity() {
  return {
      .name = "checkout_com",
      .credential_keys = {"secret_key"},
      // NAS accounts with several channels name one (pc_…) on every POST /payments.
      // Apple Pay and Google Pay tokens are exchanged at POST /tokens with the public key (pk_…).
      .optional_credential_keys = {"processing_channel_id", "public_key"},
      // The sandbox; live is https://api.checkout.com, or the account's own
      // https://{prefix}.api.checkout.com (config base_urls.default).
      .base_urls = {{"default", "https://api.sandbox.checkout.com"}},
      // processor_token: a Checkout.com card token (tok_…) or stored source (src_…).
      .methods = {domain::method_kind::card, domain::method_kind::processor_token,
                  domain::method_kind::apple_pay, domain::method_kind::google_pay,
                  domain::method_kind::network_token},
      .currencies = &currencies(),
      .secret_shape = &secret_shape,
      .handle_webhook = &handle_webhook,
      .flows = {},
      .notes = {{domain::flow::defend_dispute,
                 "Checkout.com has no separate defend call: a dispute is contested by providing "
                 "evidence and submitting it; call SubmitEvidence (save_as_draft false) while the "
                 "dispute is evidence_required"}},
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c = with_flows(
      identity(),
      {add_payments_flows, add_modifications_flows, add_mandates_flows, add_disputes_flows});
  return c;
}

}  // namespace cs::connectors::checkout_com
