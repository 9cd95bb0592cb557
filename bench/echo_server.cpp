// cs-bench-echo: the gRPC floor. The same callback API, ServerBuilder defaults and
// PaymentService.Authorize messages as the connector-service, answering at once from the gRPC
// thread: what a call costs before any actor, JSON or HTTPS work.

#include <grpcpp/grpcpp.h>

#include <csignal>
#include <cstdio>
#include <string>

#include "connectorservice/v1/payment.grpc.pb.h"

namespace cs::bench {
namespace v1 = connectorservice::v1;

class echo_payments final : public v1::PaymentService::CallbackService {
  grpc::ServerUnaryReactor* Authorize(grpc::CallbackServerContext* ctx,
                                      const v1::AuthorizeRequest* req, v1::Payment* res) override {
    // A reply of the service's shape and size: status, ids, amount, processor word.
    res->set_status(v1::PAYMENT_STATUS_CHARGED);
    res->set_connector_payment_id("ECHO000000000001");
    *res->mutable_amount() = req->amount();
    res->set_processor_status("Authorised");
    res->set_merchant_reference(req->merchant_reference());
    auto* r = ctx->DefaultReactor();
    r->Finish(grpc::Status::OK);
    return r;
  }
};

}  // namespace cs::bench

int main(int argc, char** argv) {
  std::string address = "127.0.0.1:0";
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--address") address = argv[i + 1];
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  cs::bench::echo_payments service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  if (!server || port == 0) {
    std::fprintf(stderr, "cs-bench-echo: cannot listen on %s\n", address.c_str());
    return 2;
  }
  std::printf("echo listening on port %d\n", port);
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  server->Wait();
  return 0;
}
