#include "transport/grpc/server.hpp"

#include <fmt/format.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "transport/grpc/call.hpp"
#include "transport/grpc/services.hpp"

namespace cs::transport {

grpc_server::~grpc_server() {
  shutdown(std::chrono::milliseconds(0));
}

void grpc_server::begin_drain() {
  stop_accepting_calls();
  if (server)
    if (auto* health = server->GetHealthCheckService()) health->SetServingStatus(false);
}

void grpc_server::shutdown(std::chrono::milliseconds grace) {
  if (!server) return;
  if (auto* health = server->GetHealthCheckService()) health->SetServingStatus(false);
  server->Shutdown(std::chrono::system_clock::now() + grace);
  server->Wait();
  server.reset();
}

domain::result<std::unique_ptr<grpc_server>> start_grpc_server(actors::runtime& rt,
                                                               const std::string& address) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  auto out = std::make_unique<grpc_server>();
  out->services = make_services(rt);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &out->port);
  for (auto& s : out->services) builder.RegisterService(s.get());
  out->server = builder.BuildAndStart();
  if (!out->server || out->port == 0)
    return domain::invalid_argument("server.grpc_address",
                                    fmt::format("cannot listen on '{}'", address));
  return out;
}

}  // namespace cs::transport
