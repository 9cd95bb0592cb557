// Braintree takes no idempotency key on a transaction: authorize and recurring_charge search for
// an earlier transaction by orderId before charging (charge.hpp), and that search lags behind a
// new transaction. The orderId is the name a replica holds while one of them runs.
#include "domain/charge_marker.hpp"
#include "connectors/braintree/wire.hpp"

namespace cs::connectors::braintree {

const domain::charge_marker& charge_marker() {
  static const domain::charge_marker m{wire::connector_name,
                                       {domain::flow::authorize, domain::flow::recurring_charge},
                                       &wire::order_id};
  return m;
}

}  // namespace cs::connectors::braintree
