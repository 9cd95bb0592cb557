#include "api/errors.hpp"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace cs::api {
namespace {

grpc::StatusCode code_of(domain::error_code c) {
  switch (c) {
    case domain::error_code::invalid_argument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case domain::error_code::unauthenticated:
      return grpc::StatusCode::UNAUTHENTICATED;
    case domain::error_code::permission_denied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case domain::error_code::not_found:
      return grpc::StatusCode::NOT_FOUND;
    case domain::error_code::failed_precondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case domain::error_code::unimplemented:
      return grpc::StatusCode::UNIMPLEMENTED;
    case domain::error_code::unavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case domain::error_code::deadline_exceeded:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case domain::error_code::resource_exhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case domain::error_code::internal:
      return grpc::StatusCode::INTERNAL;
    case domain::error_code::unknown:
      return grpc::StatusCode::UNKNOWN;
  }
  return grpc::StatusCode::INTERNAL;
}

}  // namespace

grpc::Status to_grpc_status(const domain::error& e, std::string_view connector,
                            std::string_view flow) {
  auto code = code_of(e.code);
  google::rpc::Status st;
  st.set_code(static_cast<int>(code));
  st.set_message(e.message);
  google::rpc::ErrorInfo info;
  info.set_reason(e.reason.empty() ? std::string(domain::reason::internal) : e.reason);
  info.set_domain(std::string(error_domain));
  auto& meta = *info.mutable_metadata();
  if (!connector.empty()) meta["connector"] = std::string(connector);
  if (!flow.empty()) meta["flow"] = std::string(flow);
  if (!e.field.empty()) meta["field"] = e.field;
  if (!e.processor_code.empty()) meta["processorCode"] = e.processor_code;
  if (!e.processor_message.empty()) meta["processorMessage"] = e.processor_message;
  meta["retryable"] = e.retryable ? "true" : "false";
  st.add_details()->PackFrom(info);
  if (!e.field.empty()) {
    google::rpc::BadRequest bad;
    auto* v = bad.add_field_violations();
    v->set_field(e.field);
    v->set_description(e.message);
    st.add_details()->PackFrom(bad);
  }
  if (e.retry_after.count() > 0) {
    google::rpc::RetryInfo retry;
    retry.mutable_retry_delay()->set_seconds(e.retry_after.count() / 1000);
    retry.mutable_retry_delay()->set_nanos(static_cast<int>(e.retry_after.count() % 1000) *
                                           1000000);
    st.add_details()->PackFrom(retry);
  }
  return grpc::Status(code, e.message, st.SerializeAsString());
}

}  // namespace cs::api
