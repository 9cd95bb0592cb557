#include "connectors/paypal/orders.hpp"

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/paypal/replies.hpp"

namespace cs::connectors::paypal {

using namespace domain;

namespace {

constexpr std::size_t max_custom_id = 127;

// POST /v2/checkout/orders/{id}/authorize or /capture, as the order's intent says.
http_request settle_request(std::string_view order_id, bool authorize, const wire::auth& a,
                            std::string_view idempotency_key) {
  boost::json::object empty;
  auto action = authorize ? "authorize" : "capture";
  return wire::post(encoded_path({"v2", "checkout", "orders", order_id, action}), &empty, a,
                    wire::request_id(idempotency_key, action));
}

payment_result declined(processor_error pe, std::string order_id,
                        std::string_view merchant_reference) {
  payment_result p;
  p.status = payment_status::failure;
  p.connector_payment_id = std::move(order_id);
  p.error = std::move(pe);
  p.merchant_reference = std::string(merchant_reference);
  return p;
}

}  // namespace

result<http_request> order_request(const money& amount, capture_method capture,
                                   std::string_view merchant_reference,
                                   std::string_view description, boost::json::object payment_source,
                                   const wire::auth& a, std::string_view idempotency_key) {
  if (merchant_reference.size() > max_custom_id)
    return invalid_argument("merchant_reference",
                            "PayPal's custom_id takes at most 127 characters");
  auto money = wire::money_json(amount, "amount");
  if (!money) return money.err();
  boost::json::object unit{{"amount", std::move(*money)}};
  if (!merchant_reference.empty()) unit["custom_id"] = merchant_reference;
  if (!description.empty()) unit["description"] = description.substr(0, 127);
  boost::json::object body{
      {"intent", capture == capture_method::manual ? "AUTHORIZE" : "CAPTURE"},
      {"purchase_units", boost::json::array{std::move(unit)}},
      {"payment_source", std::move(payment_source)},
  };
  return wire::post("/v2/checkout/orders", &body, a, wire::request_id(idempotency_key));
}

std::string order_id_of(const http_response& r) {
  auto doc = json::parse(r.body, wire::connector_name);
  return doc ? json::str(*doc, "id") : std::string();
}

step_result<payment_result> after_order(const http_response& r, const wire::auth& a,
                                        std::string_view idempotency_key,
                                        std::string_view merchant_reference,
                                        std::string_view order_id_sent) {
  auto rep = read_reply(r, a.access_token);
  if (!rep) return rep.err();
  if (rep->decline)
    return final_result<payment_result>(
        declined(std::move(*rep->decline), std::string(order_id_sent), merchant_reference));
  if (!rep->object)  // a 2xx without a body says nothing about the order
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "PayPal answered the order call without a body");
  auto order = read_order(*rep->object, merchant_reference);
  if (!order) return order.err();
  if ((order->status == "CREATED" || order->status == "APPROVED") && !idempotency_key.empty()) {
    bool authorize = order->intent == "AUTHORIZE";
    return next_request<payment_result>(
        authorize ? "authorize" : "capture",
        settle_request(order->payment.connector_payment_id, authorize, a, idempotency_key));
  }
  return final_result<payment_result>(std::move(order->payment));
}

}  // namespace cs::connectors::paypal
