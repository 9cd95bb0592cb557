#pragma once
// The gRPC callback services. Each method validates the request (proto → domain), resolves the
// connector and credentials, and spawns one flow actor whose completion finishes the call.

#include <memory>
#include <vector>

#include <grpcpp/impl/codegen/service_type.h>

#include "api/client_auth.hpp"

namespace cs::actors {
class runtime;
}

namespace cs::api {

// The five API services, bound to a running actor runtime and the security settings (both must
// outlive them).
std::vector<std::unique_ptr<grpc::Service>> make_services(actors::runtime& rt,
                                                          const grpc_security& sec);

}  // namespace cs::api
