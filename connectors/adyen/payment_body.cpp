#include "connectors/adyen/payment_body.hpp"

#include <fmt/format.h>

#include "connectors/common/crypto.hpp"

namespace cs::connectors::adyen {
domain::result<boost::json::object> card_payment_method(const domain::payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return domain::missing_field("payment_method");
  const auto* c = std::get_if<domain::card>(&m);
  if (!c)
    return domain::invalid_argument(
        "payment_method",
        "the Adyen connector takes card, apple_pay, google_pay and network_token here; "
        "other methods are not supported");
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

namespace {

boost::json::object network_token_method(const domain::network_token& t) {
  boost::json::object pm{
      {"number", t.number.reveal()},
      {"expiryMonth", fmt::format("{:02d}", t.expiry_month)},
      {"expiryYear", fmt::format("{:04d}", t.expiry_year)},
  };
  if (!t.holder_name.empty()) pm["holderName"] = t.holder_name;
  return pm;
}

}  // namespace

domain::result<method_body> authorize_payment_method(const domain::payment_method& m) {
  if (const auto* w = std::get_if<domain::wallet>(&m)) {
    if (w->type == domain::wallet_type::apple_pay)
      return method_body{
          {{"type", "applepay"}, {"applePayToken", base64_encode(w->token.reveal())}}, {}};
    if (w->type == domain::wallet_type::google_pay)
      return method_body{{{"type", "googlepay"}, {"googlePayToken", w->token.reveal()}}, {}};
  }
  if (const auto* t = std::get_if<domain::network_token>(&m)) {
    if (auto s = domain::validate_network_token(*t, "payment_method.network_token"); !s)
      return s.err();
    auto pm = network_token_method(*t);
    if (t->origin == domain::token_origin::token_service) {
      pm["type"] = "networkToken";
      return method_body{
          std::move(pm),
          {{"tokenAuthenticationVerificationValue", t->cryptogram.reveal()}, {"eci", t->eci}}};
    }
    // A wallet token the merchant decrypted: Adyen takes it as a scheme payment of the wallet's
    // brand, authenticated by the wallet's cryptogram.
    pm["type"] = "scheme";
    pm["brand"] = t->origin == domain::token_origin::apple_pay ? "applepay" : "googlepay";
    return method_body{std::move(pm),
                       {{"directoryResponse", "Y"},
                        {"authenticationResponse", "Y"},
                        {"cavv", t->cryptogram.reveal()},
                        {"eci", t->eci}}};
  }
  auto card = card_payment_method(m);
  if (!card) return card.err();
  return method_body{std::move(card.value()), {}};
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
