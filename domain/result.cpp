#include "domain/result.hpp"

#include <fmt/format.h>

namespace cs::domain {

std::string_view to_string(error_code c) noexcept {
  switch (c) {
    case error_code::invalid_argument:
      return "INVALID_ARGUMENT";
    case error_code::unauthenticated:
      return "UNAUTHENTICATED";
    case error_code::permission_denied:
      return "PERMISSION_DENIED";
    case error_code::not_found:
      return "NOT_FOUND";
    case error_code::failed_precondition:
      return "FAILED_PRECONDITION";
    case error_code::unimplemented:
      return "UNIMPLEMENTED";
    case error_code::unavailable:
      return "UNAVAILABLE";
    case error_code::deadline_exceeded:
      return "DEADLINE_EXCEEDED";
    case error_code::resource_exhausted:
      return "RESOURCE_EXHAUSTED";
    case error_code::internal:
      return "INTERNAL";
    case error_code::unknown:
      return "UNKNOWN";
  }
  return "INTERNAL";
}

error make_error(error_code code, std::string reason, std::string message) {
  error e;
  e.code = code;
  e.reason = std::move(reason);
  e.message = std::move(message);
  return e;
}

error invalid_argument(std::string field, std::string message) {
  error e;
  e.code = error_code::invalid_argument;
  e.message = fmt::format("{}: {}", field, message);
  e.reason = reason::invalid_field;
  e.field = std::move(field);
  return e;
}

error missing_field(std::string field) {
  error e = invalid_argument(std::move(field), "is required");
  e.reason = reason::missing_field;
  return e;
}

error unsupported(std::string_view connector, std::string_view flow) {
  error e;
  e.code = error_code::unimplemented;
  e.reason = reason::unsupported_flow;
  e.message = fmt::format("connector '{}' does not support the {} flow", connector, flow);
  return e;
}

error outcome_unknown(std::string message) {
  error e;
  e.code = error_code::unknown;
  e.reason = reason::outcome_unknown;
  e.message = std::move(message);
  e.retryable = true;
  return e;
}

}  // namespace cs::domain
