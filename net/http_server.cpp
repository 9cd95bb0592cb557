#include "net/http_server.hpp"

#include <fmt/format.h>
#include <strings.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>

#include "obs/log.hpp"

namespace cs::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string_view server_request::header(std::string_view name) const noexcept {
  for (auto& h : headers)
    if (h.name.size() == name.size() && strncasecmp(h.name.data(), name.data(), name.size()) == 0)
      return h.value;
  return {};
}

domain::result<std::pair<std::string, unsigned short>> split_address(std::string_view address,
                                                                     std::string_view field) {
  auto colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("'{}' must be host:port", address));
  unsigned port = 0;
  auto ps = address.substr(colon + 1);
  auto [p, ec] = std::from_chars(ps.data(), ps.data() + ps.size(), port);
  if (ec != std::errc() || p != ps.data() + ps.size() || port > 65535)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("'{}' has no valid port", address));
  std::string host(address.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::pair{host, static_cast<unsigned short>(port)};
}

struct http_server::impl : std::enable_shared_from_this<http_server::impl> {
  asio::io_context& io;
  tcp::acceptor acceptor;
  request_handler handler;
  http_server_options options;
  std::atomic<std::size_t> open{0};  // sessions run on their own strands

  impl(asio::io_context& io_, request_handler h, http_server_options o)
      : io(io_), acceptor(io_), handler(std::move(h)), options(o) {}

  asio::awaitable<server_response> dispatch(server_request req) {
    auto self = shared_from_this();
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(server_response)>(
        [this](auto completion, server_request r) {
          auto shared = std::make_shared<decltype(completion)>(std::move(completion));
          handler(std::move(r), [shared](server_response resp) {
            auto ex = asio::get_associated_executor(*shared);
            asio::post(ex,
                       [shared, resp = std::move(resp)]() mutable { (*shared)(std::move(resp)); });
          });
        },
        asio::use_awaitable, std::move(req));
  }

  asio::awaitable<void> session(tcp::socket socket) {
    auto self = shared_from_this();
    struct counted {
      std::atomic<std::size_t>& n;
      ~counted() { --n; }
    } slot{open};
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      stream.expires_after(std::chrono::seconds(60));
      http::request_parser<http::string_body> parser;
      parser.body_limit(4 * 1024 * 1024);
      auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
      if (ec) break;
      auto msg = parser.release();
      server_request req;
      req.method = std::string(msg.method_string());
      req.target = std::string(msg.target());
      for (auto& f : msg)
        req.headers.push_back({std::string(f.name_string()), std::string(f.value())});
      req.body = std::move(msg.body());
      stream.expires_never();
      auto resp = co_await dispatch(std::move(req));
      http::response<http::string_body> out{static_cast<http::status>(resp.status), 11};
      out.set(http::field::server, "connector-service");
      out.set(http::field::content_type, resp.content_type);
      for (auto& h : resp.headers) out.set(h.name, h.value);
      out.body() = std::move(resp.body);
      out.keep_alive(msg.keep_alive());
      out.prepare_payload();
      stream.expires_after(std::chrono::seconds(30));
      auto [wec, wn] = co_await http::async_write(stream, out, use_tuple);
      if (wec || !out.keep_alive()) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> pause(std::chrono::milliseconds d) {
    asio::steady_timer t(acceptor.get_executor(), d);
    co_await t.async_wait(use_tuple);
  }

  asio::awaitable<void> accept_loop() {
    auto self = shared_from_this();
    auto backoff = std::chrono::milliseconds(0);
    for (;;) {
      // At the cap: wait for a session to end instead of taking one more descriptor.
      while (open.load() >= options.max_connections && acceptor.is_open())
        co_await pause(std::chrono::milliseconds(10));
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), use_tuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        // Out of descriptors or memory (EMFILE, ENFILE, ENOBUFS): the pending connection stays
        // in the backlog and accept would fail again at once. Back off (10 ms doubling to 1 s)
        // instead of spinning a core.
        backoff = std::min(std::chrono::milliseconds(1000),
                           std::max(std::chrono::milliseconds(10), backoff * 2));
        if (backoff == std::chrono::milliseconds(10))
          obs::component_log("http")->warn("HTTP port: accept failed ({}), backing off",
                                           ec.message());
        co_await pause(backoff);
        continue;
      }
      backoff = std::chrono::milliseconds(0);
      ++open;
      asio::co_spawn(socket.get_executor(), session(std::move(socket)), asio::detached);
    }
  }
};

http_server::http_server(std::shared_ptr<impl> p) : impl_(std::move(p)) {}
http_server::~http_server() {
  stop();
}

domain::result<std::unique_ptr<http_server>> http_server::start(asio::io_context& io,
                                                                const std::string& address,
                                                                std::string_view field,
                                                                request_handler handler,
                                                                http_server_options options) {
  auto hp = split_address(address, field);
  if (!hp) return std::move(hp).err();
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(hp->first, ec);
  if (ec)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("'{}' is not an IP address", hp->first));
  auto p = std::make_shared<impl>(io, std::move(handler), options);
  tcp::endpoint ep(addr, hp->second);
  p->acceptor.open(ep.protocol(), ec);
  if (!ec) p->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) p->acceptor.bind(ep, ec);
  if (!ec) p->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("cannot listen on {}: {}", address, ec.message()));
  asio::co_spawn(io, p->accept_loop(), asio::detached);
  return std::unique_ptr<http_server>(new http_server(std::move(p)));
}

unsigned short http_server::port() const noexcept {
  boost::system::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void http_server::stop() {
  asio::post(impl_->acceptor.get_executor(), [p = impl_] {
    boost::system::error_code ec;
    p->acceptor.close(ec);
  });
}

}  // namespace cs::net
