// The flow actor and the connector pool with a real HTTP peer: steps run in order, each built
// from the previous reply; correlation headers go out with every call; deadlines and
// unreachable processors end the flow with the documented errors.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "actors/flow.hpp"
#include "actors/runtime.hpp"
#include "connectors/registry.hpp"
#include "net/http_server.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

// Step "order" creates an order; step "payment" pays it with the id the order step returned.
domain::step_result<domain::payment_result> two_step_authorize(const domain::authorize_request& req,
                                                               const domain::flow_context& ctx) {
  domain::http_request r;
  if (ctx.first()) {
    r.target = "/orders";
    r.body = req.merchant_reference;
    return domain::next_request<domain::payment_result>("order", std::move(r));
  }
  const auto& last = *ctx.last_reply();
  if (last.status != 200)
    return domain::make_error(domain::error_code::unavailable, "PROCESSOR_ERROR", "refused");
  if (ctx.last_step() == "order") {
    r.target = "/payments";
    r.body = last.body;  // the order id
    return domain::next_request<domain::payment_result>("payment", std::move(r));
  }
  domain::payment_result out;
  out.status = domain::payment_status::authorized;
  out.connector_payment_id = last.body;
  return domain::final_result(std::move(out));
}

domain::connector two_step_connector() {
  domain::connector c;
  c.name = "adyen";
  c.base_urls = {{"default", ""}};
  c.flows.authorize = &two_step_authorize;
  return c;
}

struct seen_request {
  std::string target, body, request_id, traceparent;
};

class FlowActor : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = net::http_server::start(
        io_, "127.0.0.1:0", "p", [this](net::server_request r, net::responder done) {
          {
            std::lock_guard lock(mu_);
            seen_.push_back({r.target, r.body, std::string(r.header("X-Request-Id")),
                             std::string(r.header("traceparent"))});
          }
          auto reply = r.target == "/orders" ? "order_1" : "pay_for_" + r.body;
          int status = r.target == "/payments" ? payment_status_.load() : 200;
          auto delay = std::chrono::milliseconds(delay_ms_.load());
          std::lock_guard lock(mu_);
          responders_.emplace_back([done, reply, status, delay] {
            std::this_thread::sleep_for(delay);
            done({status, "text/plain", reply});
          });
        });
    ASSERT_TRUE(server.ok());
    server_ = std::move(server.value());
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    // Answers still sleeping must be delivered while the server's I/O is alive.
    for (auto& t : responders_) t.join();
    if (rt_) rt_->shutdown();
    server_->stop();
    io_.stop();
    thread_.join();
  }

  void start_runtime(std::string base) {
    actors::runtime_config cfg;
    cfg.known = connectors::builtin();
    actors::connector_settings s;
    s.pool.connector = "adyen";
    s.pool.workers = 2;
    s.pool.base_urls.emplace("default", *net::parse_endpoint(base, "b"));
    s.pool.client.connect_timeout = 500ms;
    cfg.connectors.emplace("adyen", std::move(s));
    auto rt = actors::runtime::start(std::move(cfg));
    ASSERT_TRUE(rt.ok());
    rt_ = std::move(rt.value());
  }

  domain::result<domain::payment_result> run(std::chrono::milliseconds deadline,
                                             std::string traceparent = {}) {
    std::promise<domain::result<domain::payment_result>> p;
    auto job =
        std::make_shared<actors::flow_job<domain::authorize_request, domain::payment_result>>(
            [&p](domain::result<domain::payment_result> r, const actors::flow_stats&) {
              p.set_value(std::move(r));
            });
    job->conn = &conn_;
    job->fn = conn_.flows.authorize;
    job->request.merchant_reference = "ref-1";
    job->deadline = std::chrono::steady_clock::now() + deadline;
    job->step_timeout = 5s;
    job->pool = rt_->connector("adyen")->pool;
    job->request_id = "req-42";
    job->traceparent = std::move(traceparent);
    rt_->system().spawn(actors::flow_actor<domain::authorize_request, domain::payment_result>,
                        std::move(job));
    auto f = p.get_future();
    EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
    return f.get();
  }

  std::string base() const { return fmt::format("http://127.0.0.1:{}", server_->port()); }

  domain::connector conn_ = two_step_connector();
  boost::asio::io_context io_;
  std::unique_ptr<net::http_server> server_;
  std::unique_ptr<actors::runtime> rt_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<seen_request> seen_;
  std::vector<std::thread> responders_;
  std::atomic<int> delay_ms_{0};
  std::atomic<int> payment_status_{200};
};

}  // namespace

TEST_F(FlowActor, StepsRunInOrderEachFedByThePreviousReply) {
  start_runtime(base());
  auto tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  auto r = run(5s, tp);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, domain::payment_status::authorized);
  EXPECT_EQ(r->connector_payment_id, "pay_for_order_1");
  std::lock_guard lock(mu_);
  ASSERT_EQ(seen_.size(), 2u);
  EXPECT_EQ(seen_[0].target, "/orders");
  EXPECT_EQ(seen_[0].body, "ref-1");
  EXPECT_EQ(seen_[1].target, "/payments");
  EXPECT_EQ(seen_[1].body, "order_1");
  for (auto& s : seen_) {
    EXPECT_EQ(s.request_id, "req-42");
    EXPECT_EQ(s.traceparent, tp);
  }
}

TEST_F(FlowActor, FailureInALaterStepIsAConnectorError) {
  start_runtime(base());
  payment_status_ = 500;
  auto r = run(5s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, "PROCESSOR_ERROR");
}

TEST_F(FlowActor, TimeoutAfterSendingIsOutcomeUnknownWithinTheDeadline) {
  start_runtime(base());
  delay_ms_ = 800;
  auto t0 = std::chrono::steady_clock::now();
  auto r = run(200ms);
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(r.ok());
  // Sent, then no answer until the call's own deadline: DEADLINE_EXCEEDED with OUTCOME_UNKNOWN
  // (never UNAVAILABLE, which gRPC retry policies resend).
  EXPECT_EQ(r.err().code, domain::error_code::deadline_exceeded);
  EXPECT_EQ(r.err().reason, domain::reason::outcome_unknown);
  EXPECT_NE(r.err().message.find("(step 1 of the authorize flow)"), std::string::npos)
      << r.err().message;
  EXPECT_LT(took, 700ms);
}

TEST_F(FlowActor, UnreachableProcessorIsUnavailableBeforeSending) {
  start_runtime("http://127.0.0.1:1");
  auto r = run(5s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, domain::error_code::unavailable);
  EXPECT_EQ(r.err().reason, domain::reason::processor_unreachable);
}

TEST_F(FlowActor, ExpiredDeadlineSendsNothing) {
  start_runtime(base());
  auto r = run(0ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, domain::error_code::deadline_exceeded);
  std::lock_guard lock(mu_);
  EXPECT_TRUE(seen_.empty());
}
