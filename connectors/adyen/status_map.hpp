#pragma once
// Adyen's words for outcomes (resultCode, refusal reasons) in unified terms.

#include <string_view>

#include "domain/payment_method.hpp"
#include "domain/status.hpp"

namespace cs::connectors::adyen {

// resultCode of /payments and /payments/details. Authorised depends on the capture method; an
// unknown code is `unrecognized`, never a success.
domain::payment_status map_result_code(std::string_view result_code,
                                       domain::capture_method capture) noexcept;

// Adyen's refusal reason table: by refusalReasonCode ("24") first, else by the reason text
// ("CVC Declined"), case-insensitively. Unknown → generic.
domain::decline_code map_refusal(std::string_view code, std::string_view reason) noexcept;

// The processor_error for a Refused / Error answer. Issuer- and acquirer-side failures and the
// Error result code are retryable; a refusal by the issuer is not.
domain::processor_error refusal_error(std::string_view result_code, std::string_view code,
                                      std::string_view reason, std::string_view raw);

}  // namespace cs::connectors::adyen
