// The HTTP port under pressure: beyond max_connections it stops accepting until a connection
// closes, and when accept fails for want of file descriptors it backs off instead of spinning.
// (ctest runs every test in its own process, so lowering RLIMIT_NOFILE here touches no other.)

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <thread>
#include <vector>

#include "net/http_server.hpp"

using namespace cs;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

class HttpServerLimits : public ::testing::Test {
 protected:
  void start(net::http_server_options o) {
    auto s = net::http_server::start(
        io_, "127.0.0.1:0", "server.http_address",
        [](net::server_request, net::responder done) {
          done({200, "text/plain", "ok"});
        },
        o);
    ASSERT_TRUE(s.ok()) << s.err().message;
    server_ = std::move(s.value());
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  // Sends one keep-alive request on `s` and waits up to `wait` for the start of the reply.
  static bool answered(tcp::socket& s, std::chrono::milliseconds wait) {
    std::string req = "GET /x HTTP/1.1\r\nHost: t\r\n\r\n";
    boost::system::error_code ec;
    asio::write(s, asio::buffer(req), ec);
    if (ec) return false;
    ::timeval tv{0, static_cast<suseconds_t>(wait.count() * 1000)};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[64];
    auto n = ::recv(s.native_handle(), buf, sizeof buf, 0);
    return n > 0 && std::string_view(buf, static_cast<std::size_t>(n)).starts_with("HTTP/1.1 200");
  }

  tcp::socket connect() {
    tcp::socket s(client_io_);
    s.connect({asio::ip::make_address("127.0.0.1"), server_->port()});
    return s;
  }

  asio::io_context io_, client_io_;
  std::unique_ptr<net::http_server> server_;
  std::thread thread_;
};

double process_cpu_seconds() {
  ::timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

TEST_F(HttpServerLimits, BeyondMaxConnectionsTheNextWaitsUntilOneCloses) {
  start({2});
  auto a = connect(), b = connect();
  ASSERT_TRUE(answered(a, 2000ms));
  ASSERT_TRUE(answered(b, 2000ms));
  auto c = connect();  // the kernel completes the handshake; the server does not take it yet
  EXPECT_FALSE(answered(c, 300ms));
  a.close();
  char buf[64];
  ::timeval tv{3, 0};
  ::setsockopt(c.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto n = ::recv(c.native_handle(), buf, sizeof buf, 0);  // the request sent above, now served
  ASSERT_GT(n, 0);
  EXPECT_TRUE(std::string_view(buf, static_cast<std::size_t>(n)).starts_with("HTTP/1.1 200"));
}

TEST_F(HttpServerLimits, OutOfFileDescriptorsBacksOffInsteadOfSpinning) {
  start({});
  // A client connection made before the limit is lowered: accepting it needs one more descriptor.
  auto pending = connect();
  std::vector<int> fillers;
  ::rlimit lim{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &lim), 0);
  auto original = lim;
  for (;;) {  // take every descriptor left under a low soft limit
    int fd = ::dup(0);
    if (fd < 0) break;
    fillers.push_back(fd);
    if (fillers.size() == 1) {
      lim.rlim_cur = static_cast<rlim_t>(fd + 1);
      ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lim), 0);
    }
  }
  ASSERT_FALSE(fillers.empty());
  // accept now fails with EMFILE on every try; a spinning loop burns a whole core meanwhile.
  auto cpu0 = process_cpu_seconds();
  std::this_thread::sleep_for(1000ms);
  auto burned = process_cpu_seconds() - cpu0;
  EXPECT_LT(burned, 0.2) << "the accept loop spun for " << burned << " s of CPU in 1 s";
  for (int fd : fillers) ::close(fd);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &original), 0);
  EXPECT_TRUE(answered(pending, 3000ms));  // served once descriptors are back
}
