#include "connectors/adyen/payment_body.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cs::connectors::adyen {
namespace {

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

domain::result<boost::json::object> card_payment_method(const domain::payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return domain::missing_field("payment_method");
  const auto* c = std::get_if<domain::card>(&m);
  if (!c)
    return domain::invalid_argument(
        "payment_method",
        "the Adyen connector supports only card payments (payment_method.card) for now; UPI, "
        "wallets (Apple Pay, Google Pay) and processor tokens are not supported");
  const auto& number = c->number.reveal();
  if (number.empty()) return domain::missing_field("payment_method.card.number");
  if (!all_digits(number) || number.size() < 12 || number.size() > 19)
    return domain::invalid_argument("payment_method.card.number", "must be 12 to 19 digits");
  if (c->expiry_month == 0) return domain::missing_field("payment_method.card.expiry_month");
  if (c->expiry_month < 1 || c->expiry_month > 12)
    return domain::invalid_argument("payment_method.card.expiry_month", "must be 1 to 12");
  if (c->expiry_year == 0) return domain::missing_field("payment_method.card.expiry_year");
  if (c->expiry_year < 1000 || c->expiry_year > 9999)
    return domain::invalid_argument("payment_method.card.expiry_year", "must have four digits");
  const auto& cvc = c->cvc.reveal();
  if (!cvc.empty() && (!all_digits(cvc) || cvc.size() < 3 || cvc.size() > 4))
    return domain::invalid_argument("payment_method.card.cvc", "must be 3 or 4 digits");

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
