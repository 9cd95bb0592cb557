#pragma once
// Errors are values on the request path: every fallible step returns result<T>.

#include <chrono>
#include <string>
#include <utility>
#include <variant>

namespace cs::domain {

// A failure to get an answer about the payment (an answer that is a decline is not an error:
// it is a result with a processor_error). Maps 1:1 to a gRPC status code.
enum class error_code {
  invalid_argument,
  unauthenticated,
  permission_denied,
  not_found,
  failed_precondition,
  unimplemented,
  unavailable,
  deadline_exceeded,
  resource_exhausted,
  internal,
  // The call may or may not have reached the processor (reason OUTCOME_UNKNOWN). Not UNAVAILABLE:
  // gRPC retry policies and service meshes resend UNAVAILABLE on their own, without the client
  // deciding to sync first or to reuse the idempotency key.
  unknown,
};

std::string_view to_string(error_code c) noexcept;

// Machine-readable reasons (google.rpc.ErrorInfo.reason).
namespace reason {
inline constexpr const char* missing_field = "MISSING_FIELD";
inline constexpr const char* invalid_field = "INVALID_FIELD";
inline constexpr const char* unknown_connector = "UNKNOWN_CONNECTOR";
inline constexpr const char* unsupported_flow = "UNSUPPORTED_FLOW";
inline constexpr const char* missing_credentials = "MISSING_CREDENTIALS";
inline constexpr const char* processor_unreachable = "PROCESSOR_UNREACHABLE";
inline constexpr const char* outcome_unknown = "OUTCOME_UNKNOWN";
inline constexpr const char* processor_error = "PROCESSOR_ERROR";
inline constexpr const char* processor_rejected = "PROCESSOR_REJECTED";
inline constexpr const char* processor_rate_limited = "PROCESSOR_RATE_LIMITED";
inline constexpr const char* processor_auth_failed = "PROCESSOR_AUTH_FAILED";
inline constexpr const char* bad_processor_reply = "BAD_PROCESSOR_REPLY";
inline constexpr const char* bad_signature = "BAD_SIGNATURE";
inline constexpr const char* not_supported_by_processor = "NOT_SUPPORTED_BY_PROCESSOR";
inline constexpr const char* overloaded = "OVERLOADED";
inline constexpr const char* rate_limited = "RATE_LIMITED";  // this service's own limit
inline constexpr const char* circuit_open = "CIRCUIT_OPEN";
inline constexpr const char* shutting_down = "SHUTTING_DOWN";
inline constexpr const char* deadline_before_send = "DEADLINE_BEFORE_SEND";
inline constexpr const char* invalid_api_key = "INVALID_API_KEY";
inline constexpr const char* account_not_allowed = "ACCOUNT_NOT_ALLOWED";
inline constexpr const char* call_credentials_not_allowed = "CALL_CREDENTIALS_NOT_ALLOWED";
inline constexpr const char* unknown_account = "UNKNOWN_ACCOUNT";
inline constexpr const char* sink_unavailable = "SINK_UNAVAILABLE";
inline constexpr const char* webhook_receiver_off = "WEBHOOK_RECEIVER_OFF";
inline constexpr const char* flow_lost = "FLOW_LOST";
inline constexpr const char* internal = "INTERNAL";  // also what an error without a reason says

// Every reason above: the API's ErrorReason enum (proto/connectorservice/v1/errors.proto) lists
// the same names, which a unit test checks both ways.
inline constexpr const char* all[] = {missing_field,
                                      invalid_field,
                                      unknown_connector,
                                      unsupported_flow,
                                      missing_credentials,
                                      processor_unreachable,
                                      outcome_unknown,
                                      processor_error,
                                      processor_rejected,
                                      processor_rate_limited,
                                      processor_auth_failed,
                                      bad_processor_reply,
                                      bad_signature,
                                      not_supported_by_processor,
                                      overloaded,
                                      rate_limited,
                                      circuit_open,
                                      shutting_down,
                                      deadline_before_send,
                                      invalid_api_key,
                                      account_not_allowed,
                                      call_credentials_not_allowed,
                                      unknown_account,
                                      sink_unavailable,
                                      webhook_receiver_off,
                                      flow_lost,
                                      internal};
}  // namespace reason

struct error {
  error_code code = error_code::internal;
  std::string message;  // safe to show a client: never a card number, CVC or secret
  std::string reason;   // one of reason::*
  std::string field;    // the offending request field, for invalid_argument
  bool retryable = false;
  std::string processor_code;     // the processor's error code, when it sent one
  std::string processor_message;  // the processor's error text, when it sent one
  // When trying again makes sense (google.rpc.RetryInfo); zero = no advice.
  std::chrono::milliseconds retry_after{0};
};

error make_error(error_code code, std::string reason, std::string message);
error invalid_argument(std::string field, std::string message);
error missing_field(std::string field);
error unsupported(std::string_view connector, std::string_view flow);
// The call may have reached the processor and nobody knows what it did: code unknown, reason
// OUTCOME_UNKNOWN, retryable (with the same idempotency key, or after a sync).
error outcome_unknown(std::string message);

template <class T>
class result {
 public:
  result(T value) : v_(std::move(value)) {}
  result(error err) : v_(std::move(err)) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const error& err() const& { return std::get<1>(v_); }
  error&& err() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, error> v_;
};

// A result without a value.
struct ok_t {};
using status = result<ok_t>;
inline status ok_status() {
  return ok_t{};
}

}  // namespace cs::domain
