#pragma once
// domain::error → grpc::Status with google.rpc.Status details (ErrorInfo, BadRequest).

#include <grpcpp/support/status.h>

#include <string_view>

#include "domain/result.hpp"

namespace cs::api {

// google.rpc.ErrorInfo.domain: the package whose ErrorReason enum names the reasons.
inline constexpr std::string_view error_domain = "connectorservice.v1";

grpc::Status to_grpc_status(const domain::error& e, std::string_view connector,
                            std::string_view flow);

}  // namespace cs::api
