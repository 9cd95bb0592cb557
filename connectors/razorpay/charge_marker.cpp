// Razorpay takes no idempotency key on order or payment creation: authorize, recurring_charge and
// setup_mandate's first payment each look up an earlier order by receipt before charging
// (order_lookup.hpp), so the receipt is the name a replica holds while one of them runs.
#include "domain/charge_marker.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

const domain::charge_marker& charge_marker() {
  static const domain::charge_marker m{
      wire::connector_name,
      {domain::flow::authorize, domain::flow::recurring_charge, domain::flow::setup_mandate},
      &wire::receipt};
  return m;
}

}  // namespace cs::connectors::razorpay
