#include "connectors/razorpay/methods.hpp"

#include <fmt/format.h>

#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

result<method_ref> check_method(const payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return missing_field("payment_method");
  if (const auto* c = std::get_if<card>(&m)) {
    if (auto s = validate_card(*c, "payment_method.card"); !s) return s.err();
    return method_ref{c, nullptr, false};
  }
  if (const auto* u = std::get_if<upi>(&m)) {
    if (u->vpa.empty()) return missing_field("payment_method.upi_collect.vpa");
    auto at = u->vpa.find('@');
    if (at == 0 || at == std::string::npos || at + 1 == u->vpa.size() || u->vpa.size() > 255)
      return invalid_argument("payment_method.upi_collect.vpa",
                              "must be a UPI VPA such as name@bank");
    return method_ref{nullptr, u, false};
  }
  if (std::holds_alternative<domain::upi_intent>(m)) return method_ref{nullptr, nullptr, true};
  return invalid_argument("payment_method",
                          "the Razorpay connector takes a card, a UPI VPA (upi_collect) or UPI "
                          "intent; wallets and processor tokens are not supported");
}

status check_shopper(const method_ref& m, const customer& shopper) {
  // Razorpay rejects a payment without email and contact, and S2S payments without the
  // customer's IP; asking here keeps the order from being created for nothing.
  if (shopper.email.empty()) return missing_field("customer.email");
  if (shopper.phone.empty()) return missing_field("customer.phone");
  if (shopper.ip_address.empty()) return missing_field("customer.ip_address");
  if (m.card && m.card->holder_name.empty() && shopper.name.empty())
    return missing_field("payment_method.card.holder_name");
  return ok_status();
}

device device_of(const customer& shopper, const std::map<std::string, std::string>& metadata,
                 std::string_view return_url) {
  device d;
  d.ip = shopper.ip_address;
  auto find = [&](const char* key) {
    auto i = metadata.find(key);
    return i == metadata.end() ? std::string() : i->second;
  };
  d.referer = find("referer");
  if (d.referer.empty()) d.referer = return_url.empty() ? default_referer : return_url;
  d.user_agent = find("user_agent");
  if (d.user_agent.empty()) d.user_agent = default_user_agent;
  return d;
}

namespace {

boost::json::object card_object(const card& c, const customer& shopper) {
  boost::json::object o;
  o["number"] = c.number.reveal();
  o["name"] = c.holder_name.empty() ? shopper.name : c.holder_name;
  o["expiry_month"] = fmt::format("{:02}", c.expiry_month);
  o["expiry_year"] = fmt::format("{:02}", c.expiry_year % 100);  // Razorpay takes YY
  if (!c.cvc.empty()) o["cvv"] = c.cvc.reveal();
  return o;
}

}  // namespace

boost::json::object payment_body(const method_ref& m, const payment_fields& f) {
  boost::json::object b;
  b["amount"] = f.amount->minor_amount;
  b["currency"] = f.amount->currency;
  b["order_id"] = f.order_id;
  b["email"] = f.shopper->email;
  b["contact"] = f.shopper->phone;
  if (!f.customer_id.empty()) b["customer_id"] = f.customer_id;
  if (f.recurring) b["recurring"] = "1";
  if (m.card) {
    b["method"] = "card";
    b["card"] = card_object(*m.card, *f.shopper);
  } else if (m.upi) {
    b["method"] = "upi";
    b["upi"] = boost::json::object{{"flow", "collect"}, {"vpa", m.upi->vpa}};
  } else {
    // Intent: Razorpay answers the upi://pay link the shopper's UPI app opens.
    b["method"] = "upi";
    b["upi"] = boost::json::object{{"flow", "intent"}};
  }
  b["ip"] = f.dev.ip;
  b["referer"] = f.dev.referer;
  b["user_agent"] = f.dev.user_agent;
  if (!f.callback_url.empty()) b["callback_url"] = f.callback_url;
  if (!f.notes.empty()) b["notes"] = f.notes;
  return b;
}

std::string_view payment_target(const method_ref& m) {
  return m.card ? "/v1/payments/create/json" : "/v1/payments/create/upi";
}

}  // namespace cs::connectors::razorpay
