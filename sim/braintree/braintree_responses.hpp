#pragma once
// The sandbox's test outcomes: amount triggers for transactions, card numbers for
// verifications, processor response texts.

#include "braintree_state.hpp"

#include <optional>
#include <string>

namespace processor_sim::braintree {

struct outcome {
  std::string status;  // AUTHORIZED, PROCESSOR_DECLINED, FAILED, GATEWAY_REJECTED
  std::optional<processor_answer> answer;
  std::string rejection;               // gatewayRejectionReason
  std::string settlement = "SETTLED";  // what settling the transaction leads to
};

processor_answer approved_answer();  // 1000 Approved
processor_answer processor_response(int code);
// 2000.00–2999.99: PROCESSOR_DECLINED with that code; 3000.00–3000.99: FAILED 3000; 5001.00:
// GATEWAY_REJECTED APPLICATION_INCOMPLETE; 4001.00–4001.99: authorized, settlement declined;
// anything else authorized.
outcome authorization_outcome(std::int64_t minor, const std::string& currency);
// A verification's outcome by card number; nullopt = verified.
std::optional<outcome> verification_outcome(const std::string& number);
std::string brand_of(const std::string& number);  // CreditCardBrandCode
bool luhn_valid(const std::string& number);

}  // namespace processor_sim::braintree
