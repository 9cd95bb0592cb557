#include "stripe_params.hpp"

#include <algorithm>
#include <map>

namespace processor_sim::stripe {
namespace {

using names = std::vector<std::string>;

const std::map<std::string, names>& routes() {
  static const std::map<std::string, names> table{
      {"POST /v1/payment_methods",
       {"billing_details", "card", "customer", "expand", "metadata", "payment_method",
        "radar_options", "sepa_debit", "ideal", "bancontact", "klarna", "type", "us_bank_account"}},
      {"GET /v1/payment_methods/{id}", {"expand"}},
      {"POST /v1/tokens",
       {"account", "bank_account", "card", "customer", "cvc_update", "expand", "person", "pii",
        "pk_token", "pk_token_instrument_name", "pk_token_payment_network",
        "pk_token_transaction_id"}},
      {"GET /v1/tokens/{id}", {"expand"}},
      {"POST /v1/payment_methods/{id}/attach", {"customer", "expand"}},
      {"POST /v1/payment_methods/{id}/detach", {"expand"}},
      {"POST /v1/payment_intents",
       {"amount",
        "application_fee_amount",
        "automatic_payment_methods",
        "capture_method",
        "confirm",
        "confirmation_method",
        "currency",
        "customer",
        "description",
        "error_on_requires_action",
        "expand",
        "mandate",
        "mandate_data",
        "metadata",
        "off_session",
        "on_behalf_of",
        "payment_method",
        "payment_method_data",
        "payment_method_options",
        "payment_method_types",
        "radar_options",
        "receipt_email",
        "return_url",
        "setup_future_usage",
        "shipping",
        "statement_descriptor",
        "statement_descriptor_suffix",
        "transfer_data",
        "transfer_group",
        "use_stripe_sdk"}},
      {"GET /v1/payment_intents/{id}", {"client_secret", "expand"}},
      {"POST /v1/payment_intents/{id}/confirm",
       {"capture_method", "client_secret", "error_on_requires_action", "expand", "mandate",
        "mandate_data", "off_session", "payment_method", "payment_method_data",
        "payment_method_options", "payment_method_types", "radar_options", "receipt_email",
        "return_url", "setup_future_usage", "shipping", "use_stripe_sdk"}},
      {"POST /v1/payment_intents/{id}/capture",
       {"amount_to_capture", "application_fee_amount", "expand", "metadata", "statement_descriptor",
        "statement_descriptor_suffix", "transfer_data"}},
      {"POST /v1/payment_intents/{id}/cancel", {"cancellation_reason", "expand"}},
      {"POST /v1/refunds",
       {"amount", "charge", "currency", "customer", "expand", "instructions_email", "metadata",
        "origin", "payment_intent", "reason", "refund_application_fee", "reverse_transfer"}},
      {"GET /v1/refunds/{id}", {"expand"}},
      {"GET /v1/charges/{id}", {"expand"}},
      {"POST /v1/customers",
       {"address", "balance", "description", "email", "expand", "invoice_settings", "metadata",
        "name", "payment_method", "phone", "preferred_locales", "shipping", "tax_exempt"}},
      {"GET /v1/customers/{id}", {"expand"}},
      {"POST /v1/setup_intents",
       {"attach_to_self", "automatic_payment_methods", "confirm", "customer", "description",
        "expand", "flow_directions", "mandate_data", "metadata", "on_behalf_of", "payment_method",
        "payment_method_data", "payment_method_options", "payment_method_types", "return_url",
        "single_use", "usage", "use_stripe_sdk"}},
      {"GET /v1/setup_intents/{id}", {"client_secret", "expand"}},
      {"POST /v1/setup_intents/{id}/confirm",
       {"client_secret", "expand", "mandate_data", "payment_method", "payment_method_data",
        "payment_method_options", "return_url", "use_stripe_sdk"}},
      {"GET /v1/disputes/{id}", {"expand"}},
      {"POST /v1/disputes/{id}", {"evidence", "expand", "metadata", "submit"}},
      {"POST /v1/disputes/{id}/close", {"expand"}},
  };
  return table;
}

}  // namespace

std::string route_pattern(const std::string& method, const std::vector<std::string>& parts) {
  std::string out = method + " ";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += "/" + (i == 2 ? std::string("{id}") : parts[i]);
  }
  return out;
}

bool known_route(const std::string& pattern) {
  return routes().count(pattern) != 0;
}

std::optional<std::string> unknown_param(const std::string& pattern, const names& given) {
  auto it = routes().find(pattern);
  if (it == routes().end()) return std::nullopt;
  for (const auto& name : given) {
    if (std::find(it->second.begin(), it->second.end(), name) == it->second.end()) return name;
  }
  return std::nullopt;
}

}  // namespace processor_sim::stripe
