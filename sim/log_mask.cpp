#include "log_mask.hpp"

#include <boost/json.hpp>

#include <array>

namespace processor_sim {
namespace {

// "token": Checkout.com's network_token source holds the DPAN there (and a tok_ elsewhere).
constexpr std::array<std::string_view, 4> number_keys{"number", "cardNumber", "card_number",
                                                      "token"};
// Wallet tokens carry the DPAN in base64, cryptograms are single-use secrets, an IBAN or bank
// account number is as private as a card number (Adyen's debits): dropped whole.
constexpr std::array<std::string_view, 15> secret_keys{"cvc",
                                                       "cvv",
                                                       "cvv2",
                                                       "encryptedSecurityCode",
                                                       "encryptedCardNumber",
                                                       "securityCode",
                                                       "security_code",  // PayPal's card
                                                       "applePayToken",
                                                       "googlePayToken",
                                                       "token_data",
                                                       "cryptogram",
                                                       "cavv",
                                                       "tokenAuthenticationVerificationValue",
                                                       "iban",
                                                       "bankAccountNumber"};

template <class Keys>
bool contains(const Keys& keys, std::string_view key) {
  for (auto k : keys) {
    if (k == key) return true;
  }
  return false;
}

std::string mask_pan(std::string_view pan) {
  if (pan.size() < 10) return std::string(pan.size(), '*');
  return std::string(pan.substr(0, 6)) + "..." + std::string(pan.substr(pan.size() - 4));
}

void mask(boost::json::value& v) {
  if (auto* arr = v.if_array()) {
    for (auto& item : *arr) mask(item);
    return;
  }
  auto* o = v.if_object();
  if (!o) return;
  for (auto it = o->begin(); it != o->end();) {
    if (contains(secret_keys, it->key())) {
      it = o->erase(it);
      continue;
    }
    if (contains(number_keys, it->key()) && it->value().is_string()) {
      it->value() = mask_pan(it->value().as_string());
    } else {
      mask(it->value());
    }
    ++it;
  }
}

}  // namespace

std::string mask_for_log(const std::string& body) {
  if (body.empty()) return {};
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec) return "<" + std::to_string(body.size()) + " bytes, not JSON>";
  mask(v);
  return boost::json::serialize(v);
}

}  // namespace processor_sim
