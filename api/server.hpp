#pragma once
// The gRPC server: API services, grpc.health.v1 and server reflection.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "api/client_auth.hpp"
#include "domain/result.hpp"

namespace grpc {
class Server;
class Service;
}  // namespace grpc

namespace cs::actors {
class runtime;
}

namespace cs::api {

struct grpc_server {
  std::unique_ptr<grpc::Server> server;
  std::vector<std::unique_ptr<grpc::Service>> services;
  int port = 0;
  ~grpc_server();
  // Health answers NOT_SERVING and new calls are refused with UNAVAILABLE / SHUTTING_DOWN;
  // calls in flight go on.
  void begin_drain();
  // Stops the server: calls still in flight get until `grace`, then are cancelled.
  void shutdown(std::chrono::milliseconds grace);
};

// Listens on `address` with TLS when `security` has a certificate (mutual TLS with a client
// CA); every call is checked against its clients. `security` must outlive the server.
domain::result<std::unique_ptr<grpc_server>> start_grpc_server(actors::runtime& rt,
                                                               const std::string& address,
                                                               const grpc_security& security);

}  // namespace cs::api
