// Soak: thousands of authorizations while the simulator injects faults into a fifth of the
// processor requests. Every call must end with a definite status or OUTCOME_UNKNOWN (never a
// hang), and the simulator must count zero double charges (two charges for one idempotency key).
// CS_SOAK_CALLS overrides the number of calls (default 10,000); the counts are printed.

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>

#include "harness.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

int soak_calls() {
  if (const char* v = std::getenv("CS_SOAK_CALLS")) return std::max(1, std::atoi(v));
  return 10000;
}

struct soak_call {
  grpc::ClientContext ctx;
  v1::AuthorizeRequest req;
  v1::Payment res;
  grpc::Status status;
};

// What one finished call counts as. A client-side deadline without the service's ErrorInfo is a
// hang: the service never answered.
std::string classify(const soak_call& c) {
  if (c.status.ok()) return "OK " + v1::PaymentStatus_Name(c.res.status());
  auto info = error_info(c.status);
  if (info.reason().empty()) return "HANG (no answer from the service)";
  return std::to_string(static_cast<int>(c.status.error_code())) + " " + info.reason();
}

TEST(Soak, AuthorizationsUnderTwentyPercentFaultsNeverChargeTwiceNorHang) {
  auto& e = env();
  const int total = soak_calls();
  const int window = 64;
  auto r = e.sim_post(
      "/_sim/fault-rate",
      boost::json::object{
          {"rate", 0.2},
          {"seed", 20261126},
          {"mix",
           boost::json::array{"status:500", "status:503", "status:429:retry-after=0", "reset",
                              "reset-after-apply", "latency:300", "truncate", "garble"}}});
  ASSERT_EQ(r.status, 200) << r.body;

  std::mutex mu;
  std::condition_variable cv;
  int started = 0, finished = 0, in_flight = 0;
  std::map<std::string, int> outcomes;
  std::vector<std::unique_ptr<soak_call>> calls(total);
  auto t0 = std::chrono::steady_clock::now();
  auto last_progress = t0;
  std::unique_lock lock(mu);
  while (finished < total) {
    while (started < total && in_flight < window) {
      auto& c = calls[started] = std::make_unique<soak_call>();
      c->ctx.AddMetadata("x-merchant-account", started % 2 ? stripe_account : "demo");
      c->ctx.set_deadline(std::chrono::system_clock::now() + 15s);
      auto ref = "soak-" + std::to_string(started);
      c->req = started % 2 ? stripe_authorize(ref, "pm_card_visa", 1000 + started % 97, false)
                           : authorize_request(ref, "APPROVED", 1000 + started % 97, false);
      ++started;
      ++in_flight;
      auto* raw = c.get();
      auto& stub = *e.svc.payments;
      lock.unlock();
      stub.async()->Authorize(&raw->ctx, &raw->req, &raw->res, [&, raw](grpc::Status s) {
        std::lock_guard g(mu);
        raw->status = std::move(s);
        ++outcomes[classify(*raw)];
        ++finished;
        --in_flight;
        cv.notify_all();
      });
      lock.lock();
    }
    cv.wait_for(lock, 1s);
    if (std::chrono::steady_clock::now() - last_progress >= 2s) {
      last_progress = std::chrono::steady_clock::now();
      std::fprintf(stderr, "soak: %d of %d calls finished (%.0f s)\n", finished, total,
                   std::chrono::duration<double>(last_progress - t0).count());
    }
  }
  lock.unlock();
  auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(e.sim_post("/_sim/fault-rate", boost::json::object{{"rate", 0}}).status, 200);

  auto stats = e.stats();
  std::printf("soak: %d authorizations (Adyen and Stripe alternating) in %.1f s (%.0f/s)\n", total,
              took, total / took);
  for (auto& [k, n] : outcomes) std::printf("soak:   %6d  %s\n", n, k.c_str());
  std::printf("soak: simulator double_charges=%s random_faults=%s\n",
              boost::json::serialize(stats.at("double_charges")).c_str(),
              stats.as_object().contains("random_faults")
                  ? boost::json::serialize(stats.at("random_faults")).c_str()
                  : "(not reported)");
  EXPECT_EQ(stats.at("double_charges"), 0);
  int definite = 0;
  for (auto& [k, n] : outcomes) {
    EXPECT_EQ(k.find("HANG"), std::string::npos) << n << " calls hung";
    // Allowed: a payment status, or an error that says what is known about the payment.
    bool allowed = starts_with(k, "OK ") || k.find("OUTCOME_UNKNOWN") != std::string::npos ||
                   k.find("PROCESSOR_ERROR") != std::string::npos ||
                   k.find("PROCESSOR_RATE_LIMITED") != std::string::npos ||
                   k.find("BAD_PROCESSOR_REPLY") != std::string::npos ||
                   k.find("CIRCUIT_OPEN") != std::string::npos;
    EXPECT_TRUE(allowed) << "unexpected outcome: " << k << " (" << n << ")";
    if (starts_with(k, "OK ")) definite += n;
  }
  // With three attempts, most faults are retried away.
  EXPECT_GT(definite, total * 9 / 10);
}

}  // namespace
}  // namespace e2e
