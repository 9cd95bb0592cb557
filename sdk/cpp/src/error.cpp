#include "cs/sdk/error.hpp"

#include <algorithm>
#include <cctype>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace cs::sdk {

namespace {

std::optional<connectorservice::v1::ErrorReason> reason_enum_of(const std::string& reason) {
  connectorservice::v1::ErrorReason value;
  if (!reason.empty() && connectorservice::v1::ErrorReason_Parse("ERROR_REASON_" + reason, &value))
    return value;
  return std::nullopt;
}

// Fills the fields derived from reason and metadata; every constructor ends here.
void finish(error& e) {
  if (e.reason.empty()) e.reason = code_name(e.code);
  e.reason_enum = reason_enum_of(e.reason);
  e.message = scrub(e.message);
  for (auto& [k, v] : e.metadata) v = scrub(v);
  for (auto& v : e.field_violations) v.description = scrub(v.description);
  e.field = e.meta("field");
  if (e.field.empty() && !e.field_violations.empty()) e.field = e.field_violations.front().field;
  e.retryable = e.meta("retryable") == "true";
  e.processor_code = e.meta("processorCode");
  e.processor_message = e.meta("processorMessage");
}

}  // namespace

std::string error::meta(const std::string& key) const {
  auto it = metadata.find(key);
  return it == metadata.end() ? std::string{} : it->second;
}

bool error::outcome_unknown() const {
  if (reason == "OUTCOME_UNKNOWN") return true;
  // A deadline that ran out client-side, or a lost connection, carries no ErrorInfo: the request
  // may have reached the service.
  return !has_error_info &&
         (code == grpc::StatusCode::DEADLINE_EXCEEDED || code == grpc::StatusCode::UNKNOWN);
}

std::string error::to_string() const {
  std::string s = code_name(code) + "/" + reason + ": " + message;
  if (!field.empty()) s += " field=" + field;
  if (!request_id.empty()) s += " request_id=" + request_id;
  return s;
}

error error::from_rpc_status(const google::rpc::Status& status,
                             std::optional<grpc::StatusCode> code) {
  error e;
  e.code = code.value_or(static_cast<grpc::StatusCode>(status.code()));
  e.message = status.message();
  for (const auto& any : status.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) {
      google::rpc::ErrorInfo info;
      // The first ErrorInfo wins; the service sends one.
      if (!e.has_error_info && any.UnpackTo(&info)) {
        e.has_error_info = true;
        e.reason = info.reason();
        e.domain = info.domain();
        e.metadata.insert(info.metadata().begin(), info.metadata().end());
      }
    } else if (any.Is<google::rpc::BadRequest>()) {
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&bad))
        for (const auto& v : bad.field_violations())
          e.field_violations.push_back({v.field(), v.description()});
    } else if (any.Is<google::rpc::RetryInfo>()) {
      google::rpc::RetryInfo ri;
      if (any.UnpackTo(&ri))
        e.retry_delay = std::chrono::milliseconds(ri.retry_delay().seconds() * 1000 +
                                                  ri.retry_delay().nanos() / 1000000);
    }
  }
  finish(e);
  return e;
}

error error::from_grpc_status(const grpc::Status& status) {
  if (!status.error_details().empty()) {
    google::rpc::Status details;
    // Unreadable details: fall back to the code and message below.
    if (details.ParseFromString(status.error_details()))
      return from_rpc_status(details, status.error_code());
  }
  error e;
  e.code = status.error_code();
  e.message = status.error_message();
  finish(e);
  return e;
}

error error::client(grpc::StatusCode code, std::string reason, std::string message,
                    std::string field) {
  error e;
  e.code = code;
  e.reason = std::move(reason);
  e.domain = client_error_domain;
  e.message = std::move(message);
  if (!field.empty()) e.metadata["field"] = std::move(field);
  e.metadata["retryable"] = "false";
  finish(e);
  return e;
}

std::string code_name(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "CODE_" + std::to_string(static_cast<int>(code));
  }
}

std::string scrub(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool digit_start = std::isdigit(static_cast<unsigned char>(text[i])) &&
                       (i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1])));
    if (!digit_start) {
      out += text[i++];
      continue;
    }
    // A run of digits, each optionally followed by one space or dash before the next digit.
    std::string digits;
    std::size_t j = i, end = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
      digits += text[j++];
      end = j;
      if (j + 1 < text.size() && (text[j] == ' ' || text[j] == '-') &&
          std::isdigit(static_cast<unsigned char>(text[j + 1])))
        ++j;
    }
    if (digits.size() >= 12 && digits.size() <= 19) {
      out += digits.substr(0, 6) + "\u2026" + digits.substr(digits.size() - 4);
    } else {
      out.append(text, i, end - i);
    }
    i = end;
  }
  return out;
}

void scrub_secrets(error& e, const std::vector<std::string>& secrets) {
  std::vector<std::string> longest_first;
  for (const auto& s : secrets)
    if (s.size() >= 3) longest_first.push_back(s);
  if (longest_first.empty()) return;
  std::sort(longest_first.begin(), longest_first.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  auto clean = [&](std::string& text) {
    for (const auto& s : longest_first)
      for (auto at = text.find(s); at != std::string::npos; at = text.find(s, at + 10))
        text.replace(at, s.size(), "[REDACTED]");
  };
  clean(e.message);
  for (auto& [k, v] : e.metadata) clean(v);
  for (auto& v : e.field_violations) clean(v.description);
  clean(e.processor_code);
  clean(e.processor_message);
}

}  // namespace cs::sdk
