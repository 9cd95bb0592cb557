// HTTP/2 to processors (issue 18, part 3): with `http2` on, the client offers h2 by ALPN; against
// the simulator's listener (which speaks both) many calls share one connection as streams, a
// reset or a deadline after the request was sent leaves the outcome unknown while the other
// streams go on, and a processor that answers HTTP/1.1 is served over HTTP/1.1 as before.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "net/http_client.hpp"
#include "net/metrics.hpp"
#include "server.hpp"
#include "tls_ca.hpp"

using namespace cs;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace sim = processor_sim;
using outcome = domain::result<domain::http_response>;

namespace {

class Http2Client : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("cs-h2-test-{}", ::getpid());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "ca.pem") << tls_.ca_cert_pem;
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    client_.reset();
    work_.reset();
    io_.stop();
    thread_.join();
    std::filesystem::remove_all(dir_);
  }

  // A listener answering with `handler`; `http2` false: it offers only HTTP/1.1.
  void serve(std::function<sim::sim_response(sim::sim_request&&)> handler, bool http2 = true) {
    server_ = std::make_unique<sim::https_server>(tls_, std::move(handler));
    server_->set_http2(http2);
    port_ = server_->listen("127.0.0.1", 0);
    server_->start(2);
  }

  void connect(std::size_t max_connections = 1, const char* name = "h2_test") {
    net::http_client_options opts;
    opts.name = name;
    opts.ca_file = (dir_ / "ca.pem").string();
    opts.http2 = true;
    opts.max_connections = max_connections;
    name_ = name;
    for (auto* e : {"opened", "opened_h2"}) base_[e] = m().value({name_, e});
    auto client = net::http_client::create(io_, opts);
    ASSERT_TRUE(client.ok());
    client_ = std::move(client.value());
    auto ep = net::parse_endpoint(fmt::format("https://127.0.0.1:{}/base", port_), "base_url");
    ASSERT_TRUE(ep.ok());
    ep_ = *ep;
  }

  std::shared_future<outcome> send(std::string target, std::chrono::milliseconds timeout = 5s,
                                   std::string body = "{\"amount\":100}") {
    auto p = std::make_shared<std::promise<outcome>>();
    domain::http_request req;
    req.target = std::move(target);
    req.body = std::move(body);
    req.headers.push_back({"Authorization", "Bearer sk_test_h2", true});
    req.headers.push_back({"Idempotency-Key", "key-1"});
    client_->send(ep_, req, timeout, [p](outcome r) { p->set_value(std::move(r)); });
    return p->get_future().share();
  }

  // Connections of this client opened since connect() (the registry outlives a test, and
  // --gtest_repeat runs it again).
  static obs::metric_family& m() { return net::metrics().outbound_connections; }
  double opened(const std::string& event) { return m().value({name_, event}) - base_[event]; }

  std::string name_;
  std::map<std::string, double> base_;
  sim::tls_material tls_ = sim::generate_tls_material();
  std::filesystem::path dir_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  std::thread thread_;
  std::unique_ptr<sim::https_server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<net::http_client> client_;
  net::endpoint ep_;
};

sim::sim_response json(int status, std::string body, unsigned delay_ms = 0) {
  sim::sim_response r{status, {{"Request-Id", "req_1"}}, "application/json", std::move(body)};
  r.delay_ms = delay_ms;
  return r;
}

}  // namespace

TEST_F(Http2Client, CarriesTheRequestAndTheReplyUnchanged) {
  std::mutex m;
  sim::sim_request seen;
  serve([&](sim::sim_request&& r) {
    std::lock_guard lock(m);
    seen = std::move(r);
    return json(402, R"({"error":"card_declined"})");
  });
  connect(1, "h2_fidelity");
  auto r = send("/v1/charges?expand=1").get();
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, 402);
  EXPECT_EQ(r->body, R"({"error":"card_declined"})");
  EXPECT_EQ(r->header("request-id"), "req_1");
  EXPECT_EQ(r->header("Content-Type"), "application/json");
  std::lock_guard lock(m);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/base/v1/charges?expand=1");
  EXPECT_EQ(seen.body, R"({"amount":100})");
  EXPECT_EQ(seen.header("authorization"), "Bearer sk_test_h2");
  EXPECT_EQ(seen.header("idempotency-key"), "key-1");
  EXPECT_EQ(seen.header("content-type"), "application/json");
  EXPECT_EQ(opened("opened_h2"), 1);
}

TEST_F(Http2Client, ManyCallsInFlightShareOneConnection) {
  // 200 calls of 300 ms each, one connection allowed: as streams they overlap; HTTP/1.1 would
  // need 60 s for them in a row.
  serve([](sim::sim_request&&) { return json(200, "{}", 300); });
  connect(1, "h2_many");
  auto start = std::chrono::steady_clock::now();
  std::vector<std::shared_future<outcome>> calls;
  for (int i = 0; i < 200; ++i) calls.push_back(send(fmt::format("/p/{}", i)));
  for (auto& c : calls) {
    auto r = c.get();
    ASSERT_TRUE(r.ok()) << r.err().message;
    EXPECT_EQ(r->status, 200);
  }
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, 5s);
  EXPECT_EQ(opened("opened_h2"), 1);
  EXPECT_EQ(opened("opened"), 1);
}

TEST_F(Http2Client, BeyondThePeersStreamLimitAnotherConnectionOpensUpToMaxConnections) {
  // The simulator allows 1,000 streams per connection: 1,500 calls in flight need a second
  // connection, and max_connections (3) bounds how many open.
  serve([](sim::sim_request&&) { return json(200, "{}", 300); });
  connect(3, "h2_wide");
  std::vector<std::shared_future<outcome>> calls;
  for (int i = 0; i < 1500; ++i) calls.push_back(send(fmt::format("/w/{}", i), 20s));
  int ok = 0;
  for (auto& c : calls) ok += c.get().ok() ? 1 : 0;
  EXPECT_EQ(ok, 1500);
  EXPECT_GE(opened("opened_h2"), 2);
  EXPECT_LE(opened("opened_h2"), 3);
}

TEST_F(Http2Client, AResetStreamIsOutcomeUnknownAndTheOthersAreAnswered) {
  serve([](sim::sim_request&& r) {
    auto out = json(200, "{}", 100);
    if (r.path == "/base/reset") out.action = sim::wire_action::reset;
    if (r.path == "/base/truncate") out.action = sim::wire_action::truncate;
    return out;
  });
  connect(1, "h2_reset");
  auto a = send("/ok/1");
  auto reset = send("/reset");
  auto truncated = send("/truncate");
  auto b = send("/ok/2");
  for (auto* f : {&reset, &truncated}) {
    auto r = f->get();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().reason, domain::reason::outcome_unknown) << r.err().message;
  }
  ASSERT_TRUE(a.get().ok()) << a.get().err().message;
  ASSERT_TRUE(b.get().ok()) << b.get().err().message;
  auto again = send("/ok/3").get();
  ASSERT_TRUE(again.ok()) << again.err().message;
  EXPECT_EQ(opened("opened_h2"), 1);
}

TEST_F(Http2Client, ADeadlineAfterSendingIsOutcomeUnknownAndTheConnectionStays) {
  serve([](sim::sim_request&& r) { return json(200, "{}", r.path == "/base/slow" ? 1500 : 0); });
  connect(1, "h2_deadline");
  auto slow = send("/slow", 200ms).get();
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.err().reason, domain::reason::outcome_unknown) << slow.err().message;
  EXPECT_NE(slow.err().message.find("timed out"), std::string::npos) << slow.err().message;
  auto fast = send("/fast").get();
  ASSERT_TRUE(fast.ok()) << fast.err().message;
  EXPECT_EQ(opened("opened_h2"), 1);
}

TEST_F(Http2Client, AProcessorThatAnswersHttp1IsServedOverHttp1) {
  serve([](sim::sim_request&&) { return json(201, R"({"id":"pay_1"})", 50); }, false);
  connect(4, "h2_fallback");
  std::vector<std::shared_future<outcome>> calls;
  for (int i = 0; i < 8; ++i) calls.push_back(send("/payments"));
  for (auto& c : calls) {
    auto r = c.get();
    ASSERT_TRUE(r.ok()) << r.err().message;
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->body, R"({"id":"pay_1"})");
  }
  EXPECT_EQ(opened("opened_h2"), 0);
  EXPECT_GE(opened("opened"), 2);  // calls in flight need connections
  EXPECT_LE(opened("opened"), 4);  // max_connections still holds
}

TEST_F(Http2Client, AServerThatGoesAwayFailsOnlyWhatItHeld) {
  serve([](sim::sim_request&&) { return json(200, "{}", 2000); });
  connect(1, "h2_gone");
  auto held = send("/held", 5s);
  std::this_thread::sleep_for(300ms);  // the request is on the wire
  server_.reset();                     // stops and closes its connections
  auto r = held.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, domain::reason::outcome_unknown) << r.err().message;
  EXPECT_EQ(r.err().message.find("sk_test_h2"), std::string::npos);
  // Nothing listens any more: the next call is refused before anything is sent.
  auto next = send("/next", 2s).get();
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.err().reason, domain::reason::processor_unreachable) << next.err().message;
}
