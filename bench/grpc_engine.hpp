#pragma once
// Operations over gRPC with the callback client API (stub->async()): each scenario iteration
// is a chain of calls, each started from the previous call's callback, so no client thread
// blocks and the number of operations in flight is limited only by the driver.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "connectorservice/v1/event.grpc.pb.h"
#include "connectorservice/v1/payment.grpc.pb.h"
#include "load.hpp"

namespace cs::bench {

namespace v1 = connectorservice::v1;

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

// Teardown: the destructor waits until every operation it started is gone, i.e. until each
// call's callback has returned and the operation's ClientContext and messages are destroyed
// (that happens inside gRPC's callback tag, after the callback itself). Calls whose callback
// has not run yet (lost after the driver's drain) are cancelled first. Only then are the stubs
// and channels destroyed. gRPC itself must stay initialised across engines (see main.cpp).
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
  // A call's ClientContext from just before the call starts until its callback begins: what
  // the destructor may cancel.
  void call_started(grpc::ClientContext* c);
  void call_answered(grpc::ClientContext* c);
  void op_released();

  grpc_engine_options o_;
  std::string run_id_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::PaymentService::Stub>> payments_;
  std::vector<std::unique_ptr<v1::EventService::Stub>> events_;
  std::atomic<std::uint64_t> next_{0};
  std::mutex m_;
  std::condition_variable released_;
  std::int64_t live_ops_ = 0;                         // under m_
  std::unordered_set<grpc::ClientContext*> pending_;  // under m_
};

}  // namespace cs::bench
