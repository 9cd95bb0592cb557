#pragma once
// A connector whose processor takes no idempotency key on some charges (Razorpay's orders and
// payments, Braintree's transactions) finds an earlier attempt by the name it gave the charge
// (Razorpay's receipt, Braintree's orderId) before charging. That covers a retry on one replica,
// not two replicas running the same charge at once, nor a search index that lags. So the
// connector declares those flows and that name; the service then holds a marker for the name in
// Redis while such a flow runs (actors/charge_marker.hpp). A new header, not a field of
// `connector`, so that declaring it rebuilds only the files that use it.

#include <string>
#include <string_view>
#include <vector>

#include "domain/flows.hpp"
#include "domain/result.hpp"

namespace cs::domain {

struct charge_marker {
  std::string_view connector;  // the descriptor's name
  // The flows that may charge without a processor idempotency key.
  std::vector<flow> flows;
  // The name the processor knows the call's charge by, from the request's merchant_reference and
  // idempotency_key, as the flow derives it (an error when the flow would refuse them).
  result<std::string> (*name)(std::string_view merchant_reference,
                              std::string_view idempotency_key) = nullptr;

  bool covers(flow f) const noexcept {
    for (auto x : flows)
      if (x == f) return true;
    return false;
  }
};

}  // namespace cs::domain
