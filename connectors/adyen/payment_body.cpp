#include "connectors/adyen/payment_body.hpp"

#include <fmt/format.h>

namespace cs::connectors::adyen {
domain::result<boost::json::object> card_payment_method(const domain::payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return domain::missing_field("payment_method");
  const auto* c = std::get_if<domain::card>(&m);
  if (!c)
    return domain::invalid_argument(
        "payment_method",
        "the Adyen connector supports only card payments (payment_method.card) for now; UPI, "
        "wallets (Apple Pay, Google Pay) and processor tokens are not supported");
  if (auto s = domain::validate_card(*c, "payment_method.card"); !s) return s.err();
  const auto& number = c->number.reveal();
  const auto& cvc = c->cvc.reveal();

  boost::json::object pm{
      {"type", "scheme"},
      {"number", number},
      {"expiryMonth", fmt::format("{:02d}", c->expiry_month)},
      {"expiryYear", fmt::format("{:04d}", c->expiry_year)},
  };
  if (!cvc.empty()) pm["cvc"] = cvc;
  if (!c->holder_name.empty()) pm["holderName"] = c->holder_name;
  return pm;
}

std::string_view recurring_processing_model(domain::recurring_model m) noexcept {
  switch (m) {
    case domain::recurring_model::subscription:
      return "Subscription";
    case domain::recurring_model::card_on_file:
      return "CardOnFile";
    case domain::recurring_model::unscheduled:
      break;
  }
  return "UnscheduledCardOnFile";
}

void add_capture_method(boost::json::object& body, domain::capture_method c) {
  if (c == domain::capture_method::manual)
    body["additionalData"] = boost::json::object{{"manualCapture", "true"}};
}

void add_shopper(boost::json::object& body, const domain::customer& c) {
  if (!c.id.empty()) body["shopperReference"] = c.id;
  if (!c.email.empty()) body["shopperEmail"] = c.email;
  if (!c.ip_address.empty()) body["shopperIP"] = c.ip_address;
  if (!c.phone.empty()) body["telephoneNumber"] = c.phone;
}

}  // namespace cs::connectors::adyen
