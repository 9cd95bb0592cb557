#pragma once
// domain::error → grpc::Status with google.rpc.Status details (ErrorInfo, BadRequest).

#include <grpcpp/support/status.h>

#include "domain/result.hpp"

namespace cs::api {

grpc::Status to_grpc_status(const domain::error& e, std::string_view connector,
                            std::string_view flow);

}  // namespace cs::api
