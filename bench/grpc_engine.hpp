#pragma once
// Operations over gRPC with the callback client API (stub->async()): each scenario iteration
// is a chain of calls, each started from the previous call's callback, so no client thread
// blocks and the number of operations in flight is limited only by the driver.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "connector/v1/event.grpc.pb.h"
#include "connector/v1/payment.grpc.pb.h"
#include "load.hpp"

namespace cs::bench {

namespace v1 = connector::v1;

// authorize | authorize-capture | refund | mixed (60% authorize, 20% authorize+capture,
// 10% sale+refund, 10% webhook over EventService.HandleWebhook)
struct grpc_engine_options {
  std::string target;  // host:port
  std::string connector = "adyen";
  std::string scenario = "authorize";
  int channels = 1;
  std::chrono::milliseconds deadline{60000};
  std::string adyen_hmac_key;  // for the mixed scenario's webhooks
};

// Scenarios a connector supports over the harness. Razorpay cards need the shopper's bank page
// before a capture, so only authorize (order + payment) and webhooks run for it.
bool scenario_supported(const std::string& connector, const std::string& scenario);

class grpc_engine : public engine {
 public:
  explicit grpc_engine(grpc_engine_options o);
  ~grpc_engine() override;
  void start(done_fn done) override;
  // Waits until one call answers OK (the channel is up and the target serves), max 10 s.
  bool ready();

  struct op;

 private:
  void authorize(std::shared_ptr<op> o, bool manual, int then);
  void capture(std::shared_ptr<op> o);
  void refund(std::shared_ptr<op> o);
  void webhook(std::shared_ptr<op> o);
  std::unique_ptr<grpc::ClientContext> context() const;
  v1::PaymentService::Stub& payments(const op& o) const;

  grpc_engine_options o_;
  std::string run_id_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::PaymentService::Stub>> payments_;
  std::vector<std::unique_ptr<v1::EventService::Stub>> events_;
  std::atomic<std::uint64_t> next_{0};
  std::atomic<std::int64_t> outstanding_{0};
};

}  // namespace cs::bench
