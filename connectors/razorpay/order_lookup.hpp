#pragma once
// Razorpay has no idempotency key for payment creation, so a payment create that timed out or
// answered 5xx may have charged. Every charge therefore starts by looking up the orders that
// carry its receipt (GET /v1/orders?receipt=…&expand[]=payments): a payment that already
// settled the order is returned instead of charging again, an order whose payments all failed
// gets the new payment, and only without an order is one created.

#include <optional>
#include <string>
#include <string_view>

#include "connectors/razorpay/wire.hpp"
#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::razorpay {

domain::http_request find_orders(std::string_view receipt, const wire::keys& k);

struct existing_order {
  std::string order_id;  // empty: no order carries the receipt yet
  // The order's payment that is authorized, captured, refunded or still in progress: the
  // outcome of the earlier attempt, never to be charged again.
  std::optional<domain::payment_result> payment;
};

// The lookup's answer for `receipt` (compared exactly) and the call's `amount`. An order with
// that receipt for another amount or currency is FAILED_PRECONDITION: the same idempotency key or
// merchant_reference was used for another charge.
domain::result<existing_order> read_orders(const domain::http_response& r,
                                           std::string_view key_secret, std::string_view receipt,
                                           const domain::money& amount);

// The order a payment create request was for (read back from its body).
std::string order_of_payment_request(const domain::http_request& r);

// The payment create on `order_id` gave no answer about the payment. A 5xx or an unreadable
// answer may hide a charge: OUTCOME_UNKNOWN, saying that a retry with the same key or reference
// finds the order's payment instead of charging again. A refusal (4xx) leaves a harmless order.
domain::error payment_create_failed(domain::error e, const domain::http_response& r,
                                    std::string_view order_id);

}  // namespace cs::connectors::razorpay
