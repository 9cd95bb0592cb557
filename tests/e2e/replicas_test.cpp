// Replicas behind a real load balancer (issue 18): three connector-service replicas behind nginx
// configured from deploy/nginx, a bounded load of Adyen authorizations through nginx, and mid-load
// one replica stopped with SIGTERM (it drains) and another killed with SIGKILL (its calls in
// flight are cut). The client behaves like a real one: it retries an UNAVAILABLE or
// OUTCOME_UNKNOWN answer (or one marked retryable) with the SAME idempotency key, a bounded number
// of times. Then no call may be lost (each ends charged), the simulator must count exactly one
// charge per call and no double charge, and the surviving replica must have carried the calls
// after the kills. Prints one line starting "replicas:" with the counts.

#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "harness.hpp"
#include "nginx_proxy.hpp"

namespace e2e {
namespace {

using namespace std::chrono_literals;

constexpr int total_calls = 360;
constexpr int concurrency = 16;
constexpr int max_attempts = 6;
constexpr int kill_after = total_calls / 3;  // calls finished before the kills

struct call_result {
  grpc::Status status;
  v1::Payment res;
  int attempts = 0;
  std::vector<std::string> failures;  // what each retried attempt answered
  bool started_after_kills = false;   // and after the draining replica had begun its drain
};

// What a real client retries with the same idempotency key: UNAVAILABLE (a draining replica's
// SHUTTING_DOWN, or nginx's own answer when a replica was unreachable or went away mid-call),
// OUTCOME_UNKNOWN, anything the service marks retryable, and CANCELLED, which this client never
// does itself: it is a stream that nginx reset because its replica's connection closed after the
// answer had begun (docs/deploy.md, "What a client must retry").
bool retryable(const grpc::Status& s) {
  if (s.error_code() == grpc::StatusCode::UNAVAILABLE ||
      s.error_code() == grpc::StatusCode::CANCELLED)
    return true;
  return error_info(s).reason() == "OUTCOME_UNKNOWN" || meta(s, "retryable") == "true";
}

// The service's ErrorInfo reason; for nginx's answers (no ErrorInfo) "nginx" for its
// UNAVAILABLE and "CANCELLED" for a reset stream.
std::string failure_kind(const grpc::Status& s) {
  auto reason = error_info(s).reason();
  if (!reason.empty()) return reason;
  switch (s.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      return "nginx";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    default:
      return "code " + std::to_string(static_cast<int>(s.error_code()));
  }
}

// The sum of connector_service_rpcs_total over every Authorize series of one replica (-1 when its
// /metrics does not answer).
double authorize_calls(const service& svc) {
  auto reply = http_request(svc.http_port, "GET", "/metrics");
  if (reply.status != 200) return -1;
  double sum = 0;
  std::istringstream in(reply.body);
  for (std::string line; std::getline(in, line);)
    if (starts_with(line, "connector_service_rpcs_total{") &&
        line.find("method=\"authorize\"") != std::string::npos)
      sum += std::stod(line.substr(line.rfind(' ') + 1));
  return sum;
}

// Waits for a child that exits by itself and returns its exit status (-1: killed by a signal
// or still running after `timeout`, then killed).
int wait_exit(child& c, std::chrono::milliseconds timeout) {
  int status = 0;
  bool exited = eventually([&] { return ::waitpid(c.pid, &status, WNOHANG) == c.pid; }, timeout);
  if (!exited) return c.stop(1s), -1;
  c.pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Stops whatever is still running when the test ends early.
struct stop_all {
  std::vector<child*> procs;
  ~stop_all() {
    for (auto* p : procs)
      if (p->pid > 0 && p->running()) p->stop(2s);
  }
};

TEST(Replicas, SigtermAndSigkillMidLoadLoseNoCallAndChargeNoneTwice) {
  auto& e = env();
  stop_all cleanup;
  std::vector<std::unique_ptr<service>> replicas;
  std::vector<unsigned short> ports;
  for (int i = 0; i < 3; ++i) {
    auto svc = std::make_unique<service>();
    std::string why;
    ASSERT_TRUE(svc->start(e.dir, "replica-" + std::to_string(i), e.ca_file, e.adyen_base(),
                           e.disputes_base(), e.stripe_base(), e.hmac_key, free_port(), why))
        << why;
    e.extra_logs.push_back(svc->log_path);
    cleanup.procs.push_back(&svc->proc);
    svc->disconnect();  // the test's calls go through nginx only
    ports.push_back(svc->grpc_port);
    replicas.push_back(std::move(svc));
  }
  nginx_proxy proxy;
  std::string why;
  ASSERT_TRUE(start_nginx(proxy, e.dir + "/nginx", ports, why)) << why;
  cleanup.procs.push_back(&proxy.proc);
  auto stub = v1::PaymentService::NewStub(proxy.channel);

  // Half of the authorizations wait 150 ms at the simulator after the payment was made: the kills
  // then catch calls whose charge exists while its answer has not left yet.
  ASSERT_EQ(
      e.sim_post("/_sim/fault-rate", boost::json::object{{"rate", 0.5},
                                                         {"seed", 18},
                                                         {"mix", boost::json::array{"latency:150"}},
                                                         {"path_prefix", "/adyen/v71/payments"}})
          .status,
      200);
  const auto before = e.stats().at("adyen");

  std::vector<call_result> results(total_calls);
  std::atomic<int> next{0}, finished{0};
  std::atomic<bool> settled{false};  // 200 ms after the kills: r0 is draining, r1 gone
  auto worker = [&] {
    for (int i; (i = next++) < total_calls;) {
      auto& r = results[i];
      r.started_after_kills = settled.load();
      auto req = authorize_request("replicas-" + std::to_string(i), "APPROVED", 1000 + i, false);
      req.set_idempotency_key("replicas-key-" + std::to_string(i));
      for (r.attempts = 1;; ++r.attempts) {
        grpc::ClientContext c;
        c.AddMetadata("x-merchant-account", "demo");
        c.set_deadline(std::chrono::system_clock::now() + 10s);
        r.res.Clear();
        r.status = stub->Authorize(&c, req, &r.res);
        if (r.status.ok() || !retryable(r.status) || r.attempts == max_attempts) break;
        r.failures.push_back(failure_kind(r.status));
        std::this_thread::sleep_for(r.attempts * 50ms);
      }
      ++finished;
    }
  };
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int i = 0; i < concurrency; ++i) workers.emplace_back(worker);

  // (No ASSERT while the workers run: they must be joined.)
  EXPECT_TRUE(eventually([&] { return finished >= kill_after; }, 30s));
  const double survivor_at_kills = authorize_calls(*replicas[2]);
  const int finished_at_kills = finished;
  EXPECT_EQ(::kill(replicas[0]->proc.pid, SIGTERM), 0);
  EXPECT_EQ(::kill(replicas[1]->proc.pid, SIGKILL), 0);
  std::this_thread::sleep_for(200ms);
  settled = true;
  for (auto& w : workers) w.join();
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double survivor_after = authorize_calls(*replicas[2]);
  EXPECT_EQ(e.sim_post("/_sim/fault-rate", boost::json::object{{"rate", 0}}).status, 200);
  const auto after = e.stats().at("adyen");

  // The SIGTERM'd replica drained and exited 0 by itself; the SIGKILL'd one is gone.
  EXPECT_EQ(wait_exit(replicas[0]->proc, 10s), 0)
      << "the SIGTERM'd replica must drain and exit 0 within its drain time";
  EXPECT_NE(read_file(replicas[0]->log_path).find("connector-service stopped"), std::string::npos);
  replicas[1]->proc.stop(1s);

  int lost = 0, retried = 0, after_kills = 0;
  std::map<std::string, int> failures;
  std::set<std::string> payments;
  for (int i = 0; i < total_calls; ++i) {
    const auto& r = results[i];
    if (r.attempts > 1) ++retried;
    for (const auto& f : r.failures) ++failures[f];
    if (r.started_after_kills) ++after_kills;
    if (!r.status.ok() || r.res.status() != v1::PAYMENT_STATUS_CHARGED) {
      ++lost;
      ADD_FAILURE() << "call " << i << " lost after " << r.attempts
                    << " attempt(s): " << (r.status.ok() ? "not CHARGED" : describe(r.status));
      continue;
    }
    payments.insert(r.res.connector_payment_id());
  }
  auto delta = [&](const char* k) {
    return after.at(k).to_number<int>() - before.at(k).to_number<int>();
  };
  auto per_replica = proxy.calls_per_replica();
  std::string per_replica_text;
  for (int i = 0; i < 3; ++i)
    per_replica_text += (i ? " " : "") + std::string("r") + std::to_string(i) + "=" +
                        std::to_string(per_replica["127.0.0.1:" + std::to_string(ports[i])]);
  std::string failures_text;
  for (auto& [kind, n] : failures)
    failures_text += (failures_text.empty() ? "" : " ") + kind + "=" + std::to_string(n);
  std::printf(
      "replicas: %d Adyen authorizations through nginx to 3 replicas in %.1f s (concurrency %d); "
      "after %d: SIGTERM r0, SIGKILL r1; lost %d; retried %d (answers retried: %s; "
      "outcome-unknown %d); sim charges %d, double charges %d, duplicate references %d; "
      "per replica (nginx log) %s; nginx moved %d call(s) to another replica; r2 served %.0f "
      "call(s) after the kills\n",
      total_calls, took, concurrency, finished_at_kills, lost, retried,
      failures_text.empty() ? "none" : failures_text.c_str(), failures["OUTCOME_UNKNOWN"],
      delta("charges"), delta("double_charges"), delta("duplicate_references"),
      per_replica_text.c_str(), proxy.calls_moved_to_another_replica(),
      survivor_after - survivor_at_kills);

  EXPECT_EQ(lost, 0);
  EXPECT_EQ(delta("double_charges"), 0);
  EXPECT_EQ(delta("duplicate_references"), 0);
  EXPECT_EQ(delta("charges"), total_calls) << "one payment at the simulator per call";
  EXPECT_EQ(static_cast<int>(payments.size()), total_calls) << "one payment id per call";
  // The kills hit calls in flight (else this test tested nothing), and those were retried.
  EXPECT_LT(finished_at_kills, total_calls);
  EXPECT_GT(retried, 0) << "no call was cut by the kills";
  // The survivor carried the calls after the kills.
  EXPECT_GT(after_kills, 0);
  EXPECT_GE(survivor_after - survivor_at_kills, after_kills)
      << "every call started after the kills (and r0's drain start) must have been answered by r2";
  for (auto& [addr, n] : per_replica) EXPECT_GT(n, 0) << addr << " served no call";

  EXPECT_EQ(replicas[2]->proc.stop(), 0);
  EXPECT_EQ(proxy.proc.stop(), 0) << "nginx exit status";
}

}  // namespace
}  // namespace e2e
