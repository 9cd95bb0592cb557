#pragma once
// The answer of /payments and /payments/details (resultCode, refusal, action) in unified terms.

#include <optional>
#include <string>

#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::adyen {

struct payment_reply {
  domain::payment_result payment;
  std::string stored_token;  // recurring.recurringDetailReference, when a card was stored
};

// `requested` is echoed when Adyen leaves the amount out; `capture` decides what Authorised is.
domain::result<payment_reply> parse_payment_reply(const domain::http_response& r,
                                                  std::string_view api_key,
                                                  domain::capture_method capture,
                                                  const std::optional<domain::money>& requested,
                                                  std::string_view merchant_reference);

}  // namespace cs::connectors::adyen
