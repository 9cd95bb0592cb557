// The card behind a /payments paymentMethod: a card (type scheme), an Apple Pay or Google Pay
// token Adyen decrypts (applepay, googlepay), a wallet the merchant decrypted (scheme with brand
// applepay / googlepay and mpiData) or a network token (networkToken with mpiData's TAVV). Every
// one of them is a card afterwards: outcome, modifications and webhooks as for cards.
#include "../wallet_tokens.hpp"
#include "adyen_sim.hpp"

#include <algorithm>

namespace processor_sim::adyen {
namespace {

std::string card_brand(const std::string& number) {
  if (number.empty()) return "scheme";
  if (number[0] == '4') return "visa";
  if (number.rfind("34", 0) == 0 || number.rfind("37", 0) == 0) return "amex";
  if (number[0] == '5' || number[0] == '2') return "mc";
  return "scheme";
}

bool plausible_card_number(const std::string& number) {
  return number.size() >= 12 && number.size() <= 19 &&
         std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "visa_applepay", "mc_googlepay"; a number of no known scheme gives the wallet's name alone.
std::string wallet_brand(const std::string& number, const std::string& wallet) {
  const std::string card = card_brand(number);
  return card == "scheme" ? wallet : card + "_" + wallet;
}

// Adyen documents 5_002 for an Apple Pay token that does not conform; the Google Pay and
// missing-cryptogram codes are the simulator's own (README "Adyen wallets and network tokens").
sim_response invalid_apple_pay_token() {
  return error(422, "5_002", "Invalid Apple Pay token");
}
sim_response invalid_google_pay_token() {
  return error(422, "14_093", "Invalid Google Pay token");
}
sim_response missing_cryptogram(const std::string& field) {
  return error(422, "14_094", "Required field 'mpiData." + field + "' is not provided.");
}

}  // namespace

std::optional<sim_response> simulator::read_card_method(const boost::json::object& method,
                                                        const boost::json::object& body,
                                                        payment& p) {
  const std::string type = str(method, "type");
  const auto* mpi = obj(body, "mpiData");
  if (type == "applepay") {
    const auto text = wallet::base64_decode(str(method, "applePayToken"));
    const auto token = text ? wallet::decode_apple_pay_text(*text) : wallet::decode_result{};
    if (!token) return invalid_apple_pay_token();
    p.method_type = "applepay";
    p.brand = wallet_brand(token.card->pan, "applepay");
    return std::nullopt;
  }
  if (type == "googlepay" || type == "paywithgoogle") {
    const auto token = wallet::decode_google_pay_text(str(method, "googlePayToken"));
    if (!token) return invalid_google_pay_token();
    p.method_type = type;
    p.brand = wallet_brand(token.card->pan, "googlepay");
    return std::nullopt;
  }
  const std::string number = str(method, "number");
  if (type == "networkToken") {
    if (!plausible_card_number(number)) return error(422, "101", "Invalid card number");
    if (!mpi || str(*mpi, "tokenAuthenticationVerificationValue").empty()) {
      return missing_cryptogram("tokenAuthenticationVerificationValue");
    }
    p.method_type = "networkToken";
    p.brand = card_brand(number);
    return std::nullopt;
  }
  if (!plausible_card_number(number)) return error(422, "101", "Invalid card number");
  p.method_type = "scheme";
  const std::string secondary = str(method, "brand");
  if (secondary == "applepay" || secondary == "googlepay") {
    // A decrypted Apple Pay token always has its cryptogram; Google Pay PAN_ONLY has none.
    if (secondary == "applepay" && (!mpi || str(*mpi, "cavv").empty())) {
      return missing_cryptogram("cavv");
    }
    p.brand = wallet_brand(number, secondary);
  } else {
    p.brand = card_brand(number);
  }
  return std::nullopt;
}

}  // namespace processor_sim::adyen
