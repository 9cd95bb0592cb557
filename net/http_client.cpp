#include "net/http_client.hpp"

#include <fmt/format.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <deque>
#include <map>
#include <set>

#include "net/http2_connection.hpp"
#include "net/metrics.hpp"

namespace cs::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t body_limit = 8 * 1024 * 1024;  // a processor's reply

namespace {

// Calls waiting for a connection to one host, woken in arrival order.
struct waiter {
  explicit waiter(asio::strand<asio::io_context::executor_type>& s) : timer(s) {}
  asio::steady_timer timer;
  bool woken = false;
};

// Connections to one host (open = in use + idle + being opened) and the calls waiting for one.
// Touched only on the client's strand.
struct host_state {
  std::size_t open = 0;
  std::deque<std::shared_ptr<waiter>> waiters;

  void wake_one() {
    if (waiters.empty()) return;
    auto w = std::move(waiters.front());
    waiters.pop_front();
    w->woken = true;
    w->timer.cancel();
  }
};

// One counted connection: held from before the connect until the connection is closed, so that
// a failed connect, an error or a dropped idle connection all give the place back.
class host_slot {
 public:
  host_slot() = default;
  explicit host_slot(std::shared_ptr<host_state> h) : host_(std::move(h)) { ++host_->open; }
  host_slot(host_slot&& o) noexcept : host_(std::move(o.host_)) {}
  host_slot& operator=(host_slot&& o) noexcept {
    release();
    host_ = std::move(o.host_);
    return *this;
  }
  ~host_slot() { release(); }

 private:
  void release() {
    if (!host_) return;
    --host_->open;
    host_->wake_one();
    host_.reset();
  }
  std::shared_ptr<host_state> host_;
};

struct connection {
  host_slot slot;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  // An idle keep-alive connection the server closed (or that has unread bytes) must not be
  // reused: the request would be written into a dead socket and its outcome be unknown.
  bool still_usable() {
    auto& sock = lowest().socket();
    if (!sock.is_open()) return false;
    char byte;
    ssize_t n = ::recv(sock.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
};

domain::error failure(domain::error_code code, const char* reason, std::string message,
                      bool retryable) {
  domain::error e;
  e.code = code;
  e.reason = reason;
  e.message = std::move(message);
  e.retryable = retryable;
  return e;
}

bool is_ip_address(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

http::verb to_verb(domain::http_method m) {
  switch (m) {
    case domain::http_method::get:
      return http::verb::get;
    case domain::http_method::post:
      return http::verb::post;
    case domain::http_method::put:
      return http::verb::put;
    case domain::http_method::patch:
      return http::verb::patch;
    case domain::http_method::del:
      return http::verb::delete_;
  }
  return http::verb::get;
}

}  // namespace

struct http_client::impl : std::enable_shared_from_this<http_client::impl> {
  asio::io_context& io;
  asio::strand<asio::io_context::executor_type> strand;
  ssl::context tls_ctx{ssl::context::tls_client};
  http_client_options options;
  // Idle keep-alive connections per "scheme://host:port"; touched only on the strand.
  std::map<std::string, std::deque<std::unique_ptr<connection>>> idle;
  // The last TLS session per host, offered by the next new connection; strand only.
  std::map<std::string, SSL_SESSION*> sessions;
  std::map<std::string, std::shared_ptr<host_state>> hosts;  // strand only
  // HTTP/2 (options.http2): the connections per host, the hosts whose ALPN answer was
  // HTTP/1.1, and the calls waiting while the first connection to a host is being opened.
  std::map<std::string, std::vector<std::shared_ptr<http2_connection>>> h2;
  std::set<std::string> h1_only;
  std::set<std::string> h2_connecting;
  std::map<std::string, std::deque<std::shared_ptr<waiter>>> h2_waiters;

  std::shared_ptr<host_state>& host(const std::string& key) {
    auto& h = hosts[key];
    if (!h) h = std::make_shared<host_state>();
    return h;
  }

  impl(asio::io_context& io_, http_client_options o)
      : io(io_), strand(asio::make_strand(io_)), options(std::move(o)) {}
  ~impl() {
    for (auto& [k, s] : sessions) SSL_SESSION_free(s);
  }

  void count(const char* event) { metrics().outbound_connections.add({options.name, event}); }

  // TLS 1.3 tickets arrive after the handshake, with the first reply: keep the newest one.
  void remember_session(const std::string& key, connection& c) {
    if (c.tls) remember_ssl_session(key, c.tls->native_handle());
  }
  void remember_ssl_session(const std::string& key, SSL* ssl) {
    SSL_SESSION* live = SSL_get0_session(ssl);
    if (!live || !SSL_SESSION_is_resumable(live)) return;
    // A copy: OpenSSL marks the connection's own session not resumable when the connection is
    // dropped without a close_notify, which is how idle keep-alive connections end.
    SSL_SESSION* s = SSL_SESSION_dup(live);
    if (!s) return;
    auto& slot = sessions[key];
    if (slot) SSL_SESSION_free(slot);
    slot = s;
  }

  std::unique_ptr<connection> take_idle(const std::string& key) {
    auto it = idle.find(key);
    while (it != idle.end() && !it->second.empty()) {
      auto c = std::move(it->second.back());
      it->second.pop_back();
      if (c->still_usable()) return c;
      count("stale_dropped");
    }
    return nullptr;
  }

  void give_back(const std::string& key, std::unique_ptr<connection> c) {
    auto& q = idle[key];
    if (q.size() >= options.max_idle_per_host) return;  // closing it wakes a waiter
    q.push_back(std::move(c));
    host(key)->wake_one();  // a waiting call can take it
  }

  // An idle connection, a place for a new one (`slot`), or — when `max_connections` are open —
  // a turn in the host's queue until one is given back or the deadline passes (then null and
  // no slot: the caller answers that nothing was sent).
  asio::awaitable<std::unique_ptr<connection>> acquire(
      const std::string& key, host_slot& slot, std::chrono::steady_clock::time_point deadline,
      bool& timed_out) {
    auto h = host(key);
    bool counted_wait = false;
    for (;;) {
      if (auto c = take_idle(key)) {
        count("reused");
        co_return c;
      }
      if (h->open < options.max_connections && (h->waiters.empty() || counted_wait)) {
        slot = host_slot(h);
        co_return nullptr;
      }
      if (!counted_wait) count("waited");
      counted_wait = true;
      auto w = std::make_shared<waiter>(strand);
      w->timer.expires_at(deadline);
      h->waiters.push_back(w);
      co_await w->timer.async_wait(use_tuple);
      if (!w->woken) {
        std::erase(h->waiters, w);
        timed_out = true;
        co_return nullptr;
      }
    }
  }

  asio::awaitable<domain::result<std::unique_ptr<connection>>> connect(
      const endpoint& ep, const std::string& key, host_slot slot,
      std::chrono::steady_clock::time_point deadline, bool offer_h2 = false) {
    auto where = fmt::format("{}:{}", ep.host, ep.port);
    tcp::resolver resolver(strand);
    auto [rec, results] = co_await resolver.async_resolve(ep.host, ep.port, use_tuple);
    if (rec)
      co_return failure(domain::error_code::unavailable, domain::reason::processor_unreachable,
                        fmt::format("cannot resolve {}: {}", ep.host, rec.message()), true);
    auto c = std::make_unique<connection>();
    c->slot = std::move(slot);
    if (ep.tls) {
      c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(strand, tls_ctx);
      SSL* ssl = c->tls->native_handle();
      if (is_ip_address(ep.host)) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), ep.host.c_str());
      } else {
        SSL_set_tlsext_host_name(ssl, ep.host.c_str());
        SSL_set1_host(ssl, ep.host.c_str());
      }
      if (auto it = sessions.find(key); it != sessions.end()) SSL_set_session(ssl, it->second);
      // Only a connection that will speak HTTP/2 if chosen offers it; HTTP/1.1 ones offer no
      // ALPN at all, as before.
      static constexpr unsigned char h2_or_h1[] = "\x02h2\x08http/1.1";
      if (offer_h2) SSL_set_alpn_protos(ssl, h2_or_h1, sizeof(h2_or_h1) - 1);
    } else {
      c->plain = std::make_unique<beast::tcp_stream>(strand);
    }
    auto connect_deadline =
        std::min(deadline, std::chrono::steady_clock::now() + options.connect_timeout);
    c->lowest().expires_at(connect_deadline);
    auto [cec, ep_used] = co_await c->lowest().async_connect(results, use_tuple);
    if (cec) {
      bool total = connect_deadline == deadline && cec == beast::error::timeout;
      co_return failure(
          total ? domain::error_code::deadline_exceeded : domain::error_code::unavailable,
          domain::reason::processor_unreachable,
          fmt::format("cannot connect to {}: {}", where,
                      cec == beast::error::timeout ? "timed out" : cec.message()),
          true);
    }
    if (ep.tls) {
      c->lowest().expires_at(deadline);
      auto [hec] = co_await c->tls->async_handshake(ssl::stream_base::client, use_tuple);
      if (hec)
        co_return failure(domain::error_code::unavailable, domain::reason::processor_unreachable,
                          fmt::format("TLS handshake with {} failed: {}", where,
                                      hec == beast::error::timeout ? "timed out" : hec.message()),
                          false);
      metrics().tls_handshakes.add(
          {options.name, SSL_session_reused(c->tls->native_handle()) ? "true" : "false"});
    }
    count("opened");
    co_return std::move(c);
  }

  // Where an HTTP/2 call goes: a connection with a free stream, else a new connection (the first
  // to a host learns from ALPN whether the processor speaks HTTP/2), else the least loaded one,
  // whose extra streams nghttp2 holds until the peer allows them. `h1` is set when ALPN chose
  // HTTP/1.1: that connection serves the call, and the host is HTTP/1.1 from then on.
  struct h2_pick {
    std::shared_ptr<http2_connection> h2 = nullptr;
    std::unique_ptr<connection> h1 = nullptr;
    std::optional<domain::error> error = std::nullopt;
  };
  asio::awaitable<h2_pick> pick_h2(const endpoint& ep, const std::string& key,
                                   std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      if (h1_only.contains(key)) co_return h2_pick{};
      auto& list = h2[key];
      std::erase_if(list, [](auto& c) { return !c->usable(); });
      std::shared_ptr<http2_connection> best;
      for (auto& c : list)
        if (!best || c->active() < best->active()) best = c;
      if (best && best->active() < best->peer_max_streams()) co_return h2_pick{best};
      auto h = host(key);
      if (!h2_connecting.contains(key) && (!best || h->open < options.max_connections)) {
        h2_connecting.insert(key);
        auto fresh = co_await connect(ep, key, host_slot(h), deadline, true);
        h2_connecting.erase(key);
        for (auto& w : std::exchange(h2_waiters[key], {})) {
          w->woken = true;
          w->timer.cancel();
        }
        if (!fresh) {
          if (best) co_return h2_pick{best};
          co_return h2_pick{.error = std::move(fresh).err()};
        }
        auto c = std::move(fresh.value());
        const unsigned char* proto = nullptr;
        unsigned int len = 0;
        SSL_get0_alpn_selected(c->tls->native_handle(), &proto, &len);
        if (std::string_view(reinterpret_cast<const char*>(proto), len) != "h2") {
          h1_only.insert(key);
          co_return h2_pick{.h1 = std::move(c)};
        }
        count("opened_h2");
        auto slot = std::make_shared<host_slot>(std::move(c->slot));
        auto h2c = http2_connection::start(strand, std::move(c->tls), std::move(slot),
                                           fmt::format("{}:{}", ep.host, ep.port), body_limit);
        h2[key].push_back(h2c);
        co_return h2_pick{h2c};
      }
      if (best) co_return h2_pick{best};
      // The first connection to the host is being opened: wait for it, within the deadline.
      auto w = std::make_shared<waiter>(strand);
      w->timer.expires_at(deadline);
      h2_waiters[key].push_back(w);
      co_await w->timer.async_wait(use_tuple);
      if (!w->woken) {
        std::erase(h2_waiters[key], w);
        co_return h2_pick{
            .error =
                failure(domain::error_code::deadline_exceeded, domain::reason::deadline_before_send,
                        fmt::format("no connection to {}:{} was open before the deadline; "
                                    "nothing was sent",
                                    ep.host, ep.port),
                        true)};
      }
    }
  }

  static http2_request to_h2(const endpoint& ep, const http_client_options& o,
                             domain::http_request& req) {
    http2_request r;
    r.method = std::string(http::to_string(to_verb(req.method)));
    bool default_port = ep.port == "443";
    r.authority = default_port ? ep.host : ep.host + ":" + ep.port;
    r.path = ep.base_path + req.target;
    r.headers.reserve(req.headers.size() + 2);
    r.headers.push_back({"user-agent", o.user_agent});
    r.headers.push_back({"accept", "application/json"});
    for (auto& h : req.headers) r.headers.push_back(std::move(h));
    if (!req.body.empty() || req.method != domain::http_method::get) {
      r.content_type = req.content_type;
      r.body = std::move(req.body);
    }
    return r;
  }

  asio::awaitable<void> call(endpoint ep, domain::http_request req,
                             std::chrono::milliseconds timeout, callback done) {
    auto self = shared_from_this();  // keeps the pool alive while the call runs
    auto deadline = std::chrono::steady_clock::now() + timeout;
    auto key = ep.key();
    std::unique_ptr<connection> conn;
    if (options.http2 && ep.tls && !h1_only.contains(key)) {
      auto pick = co_await pick_h2(ep, key, deadline);
      if (pick.error) {
        done(std::move(*pick.error));
        co_return;
      }
      if (pick.h2) {
        if (!sessions.contains(key)) {
          // The TLS 1.3 ticket arrives with the first reply: keep it for the next connection.
          done = [this, self, key, c = pick.h2, done = std::move(done)](outcome o) {
            remember_ssl_session(key, c->native_handle());
            done(std::move(o));
          };
        }
        pick.h2->submit(to_h2(ep, options, req), deadline, std::move(done));
        co_return;
      }
      conn = std::move(pick.h1);  // ALPN chose HTTP/1.1; null: the host is HTTP/1.1
    }
    host_slot slot;
    bool timed_out = false;
    if (!conn) conn = co_await acquire(key, slot, deadline, timed_out);
    if (timed_out) {
      done(failure(domain::error_code::deadline_exceeded, domain::reason::deadline_before_send,
                   fmt::format("no connection to {}:{} became free before the deadline ({} are "
                               "open per worker: connectors.{}.max_connections); nothing was sent",
                               ep.host, ep.port, options.max_connections, options.name),
                   true));
      co_return;
    }
    if (!conn) {
      auto fresh = co_await connect(ep, key, std::move(slot), deadline);
      if (!fresh) {
        done(std::move(fresh).err());
        co_return;
      }
      conn = std::move(fresh.value());
    }

    http::request<http::string_body> msg{to_verb(req.method), ep.base_path + req.target, 11};
    msg.set(http::field::host, ep.host);
    msg.set(http::field::user_agent, options.user_agent);
    msg.set(http::field::accept, "application/json");
    for (auto& h : req.headers) msg.set(h.name, h.value);
    if (!req.body.empty() || req.method != domain::http_method::get) {
      msg.set(http::field::content_type, req.content_type);
      msg.body() = std::move(req.body);
    }
    msg.keep_alive(true);
    msg.prepare_payload();

    conn->lowest().expires_at(deadline);
    auto where = fmt::format("{}:{}", ep.host, ep.port);
    auto unknown = [&](const boost::system::error_code& ec) {
      bool timed_out = ec == beast::error::timeout;
      return domain::outcome_unknown(
          fmt::format("{} after the request was sent to {}: the outcome is unknown; "
                      "read the payment's state or retry with the same idempotency key",
                      timed_out ? "timed out" : "connection lost (" + ec.message() + ")", where));
    };

    boost::system::error_code ec;
    if (conn->tls) {
      std::tie(ec, std::ignore) = co_await http::async_write(*conn->tls, msg, use_tuple);
    } else {
      std::tie(ec, std::ignore) = co_await http::async_write(*conn->plain, msg, use_tuple);
    }
    if (ec) {
      done(unknown(ec));
      co_return;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(body_limit);
    if (conn->tls) {
      std::tie(ec, std::ignore) =
          co_await http::async_read(*conn->tls, conn->buffer, parser, use_tuple);
    } else {
      std::tie(ec, std::ignore) =
          co_await http::async_read(*conn->plain, conn->buffer, parser, use_tuple);
    }
    if (ec) {
      done(unknown(ec));
      co_return;
    }
    remember_session(key, *conn);
    auto res = parser.release();
    domain::http_response out;
    out.status = static_cast<int>(res.result_int());
    for (auto& f : res)
      out.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    out.body = std::move(res.body());
    if (res.keep_alive()) {
      conn->lowest().expires_never();
      give_back(key, std::move(conn));
    }
    done(std::move(out));
  }
};

http_client::http_client(std::shared_ptr<impl> p) : impl_(std::move(p)) {}
http_client::~http_client() = default;

domain::result<std::unique_ptr<http_client>> http_client::create(asio::io_context& io,
                                                                 http_client_options options) {
  auto p = std::make_shared<impl>(io, std::move(options));
  boost::system::error_code ec;
  p->tls_ctx.set_verify_mode(ssl::verify_peer, ec);
  p->tls_ctx.set_default_verify_paths(ec);
  p->tls_ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1);
  // Sessions are kept per host by the client itself (remember_session); OpenSSL only has to
  // hand them over, which TLS 1.3 tickets need client caching switched on for.
  SSL_CTX_set_session_cache_mode(p->tls_ctx.native_handle(),
                                 SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  // Idle keep-alive connections give their 2 × 16 KB record buffers back.
  SSL_CTX_set_mode(p->tls_ctx.native_handle(), SSL_MODE_RELEASE_BUFFERS);
  if (!p->options.ca_file.empty()) {
    p->tls_ctx.load_verify_file(p->options.ca_file, ec);
    if (ec)
      return domain::invalid_argument(
          "tls.ca_file", fmt::format("cannot load '{}': {}", p->options.ca_file, ec.message()));
  }
  return std::unique_ptr<http_client>(new http_client(std::move(p)));
}

namespace {

std::optional<domain::error> refuse_unsafe(const domain::http_request& r) {
  // The API validates every client string that reaches a header or the path; this is the last
  // line of defence: nothing with CR, LF or NUL leaves, whatever a connector built.
  constexpr std::string_view breaking("\r\n\0", 3);
  auto bad = [&](std::string_view s) {
    return s.find_first_of(breaking) != std::string_view::npos;
  };
  std::string where;
  if (bad(r.target) || r.target.find(' ') != std::string::npos) {
    where = "the request path";
  } else {
    for (std::size_t i = 0; i < r.headers.size() && where.empty(); ++i) {
      auto& h = r.headers[i];
      // Neither the value nor a broken name is echoed: either may carry a secret or the attack.
      if (bad(h.name) || h.name.empty() || h.name.find_first_of(" :") != std::string::npos)
        where = fmt::format("the name of header #{}", i + 1);
      else if (bad(h.value))
        where = fmt::format("the value of header {}", h.name);
    }
  }
  if (where.empty()) return std::nullopt;
  return failure(domain::error_code::invalid_argument, domain::reason::invalid_field,
                 fmt::format("refused to send: {} holds CR, LF, NUL or a space where none may "
                             "be; nothing was sent",
                             where),
                 false);
}

}  // namespace

void http_client::send(const endpoint& ep, domain::http_request request,
                       std::chrono::milliseconds timeout, callback done) {
  auto p = impl_;
  if (auto refused = refuse_unsafe(request)) {
    // `done` runs on an I/O thread, as for every other outcome.
    asio::post(p->strand,
               [done = std::move(done), e = std::move(*refused)]() mutable { done(std::move(e)); });
    return;
  }
  asio::co_spawn(p->strand, p->call(ep, std::move(request), timeout, std::move(done)),
                 asio::detached);
}

}  // namespace cs::net
