#pragma once

#include <grpcpp/support/status.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connectorservice/v1/errors.pb.h"

namespace google::rpc {
class Status;
}

namespace cs::sdk {

// ErrorInfo.domain of the errors Connector Service raises.
inline constexpr const char* error_domain = "connectorservice.v1";
// ErrorInfo.domain of errors this library raises itself (bad call options, relay checks).
inline constexpr const char* client_error_domain = "cs.sdk";

struct field_violation {
  std::string field;
  std::string description;
};

// A non-OK answer of Connector Service (or of the gRPC transport, or of this library), decoded
// from the google.rpc.Status in grpc-status-details-bin. Card-number-like digit runs are masked
// in every text it keeps, in case a processor message echoed one.
struct error {
  grpc::StatusCode code = grpc::StatusCode::UNKNOWN;
  std::string message;
  // ErrorInfo.reason (e.g. "INVALID_FIELD"); for a transport error without details, the gRPC
  // code's name. reason_enum is set when this version knows the reason: switch on it, and fall
  // back to `code` for the rest.
  std::string reason;
  std::optional<connectorservice::v1::ErrorReason> reason_enum;
  std::string domain;
  std::map<std::string, std::string> metadata;  // ErrorInfo.metadata (lowerCamelCase keys)
  std::string field;  // metadata "field", else the first field violation's
  std::vector<field_violation> field_violations;
  bool retryable = false;  // metadata "retryable" == "true": resend with the same key is safe
  std::optional<std::chrono::milliseconds> retry_delay;  // RetryInfo.retry_delay
  std::string request_id;  // x-request-id the server answered with (else the one sent)
  std::string processor_code;
  std::string processor_message;
  std::string idempotency_key;  // the key the failed call carried, to retry with
  int attempts = 1;
  bool has_error_info = false;

  // True when the operation may have happened: Get it, or retry with the same key.
  bool outcome_unknown() const;
  std::string connector() const { return meta("connector"); }
  std::string flow() const { return meta("flow"); }
  std::string meta(const std::string& key) const;
  // "INVALID_ARGUMENT/INVALID_FIELD: message field=… request_id=…"
  std::string to_string() const;

  // Decodes a google.rpc.Status (its ErrorInfo, BadRequest and RetryInfo details).
  static error from_rpc_status(const google::rpc::Status& status,
                               std::optional<grpc::StatusCode> code = std::nullopt);
  // Decodes a failed call's status; error_details() holds grpc-status-details-bin.
  static error from_grpc_status(const grpc::Status& status);
  // An error raised by this library before or instead of a call.
  static error client(grpc::StatusCode code, std::string reason, std::string message,
                      std::string field = {});
};

// The name of a gRPC status code, e.g. "INVALID_ARGUMENT".
std::string code_name(grpc::StatusCode code);
// Masks card-number-like digit runs (12-19 digits, optionally grouped): first6…last4.
std::string scrub(const std::string& text);
// Replaces each of `secrets` (the request's secret values, see secrets_of; at least 3
// characters) by "[REDACTED]" in every text `e` keeps. The client does it for each error it
// returns, after scrub, so an IBAN or a cryptogram a processor echoed is not kept either.
void scrub_secrets(error& e, const std::vector<std::string>& secrets);

}  // namespace cs::sdk
