#pragma once
// The payment create bodies (card: /v1/payments/create/json, UPI: /v1/payments/create/upi) and
// what they need from the shopper, checked before the order is created so that a flow never
// leaves an order it cannot pay.

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <string_view>

#include "domain/flows.hpp"

namespace cs::connectors::razorpay {

// Defaults when the request metadata has no `referer` / `user_agent` (README.md).
inline constexpr std::string_view default_user_agent =
    "Mozilla/5.0 (compatible; connector-service; +server-to-server)";
inline constexpr std::string_view default_referer = "https://connector-service.invalid/";

// The payment method as this connector takes it: a card, a UPI VPA (collect) or UPI intent.
struct method_ref {
  const domain::card* card = nullptr;
  const domain::upi* upi = nullptr;
  bool upi_intent = false;
};
domain::result<method_ref> check_method(const domain::payment_method& m);

// What Razorpay requires about the customer and the device: email, contact, ip (named
// customer.email, customer.phone, customer.ip_address) and, for a card, a holder name (the
// card's, or customer.name).
domain::status check_shopper(const method_ref& m, const domain::customer& shopper);

struct device {
  std::string ip, referer, user_agent;
};
device device_of(const domain::customer& shopper,
                 const std::map<std::string, std::string>& metadata, std::string_view return_url);

struct payment_fields {
  const domain::money* amount = nullptr;
  std::string_view order_id;
  const domain::customer* shopper = nullptr;
  device dev;
  std::string_view callback_url;  // empty: none sent
  boost::json::object notes;
  std::string_view customer_id;  // Razorpay cust_… for a mandate's first payment
  bool recurring = false;        // the first payment of a card mandate
};

// The body of create/json (card) or create/upi (`upi: {flow: "collect", vpa}` or
// `{flow: "intent"}`), and the target to POST it to.
boost::json::object payment_body(const method_ref& m, const payment_fields& f);
std::string_view payment_target(const method_ref& m);

}  // namespace cs::connectors::razorpay
