#include "server.hpp"

#include "h2_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <sstream>
#include <string_view>
#include <thread>
#include <vector>

namespace processor_sim {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(use_awaitable);

namespace {

using tls_stream = beast::ssl_stream<beast::tcp_stream>;
constexpr std::size_t body_limit = 16 * 1024 * 1024;  // defense documents can be a few MB

sim_request to_sim_request(http::request<http::string_body>& req) {
  sim_request out = make_request(std::string(req.method_string()), std::string(req.target()));
  for (const auto& field : req) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.headers[name] = std::string(field.value());
  }
  out.body = std::move(req.body());
  return out;
}

http::response<http::string_body> to_beast_response(sim_response& r, unsigned version,
                                                    bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "processor-sim");
  // A bodiless reply (204, Checkout.com's empty 401) carries no Content-Type.
  if (!r.content_type.empty() && (!r.body.empty() || r.status != 204)) {
    res.set(http::field::content_type, r.content_type);
  }
  for (auto& [name, value] : r.headers) res.set(name, value);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

// Closes without a TLS close_notify and with SO_LINGER 0, so the peer sees a reset.
void abort_connection(tls_stream& stream) {
  beast::error_code ec;
  auto& socket = beast::get_lowest_layer(stream).socket();
  socket.set_option(asio::socket_base::linger(true, 0), ec);
  socket.close(ec);
}

awaitable<void> write_truncated(tls_stream& stream, http::response<http::string_body>& res) {
  // Headers promise the full Content-Length; only half the body follows.
  std::ostringstream head;
  head << res.base();
  std::string wire = head.str();
  wire += res.body().substr(0, res.body().size() / 2);
  co_await asio::async_write(stream, asio::buffer(wire), tuple_awaitable);
}

// Body one byte at a time, drip_ms apart, after the head: a client with a total timeout gives up
// while a per-read (idle) timeout keeps being satisfied.
awaitable<bool> write_dripping(tls_stream& stream, http::response<http::string_body>& res,
                               unsigned drip_ms) {
  std::ostringstream head;
  head << res.base();
  const std::string wire_head = head.str();
  auto [head_ec, head_n] =
      co_await asio::async_write(stream, asio::buffer(wire_head), tuple_awaitable);
  if (head_ec) co_return false;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const std::string& body = res.body();
  for (std::size_t i = 0; i < body.size(); ++i) {
    timer.expires_after(std::chrono::milliseconds(drip_ms));
    co_await timer.async_wait(tuple_awaitable);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(&body[i], 1), tuple_awaitable);
    if (ec) co_return false;  // the client gave up
  }
  co_return true;
}

// tls-fail: read the ClientHello, answer with a fatal handshake_failure alert, close. A real
// alert (not a bare close) makes the client report a TLS error rather than a reset.
awaitable<void> refuse_handshake(tcp::socket socket) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  std::array<char, 16 * 1024> hello{};
  // Bounded wait for the ClientHello: a client that never speaks must not pin the coroutine.
  timer.expires_after(std::chrono::seconds(5));
  timer.async_wait([&socket](const beast::error_code& ec) {
    beast::error_code ignored;
    if (!ec) socket.cancel(ignored);
  });
  auto [read_ec, n] = co_await socket.async_read_some(asio::buffer(hello), tuple_awaitable);
  timer.cancel();
  if (!read_ec) {
    // TLS record: type 21 (alert), version 3.3, length 2, level 2 (fatal), 40 (handshake_failure).
    static constexpr unsigned char alert[] = {21, 3, 3, 0, 2, 2, 40};
    co_await asio::async_write(socket, asio::buffer(alert), tuple_awaitable);
  }
  beast::error_code ec;
  // Half-close after the alert instead of an RST, which could discard the alert unread.
  socket.shutdown(tcp::socket::shutdown_send, ec);
  timer.expires_after(std::chrono::milliseconds(200));
  co_await timer.async_wait(tuple_awaitable);
  socket.close(ec);
}

awaitable<void> run_session(tcp::socket socket, ssl::context& ctx,
                            const https_server::handler& on_request) {
  tls_stream stream(std::move(socket), ctx);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
  auto [hs_ec] = co_await stream.async_handshake(ssl::stream_base::server, tuple_awaitable);
  if (hs_ec) co_return;
  const unsigned char* alpn = nullptr;
  unsigned alpn_len = 0;
  SSL_get0_alpn_selected(stream.native_handle(), &alpn, &alpn_len);
  if (std::string_view(reinterpret_cast<const char*>(alpn), alpn_len) == "h2") {
    co_await serve_h2(std::move(stream), on_request);
    co_return;
  }

  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(body_limit);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(120));
    auto [read_ec, n] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
    if (read_ec) break;
    auto req = parser.release();
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();

    sim_response out;
    try {
      out = on_request(to_sim_request(req));
    } catch (const std::exception& e) {
      // A simulator bug must not take the I/O thread down; the client sees a 500 it can report.
      out = text_response(500, std::string("processor-sim internal error: ") + e.what());
    }
    if (out.delay_ms > 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor);
      timer.expires_after(std::chrono::milliseconds(out.delay_ms));
      co_await timer.async_wait(tuple_awaitable);
    }
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
    // From here on the answer is on its way: a retry with the same key is no longer concurrent.
    out.in_flight.reset();
    if (out.action == wire_action::reset) {
      abort_connection(stream);
      co_return;
    }
    auto res = to_beast_response(out, version, keep_alive);
    if (out.action == wire_action::truncate) {
      co_await write_truncated(stream, res);
      abort_connection(stream);
      co_return;
    }
    if (out.action == wire_action::slow_loris) {
      if (!co_await write_dripping(stream, res, out.drip_ms)) break;
      if (!keep_alive) break;
      continue;
    }
    auto [write_ec, written] = co_await http::async_write(stream, res, tuple_awaitable);
    if (write_ec || !keep_alive) break;
  }
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  co_await stream.async_shutdown(tuple_awaitable);
}

}  // namespace

struct https_server::impl {
  asio::io_context ioc;
  ssl::context ctx{ssl::context::tls_server};
  tcp::acceptor acceptor{ioc};
  handler on_request;
  handshake_filter fail_handshake;
  std::vector<std::thread> threads;
  bool stopped = false;
  std::atomic<bool> http2{true};  // offer "h2" in ALPN

  // OpenSSL's ALPN selection: h2 when offered (and on), else http/1.1; no match = no ALPN.
  static int select_alpn(SSL*, const unsigned char** out, unsigned char* out_len,
                         const unsigned char* in, unsigned in_len, void* arg) {
    const auto chosen = choose_alpn(in, in_len, static_cast<impl*>(arg)->http2.load());
    if (chosen.empty()) return SSL_TLSEXT_ERR_NOACK;
    *out = reinterpret_cast<const unsigned char*>(chosen.data());
    *out_len = static_cast<unsigned char>(chosen.size());
    return SSL_TLSEXT_ERR_OK;
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), tuple_awaitable);
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) continue;  // e.g. EMFILE: keep serving the connections we have
      socket.set_option(tcp::no_delay(true), ec);
      auto executor = socket.get_executor();
      if (fail_handshake && fail_handshake()) {
        asio::co_spawn(executor, refuse_handshake(std::move(socket)), asio::detached);
        continue;
      }
      asio::co_spawn(executor, run_session(std::move(socket), ctx, on_request), asio::detached);
    }
  }
};

https_server::https_server(const tls_material& tls, handler on_request,
                           handshake_filter fail_handshake)
    : impl_(std::make_unique<impl>()) {
  impl_->on_request = std::move(on_request);
  impl_->fail_handshake = std::move(fail_handshake);
  impl_->ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1);
  impl_->ctx.use_certificate_chain(asio::buffer(tls.server_cert_pem + tls.ca_cert_pem));
  impl_->ctx.use_private_key(asio::buffer(tls.server_key_pem), ssl::context::pem);
  SSL_CTX_set_alpn_select_cb(impl_->ctx.native_handle(), &impl::select_alpn, impl_.get());
}

void https_server::set_http2(bool enabled) {
  impl_->http2 = enabled;
}

https_server::~https_server() {
  stop();
}

unsigned short https_server::listen(const std::string& host, unsigned short port) {
  tcp::endpoint endpoint(asio::ip::make_address(host), port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor.local_endpoint().port();
}

void https_server::start(unsigned threads) {
  asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
  for (unsigned i = 0; i < std::max(1u, threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
}

void https_server::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

}  // namespace processor_sim
