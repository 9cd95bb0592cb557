#include "connectors/checkout_com/wallets.hpp"

#include <boost/json/parse.hpp>

#include <array>
#include <span>

#include "connectors/checkout_com/replies.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::checkout_com::wallets {
namespace {

std::string_view token_field(domain::wallet_type t) {
  return t == domain::wallet_type::apple_pay ? "payment_method.apple_pay.payment_token"
                                             : "payment_method.google_pay.payment_token";
}

}  // namespace

domain::result<domain::http_request> tokenize(const domain::wallet& w, std::string_view public_key,
                                              std::string_view idempotency_key) {
  if (w.type == domain::wallet_type::paypal)
    return domain::invalid_argument("payment_method", "Checkout.com takes no PayPal wallet");
  boost::system::error_code ec;
  auto data = boost::json::parse(w.token.reveal(), ec);
  if (ec || !data.is_object())
    return domain::invalid_argument(std::string(token_field(w.type)),
                                    "must be the wallet's token as a JSON object");
  // token_data holds the fields nas_spec lists (as Checkout.com's own SDKs' ApplePayTokenData and
  // GooglePayTokenData do); Google's intermediateSigningKey is not among them.
  const bool apple = w.type == domain::wallet_type::apple_pay;
  static constexpr std::array<std::string_view, 4> apple_fields{"version", "data", "signature",
                                                                "header"};
  static constexpr std::array<std::string_view, 3> google_fields{"signature", "protocolVersion",
                                                                 "signedMessage"};
  const auto wanted = apple ? std::span<const std::string_view>(apple_fields)
                            : std::span<const std::string_view>(google_fields);
  boost::json::object token_data;
  for (auto key : wanted) {
    const auto* v = data.as_object().if_contains(key);
    if (!v)
      return domain::invalid_argument(std::string(token_field(w.type)),
                                      "lacks \"" + std::string(key) + "\" of the wallet's token");
    token_data[key] = *v;
  }
  boost::json::object body{
      {"type", apple ? "applepay" : "googlepay"},
      {"token_data", std::move(token_data)},
  };
  // POST /tokens takes the public key, never the secret one.
  wire::auth public_auth{std::string(public_key), {}};
  auto r = wire::post("/tokens", body, public_auth, {});
  // A token is not a charge: asking again only makes another token, so the pool may retry it
  // (the key is not sent: /tokens takes no Cko-Idempotency-Key).
  r.idempotency_key = std::string(idempotency_key) + ":token";
  return r;
}

domain::result<std::string> read_token(const domain::http_response& r, std::string_view public_key,
                                       domain::wallet_type type) {
  if (r.status == 422)
    return domain::invalid_argument(std::string(token_field(type)),
                                    "was refused by Checkout.com (token_data_invalid): the "
                                    "wallet's token is not one it can decrypt");
  auto body = read_reply(r, public_key);
  if (!body) return body.err();
  auto token = json::str(*body, "token");
  if (!wire::is_id(token, "tok_"))
    return domain::make_error(domain::error_code::internal, domain::reason::bad_processor_reply,
                              "checkout_com answered POST /tokens without a tok_ token");
  return token;
}

domain::result<boost::json::object> network_token_source(const domain::network_token& t) {
  constexpr std::string_view field = "payment_method.network_token";
  if (auto s = domain::validate_network_token(t, field); !s) return s.err();
  std::string_view token_type;
  switch (t.origin) {
    case domain::token_origin::apple_pay:
      token_type = "applepay";
      break;
    case domain::token_origin::google_pay:
      token_type = "googlepay";
      break;
    case domain::token_origin::token_service: {
      const char first = t.number.reveal().front();
      if (first == '4') {
        token_type = "vts";
      } else if (first == '5' || first == '2') {
        token_type = "mdes";
      } else {
        return domain::invalid_argument(std::string(field) + ".number",
                                        "Checkout.com takes network tokens of Visa (VTS) and "
                                        "Mastercard (MDES) only");
      }
    }
  }
  boost::json::object src{
      {"type", "network_token"},
      {"token", t.number.reveal()},
      {"expiry_month", t.expiry_month},
      {"expiry_year", t.expiry_year},
      {"token_type", token_type},
      {"cryptogram", t.cryptogram.reveal()},
      {"eci", t.eci},
  };
  if (!t.holder_name.empty()) src["name"] = t.holder_name;
  return src;
}

}  // namespace cs::connectors::checkout_com::wallets
