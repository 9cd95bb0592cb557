#include "http_engine.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <optional>

namespace cs::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// A keep-alive connection, TLS or plain, reopened after any error.
struct http_engine::connection {
  explicit connection(const http_endpoint& e) : ep(e), ctx(ssl::context::tls_client) {
    if (ep.tls) {
      ctx.load_verify_file(ep.ca_file);
      ctx.set_verify_mode(ssl::verify_peer);
    }
  }

  void open() {
    tcp::resolver resolver(io);
    auto results = resolver.resolve(ep.host, std::to_string(ep.port));
    if (ep.tls) {
      tls.emplace(io, ctx);
      SSL_set_tlsext_host_name(tls->native_handle(), ep.host.c_str());
      tls->set_verify_callback(ssl::host_name_verification(ep.host));
      asio::connect(beast::get_lowest_layer(*tls), results);
      beast::get_lowest_layer(*tls).set_option(tcp::no_delay(true));
      tls->handshake(ssl::stream_base::client);
    } else {
      plain.emplace(io);
      asio::connect(*plain, results);
      plain->set_option(tcp::no_delay(true));
    }
  }

  void close() {
    beast::error_code ec;
    if (tls) beast::get_lowest_layer(*tls).close(ec);
    if (plain) plain->close(ec);
    tls.reset();
    plain.reset();
  }

  http_reply request(const http_call& c, bool keep_alive) {
    http_reply out;
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!tls && !plain) open();
        http::request<http::string_body> req{http::string_to_verb(c.method), c.target, 11};
        req.set(http::field::host, ep.host);
        req.keep_alive(keep_alive);
        for (auto& [name, value] : c.headers) req.set(name, value);
        if (!c.body.empty() || c.method == "POST") {
          req.set(http::field::content_type, c.content_type);
          req.body() = c.body;
          req.prepare_payload();
        }
        http::response<http::string_body> res;
        if (tls) {
          http::write(*tls, req);
          http::read(*tls, buffer, res);
        } else {
          http::write(*plain, req);
          http::read(*plain, buffer, res);
        }
        out.status = res.result_int();
        out.body = std::move(res.body());
        if (!res.keep_alive() || !keep_alive) close();
        return out;
      } catch (const std::exception& e) {
        // A keep-alive connection the server closed: one retry on a fresh connection.
        close();
        out.error = e.what();
      }
    }
    return out;
  }

  http_endpoint ep;
  asio::io_context io;
  ssl::context ctx;
  std::optional<beast::ssl_stream<tcp::socket>> tls;
  std::optional<tcp::socket> plain;
  beast::flat_buffer buffer;
};

http_reply fetch(const http_endpoint& ep, const http_call& call) {
  try {
    http_engine::connection c(ep);
    return c.request(call, false);
  } catch (const std::exception& e) {
    return {0, {}, e.what()};
  }
}

http_engine::http_engine(http_endpoint ep, std::function<http_call(std::uint64_t)> make,
                         int workers)
    : ep_(std::move(ep)), make_(std::move(make)) {
  for (int i = 0; i < std::max(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

http_engine::~http_engine() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
  // Operations never started still owe their answer.
  for (auto& d : queue_) d({false, "stopped", 0});
}

void http_engine::start(done_fn done) {
  {
    std::lock_guard lock(m_);
    queue_.push_back(std::move(done));
  }
  cv_.notify_one();
}

void http_engine::work() {
  std::unique_ptr<connection> conn;
  try {
    conn = std::make_unique<connection>(ep_);
  } catch (const std::exception&) {
  }
  while (true) {
    done_fn done;
    std::uint64_t n = 0;
    {
      std::unique_lock lock(m_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      done = std::move(queue_.front());
      queue_.pop_front();
      n = next_++;
    }
    if (!conn) {
      done({false, "tls setup", 1});
      continue;
    }
    auto reply = conn->request(make_(n), true);
    if (reply.status >= 200 && reply.status < 300)
      done({true, {}, 1});
    else
      done({false, reply.status ? "http " + std::to_string(reply.status) : "transport", 1});
  }
}

}  // namespace cs::bench
