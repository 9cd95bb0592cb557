#pragma once
// A charge (authorize, recurring_charge): Braintree deduplicates nothing, so every charge first
// looks its orderId up ("lookup": search.transactions + the merchant accounts' currencies), then
// tokenizes a card ("tokenize", cards only) and authorizes or charges the payment method
// ("authorize" / "charge"). An earlier attempt's transaction is returned instead of charging
// again; a currency the merchant account does not hold is refused before anything is charged.

#include <optional>
#include <string>

#include "connectors/braintree/wire.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::braintree {

struct charge_spec {
  domain::money amount;
  std::string order_id;  // wire::order_id
  domain::capture_method capture = domain::capture_method::automatic;
  const domain::payment_method* method = nullptr;  // a card or a processor token
  std::string initiator;                           // PaymentInitiator, or empty (the customer)
  std::string merchant_reference;
  std::string_view flow;  // for unexpected_step
};

// tokenizeCreditCard for a validated card (step "tokenize"): a single-use payment method id.
domain::http_request tokenize_request(const domain::card& k, const wire::auth& a);

// Checks before any call: the amount, the payment method (INVALID_ARGUMENT naming the field).
domain::status check_charge(const charge_spec& c);

domain::step_result<domain::payment_result> run_charge(const charge_spec& c, const wire::auth& a,
                                                       const domain::flow_context& ctx);

}  // namespace cs::connectors::braintree
