// Graceful shutdown under load: after SIGTERM the service refuses new calls, reports NOT_SERVING
// on /healthz and on grpc.health.v1 (what Kubernetes' readiness probe and Envoy's health checks
// ask), lets every call in flight finish, then exits 0.

#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "grpc/health/v1/health.grpc.pb.h"
#include "harness.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

TEST(Shutdown, CallsInFlightFinishAndNewOnesAreRefused) {
  auto& e = env();
  service svc;
  std::string why;
  ASSERT_TRUE(svc.start(e.dir, "service-shutdown", e.ca_file, e.adyen_base(), e.disputes_base(),
                        e.stripe_base(), e.hmac_key, free_port(), why))
      << why;
  e.extra_logs.push_back(svc.log_path);

  // Every authorize of this test waits 1 s at the simulator (below the 1.5 s request timeout).
  constexpr int calls = 24;
  e.queue_fault("latency:1000", "/adyen/v71/payments", calls);

  struct pending {
    grpc::ClientContext ctx;
    v1::AuthorizeRequest req;
    v1::Payment res;
    grpc::Status status;
  };
  std::vector<std::unique_ptr<pending>> in_flight;
  std::mutex mu;
  std::condition_variable cv;
  int done = 0;
  for (int i = 0; i < calls; ++i) {
    auto p = std::make_unique<pending>();
    p->ctx.AddMetadata("x-merchant-account", "demo");
    p->ctx.set_deadline(std::chrono::system_clock::now() + 10s);
    p->req = authorize_request("e2e-drain-" + std::to_string(i), "APPROVED", 1000 + i, false);
    auto* raw = p.get();
    svc.payments->async()->Authorize(&raw->ctx, &raw->req, &raw->res,
                                     [raw, &mu, &cv, &done](grpc::Status s) {
                                       std::lock_guard lock(mu);
                                       raw->status = std::move(s);
                                       ++done;
                                       cv.notify_all();
                                     });
    in_flight.push_back(std::move(p));
  }
  // Let the calls reach the simulator, then stop the service while they wait there.
  std::this_thread::sleep_for(400ms);
  ASSERT_EQ(::kill(svc.proc.pid, SIGTERM), 0);

  EXPECT_TRUE(eventually(
      [&] { return http_request(svc.http_port, "GET", "/healthz").status == 503; }, 800ms))
      << "/healthz must say 503 while draining";
  // The whole server (service ""): what the Kubernetes probes in deploy/k8s ask.
  {
    auto health = grpc::health::v1::Health::NewStub(svc.channel);
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse res;
    auto s = health->Check(ctx("").get(), req, &res);
    EXPECT_TRUE(s.ok()) << "grpc.health.v1 while draining: " << describe(s);
    EXPECT_EQ(res.status(), grpc::health::v1::HealthCheckResponse::NOT_SERVING)
        << "grpc.health.v1 must say NOT_SERVING while calls drain";
  }
  v1::Payment late;
  auto late_status = svc.payments->Authorize(
      ctx().get(), authorize_request("e2e-drain-late", "APPROVED", 1000, false), &late);
  EXPECT_EQ(late_status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(late_status);
  EXPECT_EQ(error_info(late_status).reason(), "SHUTTING_DOWN");

  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, 15s, [&] { return done == calls; }))
        << done << " of " << calls << " calls finished";
  }
  int ok = 0;
  for (auto& p : in_flight) {
    EXPECT_TRUE(p->status.ok()) << p->req.merchant_reference() << ": " << describe(p->status);
    if (p->status.ok()) {
      ++ok;
      EXPECT_EQ(p->res.status(), v1::PAYMENT_STATUS_CHARGED);
    }
  }
  EXPECT_EQ(ok, calls) << "calls in flight lost by the shutdown";
  svc.disconnect();
  EXPECT_EQ(svc.proc.stop(), 0) << "exit status after the drain";
  EXPECT_NE(read_file(svc.log_path).find("connector-service stopped"), std::string::npos);
}

}  // namespace
}  // namespace e2e
