// Card tokens: POST /v1/tokens with an Apple Pay pk_token (the paymentData JSON text, read as the
// simulator's test token), GET /v1/tokens/{id}, the Google Pay token Stripe would make for Google
// (a control route), and card[token]=tok_… where a card is expected
// (PaymentMethods, payment_method_data). Stripe's documented test tokens (tok_visa,
// tok_chargeDeclined…) stand for the test card of the same name and can be used again; tokens
// this simulator issued are single use, like Stripe's.

#include "../ids.hpp"
#include "../wallet_tokens.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::stripe {

token& simulator::issue_token(const wallet::token_card& card, const std::string& method) {
  token t;
  t.id = new_id("tok_");
  t.card_id = new_id("card_");
  t.number = card.pan;
  t.brand = card_brand(card.pan);
  t.last4 = wallet::last4(card.pan);
  t.tokenization_method = method;
  t.exp_month = card.expiry_month;
  t.exp_year = card.expiry_year;
  t.created = unix_now();
  return tokens_[t.id] = std::move(t);
}

sim_response simulator::create_token(const form& f) {
  if (!f.has("pk_token")) {
    if (f.has("card[number]") || f.has("customer") || f.has("bank_account[account_number]")) {
      return invalid_request("processor-sim makes tokens only from pk_token (Apple Pay).");
    }
    return invalid_request(
        "You must supply either a card, customer, PII data, bank account, or account legal "
        "entity to create a token.");
  }
  const auto decoded = wallet::decode_apple_pay_text(f.get("pk_token"));
  if (!decoded || !luhn_valid(decoded.card->pan)) {
    return invalid_request(
        "The Apple Pay token (pk_token) could not be decrypted: make sure it is the payment "
        "token's paymentData, serialized as JSON.",
        "pk_token");
  }
  return json_response(200, token_json(issue_token(*decoded.card, "apple_pay")));
}

sim_response simulator::control_google_pay_token(const sim_request& req) {
  boost::system::error_code ec;
  const auto body = boost::json::parse(req.body, ec);
  const auto* token = !ec && body.is_object() ? body.as_object().if_contains("token") : nullptr;
  if (!token || !token->is_string()) {
    return json_response(400, {{"error", R"(expected {"token":"<Google Pay token JSON text>"})"}});
  }
  const auto decoded = wallet::decode_google_pay_text(token->as_string());
  if (!decoded || !luhn_valid(decoded.card->pan)) {
    return json_response(422, {{"error", "not a readable Google Pay test token"}});
  }
  return json_response(200, token_json(issue_token(*decoded.card, "android_pay")));
}

payment_method* simulator::card_from_token(const std::string& id, const std::string& param,
                                           sim_response* err) {
  payment_method pm;
  if (auto it = tokens_.find(id); it != tokens_.end()) {
    token& t = it->second;
    if (t.used) {
      *err = invalid_request("You cannot use a Stripe token more than once: " + id + ".", param,
                             "token_already_used");
      return nullptr;
    }
    t.used = true;
    pm.number = t.number;
    pm.exp_month = t.exp_month;
    pm.exp_year = t.exp_year;
    pm.wallet = t.tokenization_method == "android_pay" ? "google_pay" : t.tokenization_method;
  } else if (auto number = id.rfind("tok_", 0) == 0 ? number_for_test_pm("pm_card_" + id.substr(4))
                                                    : std::nullopt) {
    pm.number = *number;
    pm.exp_month = 12;
    pm.exp_year = 2034;
  } else {
    // Stripe answers an unknown token in a parameter with 400, not 404.
    api_error e;
    e.code = "resource_missing";
    e.param = param;
    e.message = "No such token: '" + id + "'";
    *err = error_reply(e);
    return nullptr;
  }
  pm.id = new_id("pm_");
  pm.brand = card_brand(pm.number);
  pm.last4 = wallet::last4(pm.number);
  pm.created = unix_now();
  return &(methods_[pm.id] = std::move(pm));
}

}  // namespace processor_sim::stripe
