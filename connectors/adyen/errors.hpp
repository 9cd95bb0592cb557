#pragma once
// Adyen's error replies ({status, errorCode, message, errorType, pspReference}) as domain errors:
// a failure to get an answer, never a decline.

#include <string_view>

#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::adyen {

// For a non-2xx reply. Anything equal to `api_key` is removed from the processor's text before
// it goes into the error.
domain::error error_from_response(const domain::http_response& r, std::string_view api_key);

}  // namespace cs::connectors::adyen
