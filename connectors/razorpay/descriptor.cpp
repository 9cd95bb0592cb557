// Razorpay: REST API v1 (version in the path), server-to-server JSON payments. See README.md in
// this folder for the wire facts, two-step flows and quirks.
#include "connectors/razorpay/descriptor.hpp"

#include "connectors/common/flow_steps.hpp"
#include "connectors/razorpay/currencies.hpp"
#include "connectors/razorpay/flow_parts.hpp"

namespace cs::connectors::razorpay {
namespace {

domain::status secret_shape(std::string_view key, std::string_view value) {
  if (key.ends_with("key_id") && !value.starts_with("rzp_test_") && !value.starts_with("rzp_live_"))
    return domain::invalid_argument(std::string(key),
                                    "must be a Razorpay key id (rzp_test_… or rzp_live_…)");
  return domain::ok_status();
}

domain::connector identity() {
  return {
      .name = "razorpay",
      .credential_keys = {"key_id", "key_secret"},
      .optional_credential_keys = {},
      // One host for test and live: the key (rzp_test_… / rzp_live_…) picks the mode. Targets
      // carry the /v1 version prefix.
      .base_urls = {{"default", "https://api.razorpay.com"}},
      .methods = {domain::method_kind::card,
                  {domain::method_kind::upi_collect, {"INR"}},
                  {domain::method_kind::upi_intent, {"INR"}}},
      .currencies = &currencies(),
      .secret_shape = &secret_shape,
      .handle_webhook = &handle_webhook,
      // The flow exists in the API but the processor cannot do it, and the caller has a way out
      // (refund after capture, or let the authorization lapse).
      .flows = {},
      .notes = {{domain::flow::void_payment,
                 "Razorpay has no void: an authorized payment that is not captured is refunded "
                 "to the customer automatically after a few days (the capture window set on the "
                 "account); refund a captured payment instead"}},
  };
}

}  // namespace

const domain::connector& descriptor() {
  static const domain::connector c = with_flows(
      identity(),
      {add_payments_flows, add_modifications_flows, add_mandates_flows, add_disputes_flows});
  return c;
}

}  // namespace cs::connectors::razorpay
