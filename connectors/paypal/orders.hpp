#pragma once
// The order, shared by the flows that create one (authorize, complete_authorize, get_payment and
// recurring_charge): the create body, the call PayPal waits for while an order is CREATED or
// APPROVED, and the payment an order reply says (internal to this folder).

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "connectors/paypal/wire.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::paypal {

// POST /v2/checkout/orders: one purchase unit (amount, custom_id = the merchant reference,
// description) paid from `payment_source`; intent AUTHORIZE for manual capture, else CAPTURE.
domain::result<domain::http_request> order_request(
    const domain::money& amount, domain::capture_method capture,
    std::string_view merchant_reference, std::string_view description,
    boost::json::object payment_source, const wire::auth& a, std::string_view idempotency_key);

// The order after a step: final, or the authorize / capture call (as its intent says) that
// PayPal waits for while the order is CREATED or APPROVED — only when `idempotency_key` is
// given (a reply to that call itself is final). `order_id_sent` names the order in a decline
// whose reply has none.
domain::step_result<domain::payment_result> after_order(const domain::http_response& r,
                                                        const wire::auth& a,
                                                        std::string_view idempotency_key,
                                                        std::string_view merchant_reference,
                                                        std::string_view order_id_sent = {});

// The order's id in a reply to the "order" step ("" when the reply has none).
std::string order_id_of(const domain::http_response& r);

// The steps that authorize or capture an order.
inline bool settled(std::string_view step) {
  return step == "authorize" || step == "capture";
}

}  // namespace cs::connectors::paypal
