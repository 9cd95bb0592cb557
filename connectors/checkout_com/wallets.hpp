#pragma once
// Apple Pay and Google Pay at Checkout.com: an encrypted wallet token is first exchanged for a
// card token at POST /tokens — authenticated with the account's PUBLIC key, the only key that
// endpoint takes — and then paid like any `tok_`; a token the merchant decrypted is a
// `network_token` source (nas_spec PaymentRequestNetworkTokenSource).

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "connectors/checkout_com/wire.hpp"
#include "domain/http.hpp"
#include "domain/payment_method.hpp"
#include "domain/result.hpp"

namespace cs::connectors::checkout_com::wallets {

// POST /tokens {type: "applepay" | "googlepay", token_data: the wallet's token object} with the
// account's public key (credential public_key); INVALID_ARGUMENT naming the token field when it
// is not a JSON object.
domain::result<domain::http_request> tokenize(const domain::wallet& w, std::string_view public_key,
                                              std::string_view idempotency_key);

// The `tok_…` of a 201 to POST /tokens, or the domain error (422 token_data_invalid is the
// shopper's wallet token refused: INVALID_ARGUMENT naming the token field).
domain::result<std::string> read_token(const domain::http_response& r, std::string_view public_key,
                                       domain::wallet_type type);

// {type: "network_token", token, expiry_month, expiry_year, token_type, cryptogram, eci, name?}:
// token_type applepay / googlepay for decrypted wallets, vts / mdes by the token's scheme.
domain::result<boost::json::object> network_token_source(const domain::network_token& t);

}  // namespace cs::connectors::checkout_com::wallets
