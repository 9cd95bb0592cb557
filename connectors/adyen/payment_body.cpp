#include "connectors/adyen/payment_body.hpp"

#include <fmt/format.h>

#include "connectors/adyen/redirect_methods.hpp"
#include "connectors/common/crypto.hpp"
#include "domain/bank_account.hpp"

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

// SepaDirectDebitDetails: iban and ownerName are the schema's required fields. The API checked
// both already; checked again here because this is what reaches Adyen. Errors name the field,
// never its value.
domain::result<boost::json::object> sepa_method(const domain::sepa_debit& d) {
  constexpr std::string_view field = "payment_method.sepa_debit";
  const auto& iban = d.iban.reveal();
  if (iban.empty()) return domain::missing_field(fmt::format("{}.iban", field));
  if (!domain::iban_valid(iban))
    return domain::invalid_argument(fmt::format("{}.iban", field),
                                    "is not a valid IBAN (country, check digits, length, mod 97)");
  if (d.holder_name.empty())
    return domain::missing_field(fmt::format("{}.account_holder_name", field));
  return boost::json::object{
      {"type", "sepadirectdebit"}, {"iban", iban}, {"ownerName", d.holder_name}};
}

// AchDetails: bankLocationId is the ABA routing number; Adyen names the holder types personal and
// business and takes the account types checking and savings of its enum.
domain::result<boost::json::object> ach_method(const domain::ach_debit& d) {
  constexpr std::string_view field = "payment_method.ach_debit";
  const auto& number = d.account_number.reveal();
  if (number.size() < 4 || number.size() > 17 ||
      number.find_first_not_of("0123456789") != std::string::npos)
    return domain::invalid_argument(fmt::format("{}.account_number", field),
                                    "must be 4 to 17 digits");
  if (!domain::aba_routing_valid(d.routing_number))
    return domain::invalid_argument(fmt::format("{}.routing_number", field),
                                    "is not an ABA routing number (nine digits, check digit)");
  if (d.holder_name.empty())
    return domain::missing_field(fmt::format("{}.account_holder_name", field));
  return boost::json::object{
      {"type", "ach"},
      {"bankAccountNumber", number},
      {"bankLocationId", d.routing_number},
      {"ownerName", d.holder_name},
      {"bankAccountType",
       d.account_type == domain::bank_account_type::savings ? "savings" : "checking"},
      {"accountHolderType",
       d.holder_type == domain::account_holder_type::company ? "business" : "personal"},
  };
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
  if (is_redirect_method(m)) {
    auto pm = redirect_payment_method(m);
    if (!pm) return pm.err();
    return method_body{std::move(pm.value()), {}};
  }
  if (const auto* d = std::get_if<domain::sepa_debit>(&m)) {
    auto pm = sepa_method(*d);
    if (!pm) return pm.err();
    return method_body{std::move(pm.value()), {}};
  }
  if (const auto* d = std::get_if<domain::ach_debit>(&m)) {
    auto pm = ach_method(*d);
    if (!pm) return pm.err();
    return method_body{std::move(pm.value()), {}};
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
