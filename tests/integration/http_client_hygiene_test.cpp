// Connection hygiene of the outbound HTTP client: an idle keep-alive connection the server has
// closed is detected before reuse and replaced, so the call does not fail; beyond
// max_connections, calls wait in line for a connection instead of opening more.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <boost/asio.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/metrics.hpp"

using namespace cs;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

// Answers one request per connection with a keep-alive reply, then closes the connection shortly
// after, as a processor's load balancer does with idle connections.
class closing_server {
 public:
  closing_server() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~closing_server() {
    stop_ = true;
    boost::system::error_code ec;
    asio::ip::tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);  // wakes the blocking accept
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  int connections() const { return connections_; }

 private:
  void serve() {
    while (!stop_) {
      asio::ip::tcp::socket s(io_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      ++connections_;
      asio::streambuf buf;
      asio::read_until(s, buf, "\r\n\r\n", ec);
      if (ec) continue;
      std::string reply =
          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok";
      asio::write(s, asio::buffer(reply), ec);
      std::this_thread::sleep_for(30ms);
      s.close(ec);
    }
  }
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
};

domain::result<domain::http_response> get(net::http_client& c, const net::endpoint& ep) {
  std::promise<domain::result<domain::http_response>> p;
  domain::http_request req;
  req.method = domain::http_method::get;
  req.target = "/ping";
  c.send(ep, req, 2s, [&p](auto r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

}  // namespace

TEST(HttpClientHygiene, IdleConnectionClosedByTheServerIsReplacedWithoutFailingTheCall) {
  closing_server server;
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::thread t([&] { io.run(); });
  net::http_client_options opts;
  opts.name = "hygiene_test";
  auto client = net::http_client::create(io, opts);
  ASSERT_TRUE(client.ok());
  auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", server.port()), "b");
  auto& stale = net::metrics().outbound_connections;
  auto first = get(**client, ep);
  ASSERT_TRUE(first.ok()) << first.err().message;
  std::this_thread::sleep_for(150ms);  // the server has closed the idle connection by now
  auto second = get(**client, ep);
  ASSERT_TRUE(second.ok()) << second.err().message;
  EXPECT_EQ(second->body, "ok");
  EXPECT_EQ(server.connections(), 2);
  EXPECT_EQ(stale.value({"hygiene_test", "stale_dropped"}), 1);
  EXPECT_EQ(stale.value({"hygiene_test", "opened"}), 2);
  client.value().reset();
  work.reset();
  io.stop();
  t.join();
}

TEST(HttpClientHygiene, CallsBeyondMaxConnectionsWaitInLineWithinTheirDeadline) {
  asio::io_context server_io;
  std::vector<std::thread> replies;
  std::mutex mu;
  auto server = net::http_server::start(server_io, "127.0.0.1:0", "s",
                                        [&](net::server_request, net::responder done) {
                                          std::lock_guard lock(mu);
                                          replies.emplace_back([done] {
                                            std::this_thread::sleep_for(200ms);
                                            done({200, "text/plain", "ok"});
                                          });
                                        });
  ASSERT_TRUE(server.ok());
  std::thread server_thread([&] { server_io.run(); });

  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::thread t([&] { io.run(); });
  net::http_client_options opts;
  opts.name = "line_test";
  opts.max_connections = 1;
  auto client = net::http_client::create(io, opts);
  ASSERT_TRUE(client.ok());
  auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", (*server)->port()), "b");
  auto send = [&](std::chrono::milliseconds timeout) {
    auto p = std::make_shared<std::promise<domain::result<domain::http_response>>>();
    domain::http_request req;
    req.method = domain::http_method::get;
    req.target = "/slow";
    (*client)->send(ep, req, timeout, [p](auto r) { p->set_value(std::move(r)); });
    return p->get_future();
  };
  auto t0 = std::chrono::steady_clock::now();
  auto a = send(2s), b = send(2s), c = send(100ms);
  auto rc = c.get();  // waited behind a and b, and gave up
  ASSERT_FALSE(rc.ok());
  EXPECT_EQ(rc.err().code, domain::error_code::deadline_exceeded);
  EXPECT_EQ(rc.err().reason, domain::reason::deadline_before_send);
  EXPECT_NE(rc.err().message.find("max_connections"), std::string::npos) << rc.err().message;
  auto ra = a.get(), rb = b.get();
  ASSERT_TRUE(ra.ok()) << ra.err().message;
  ASSERT_TRUE(rb.ok()) << rb.err().message;
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 400ms);  // one after the other
  auto& m = net::metrics().outbound_connections;
  EXPECT_EQ(m.value({"line_test", "opened"}), 1);
  EXPECT_EQ(m.value({"line_test", "reused"}), 1);
  EXPECT_EQ(m.value({"line_test", "waited"}), 2);

  client.value().reset();
  work.reset();
  io.stop();
  t.join();
  for (auto& r : replies) r.join();
  (*server)->stop();
  server_io.stop();
  server_thread.join();
}

// The last line of defence against header injection: whatever a connector built, a header name
// or value or a path with CR, LF or NUL never leaves, and nothing reaches the server.
TEST(HttpClientHygiene, HeaderOrPathWithCrLfOrNulIsRefusedBeforeAnyByteIsSent) {
  closing_server server;
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::thread t([&] { io.run(); });
  net::http_client_options opts;
  opts.name = "injection_test";
  auto client = net::http_client::create(io, opts);
  ASSERT_TRUE(client.ok());
  auto ep = *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", server.port()), "b");
  auto attempt = [&](domain::http_request req) {
    std::promise<domain::result<domain::http_response>> p;
    (*client)->send(ep, req, 2s, [&p](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  };
  const std::string nul("a\0b", 3);
  struct bad_case {
    std::string name, value, target;
  };
  const bad_case cases[] = {
      {"Idempotency-Key", "k\r\nX-Injected: 1", "/ok"},
      {"Idempotency-Key", "k\nX-Injected: 1", "/ok"},
      {"Idempotency-Key", nul, "/ok"},
      {"X-Bad\r\nInjected", "v", "/ok"},
      {"Idempotency-Key", "k", "/v1/x\r\nHost: evil"},
      {"Idempotency-Key", "k", "/v1/x y"},
  };
  for (const auto& c : cases) {
    domain::http_request req;
    req.method = domain::http_method::post;
    req.target = c.target;
    req.headers.push_back({c.name, c.value, false});
    auto r = attempt(req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().code, domain::error_code::invalid_argument);
    EXPECT_NE(r.err().message.find("nothing was sent"), std::string::npos) << r.err().message;
    EXPECT_EQ(r.err().message.find("Injected"), std::string::npos) << r.err().message;
    EXPECT_FALSE(r.err().retryable);
  }
  EXPECT_EQ(server.connections(), 0);
  domain::http_request fine;
  fine.method = domain::http_method::get;
  fine.target = "/ping";
  fine.headers.push_back({"Authorization", "Basic a2V5OnNlY3JldA==", true});  // spaces are fine
  EXPECT_TRUE(attempt(fine).ok());
  client.value().reset();
  work.reset();
  io.stop();
  t.join();
}
