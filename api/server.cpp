#include "api/server.hpp"

#include <fmt/format.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>

#include <fstream>
#include <sstream>

#include "api/call.hpp"
#include "api/services.hpp"

namespace cs::api {

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

namespace {

domain::result<std::string> read_pem(const std::string& path, std::string_view field) {
  std::ifstream in(path);
  std::stringstream ss;
  if (in) ss << in.rdbuf();
  if (!in || ss.str().empty())
    return domain::invalid_argument(std::string(field), fmt::format("cannot read '{}'", path));
  return ss.str();
}

domain::result<std::shared_ptr<grpc::ServerCredentials>> credentials_for(const grpc_security& sec) {
  if (!sec.tls()) return grpc::InsecureServerCredentials();
  auto cert = read_pem(sec.tls_cert_file, "server.grpc_tls_cert_file");
  if (!cert) return std::move(cert).err();
  auto key = read_pem(sec.tls_key_file, "server.grpc_tls_key_file");
  if (!key) return std::move(key).err();
  grpc::SslServerCredentialsOptions opts;
  opts.pem_key_cert_pairs.push_back({std::move(key.value()), std::move(cert.value())});
  if (!sec.tls_client_ca_file.empty()) {
    auto ca = read_pem(sec.tls_client_ca_file, "server.grpc_tls_client_ca_file");
    if (!ca) return std::move(ca).err();
    opts.pem_root_certs = std::move(ca.value());
    opts.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(opts);
}

}  // namespace

domain::result<std::unique_ptr<grpc_server>> start_grpc_server(actors::runtime& rt,
                                                               const std::string& address,
                                                               const grpc_security& security) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  auto creds = credentials_for(security);
  if (!creds) return std::move(creds).err();
  auto out = std::make_unique<grpc_server>();
  out->services = make_services(rt, security);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, *creds, &out->port);
  for (auto& s : out->services) builder.RegisterService(s.get());
  out->server = builder.BuildAndStart();
  if (!out->server || out->port == 0)
    return domain::invalid_argument("server.grpc_address",
                                    fmt::format("cannot listen on '{}'", address));
  return out;
}

}  // namespace cs::api
