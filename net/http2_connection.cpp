#include "net/http2_connection.hpp"

#include <fmt/format.h>
#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cctype>

namespace cs::net {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct http2_connection::stream {
  explicit stream(io_strand& s) : timer(s) {}
  http2_request req;
  std::size_t sent_body = 0;  // how much of req.body the data provider gave nghttp2
  callback done;
  asio::steady_timer timer;
  bool headers_sent = false;  // from then on a failure leaves the outcome unknown
  bool finished = false;      // `done` was called (deadline); kept until nghttp2 closes it
  domain::http_response response;
};

namespace {

// Nothing reached the processor: safe to send again.
domain::error not_sent(domain::error_code code, const char* reason, std::string message) {
  auto e = domain::make_error(code, reason, std::move(message));
  e.retryable = true;
  return e;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// HTTP/2 forbids connection-specific fields (RFC 9113 §8.2.2); Host becomes :authority.
bool connection_specific(const std::string& name) {
  return name == "connection" || name == "keep-alive" || name == "proxy-connection" ||
         name == "transfer-encoding" || name == "upgrade" || name == "host" ||
         name == "content-length";
}

nghttp2_nv nv(const std::string& name, const std::string& value) {
  return {reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
          reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())), name.size(), value.size(),
          NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

// nghttp2's C callbacks and the two I/O loops; friends of the connection.
struct h2_callbacks {
  static http2_connection& self(void* p) { return *static_cast<http2_connection*>(p); }
  static http2_connection::stream* find(http2_connection& c, int32_t id) {
    auto it = c.streams_.find(id);
    return it == c.streams_.end() ? nullptr : it->second.get();
  }

  static int on_header(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                       size_t namelen, const uint8_t* value, size_t valuelen, uint8_t, void* p) {
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    auto* s = find(self(p), frame->hd.stream_id);
    if (!s) return 0;
    std::string_view n(reinterpret_cast<const char*>(name), namelen);
    std::string_view v(reinterpret_cast<const char*>(value), valuelen);
    if (n == ":status") {
      int status = 0;
      for (char ch : v) status = status * 10 + (ch - '0');
      // An interim 1xx is followed by the real head; only the last one counts.
      if (status >= 200) s->response.status = status;
      return 0;
    }
    if (!n.empty() && n[0] == ':') return 0;
    s->response.headers.push_back({std::string(n), std::string(v)});
    return 0;
  }

  static int on_data(nghttp2_session* session, uint8_t, int32_t id, const uint8_t* data, size_t len,
                     void* p) {
    auto& c = self(p);
    auto* s = find(c, id);
    if (!s || s->finished) return 0;
    if (s->response.body.size() + len > c.body_limit_) {
      nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
      c.finish(id, domain::outcome_unknown(fmt::format(
                       "the reply from {} is larger than {} bytes and was dropped: the outcome "
                       "is unknown; read the payment's state",
                       c.where_, c.body_limit_)));
      return 0;
    }
    s->response.body.append(reinterpret_cast<const char*>(data), len);
    return 0;
  }

  static int on_frame_send(nghttp2_session*, const nghttp2_frame* frame, void* p) {
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    if (auto* s = find(self(p), frame->hd.stream_id)) s->headers_sent = true;
    return 0;
  }

  static int on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* p) {
    if (frame->hd.type == NGHTTP2_GOAWAY) self(p).going_away_ = true;
    return 0;
  }

  static int on_stream_close(nghttp2_session*, int32_t id, uint32_t code, void* p) {
    auto& c = self(p);
    auto it = c.streams_.find(id);
    if (it == c.streams_.end()) return 0;
    auto& s = *it->second;
    if (!s.finished) {
      if (code == NGHTTP2_NO_ERROR && s.response.status != 0) {
        c.finish(id, std::move(s.response));
      } else if (code == NGHTTP2_REFUSED_STREAM || !s.headers_sent) {
        // REFUSED_STREAM (or GOAWAY above the stream) means the peer did not process it.
        c.finish(id,
                 not_sent(domain::error_code::unavailable, domain::reason::processor_unreachable,
                          fmt::format("{} refused the HTTP/2 stream before processing it; "
                                      "nothing was charged",
                                      c.where_)));
      } else {
        c.finish(id, domain::outcome_unknown(fmt::format(
                         "the HTTP/2 stream to {} was reset ({}) after the request was sent: the "
                         "outcome is unknown; read the payment's state or retry with the same "
                         "idempotency key",
                         c.where_, nghttp2_http2_strerror(code))));
      }
    }
    c.streams_.erase(id);
    return 0;
  }

  static ssize_t read_body(nghttp2_session*, int32_t, uint8_t* buf, size_t length, uint32_t* flags,
                           nghttp2_data_source* source, void*) {
    auto* s = static_cast<http2_connection::stream*>(source->ptr);
    auto n = std::min(length, s->req.body.size() - s->sent_body);
    std::copy_n(s->req.body.data() + s->sent_body, n, buf);
    s->sent_body += n;
    if (s->sent_body == s->req.body.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }

  static asio::awaitable<void> read_loop(std::shared_ptr<http2_connection> c) {
    std::array<uint8_t, 16 * 1024> buf;
    for (;;) {
      auto [ec, n] = co_await c->stream_->async_read_some(asio::buffer(buf), use_tuple);
      if (c->dead_) co_return;
      if (ec) {
        c->fail_all(ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
                        ? "the connection was closed"
                        : "connection lost (" + ec.message() + ")");
        co_return;
      }
      if (nghttp2_session_mem_recv(c->session_, buf.data(), n) < 0) {
        c->fail_all("the processor broke the HTTP/2 protocol");
        co_return;
      }
      c->flush();
    }
  }

  static asio::awaitable<void> write_loop(std::shared_ptr<http2_connection> c) {
    for (;;) {
      c->out_.clear();
      for (;;) {
        const uint8_t* data = nullptr;
        auto n = nghttp2_session_mem_send(c->session_, &data);
        if (n < 0) {
          c->writing_ = false;
          c->fail_all("HTTP/2 framing failed");
          co_return;
        }
        if (n == 0) break;
        c->out_.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
        if (c->out_.size() >= 64 * 1024) break;
      }
      if (c->out_.empty() || c->dead_) break;
      auto [ec, written] =
          co_await asio::async_write(*c->stream_, asio::buffer(c->out_), use_tuple);
      if (ec) {
        c->writing_ = false;
        c->fail_all("connection lost while writing (" + ec.message() + ")");
        co_return;
      }
    }
    c->writing_ = false;
    if (!c->dead_ && !nghttp2_session_want_read(c->session_) &&
        !nghttp2_session_want_write(c->session_))
      c->fail_all("the connection was closed");
  }
};

http2_connection::http2_connection(io_strand strand, std::unique_ptr<tls_stream> stream,
                                   std::shared_ptr<void> slot, std::string where,
                                   std::size_t body_limit)
    : strand_(std::move(strand)),
      stream_(std::move(stream)),
      slot_(std::move(slot)),
      where_(std::move(where)),
      body_limit_(body_limit) {
  nghttp2_session_callbacks* cbs = nullptr;
  nghttp2_session_callbacks_new(&cbs);
  nghttp2_session_callbacks_set_on_header_callback(cbs, h2_callbacks::on_header);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs, h2_callbacks::on_data);
  nghttp2_session_callbacks_set_on_frame_send_callback(cbs, h2_callbacks::on_frame_send);
  nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, h2_callbacks::on_frame_recv);
  nghttp2_session_callbacks_set_on_stream_close_callback(cbs, h2_callbacks::on_stream_close);
  nghttp2_session_client_new(&session_, cbs, this);
  nghttp2_session_callbacks_del(cbs);
  // No server push; a wider connection window so many streams' replies are not held back.
  nghttp2_settings_entry iv[] = {{NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
                                 {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20}};
  nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, iv, std::size(iv));
  nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, 1 << 24);
}

http2_connection::~http2_connection() {
  nghttp2_session_del(session_);
}

std::shared_ptr<http2_connection> http2_connection::start(io_strand strand,
                                                          std::unique_ptr<tls_stream> stream,
                                                          std::shared_ptr<void> slot,
                                                          std::string where,
                                                          std::size_t body_limit) {
  boost::beast::get_lowest_layer(*stream).expires_never();  // each stream has its own deadline
  std::shared_ptr<http2_connection> c(new http2_connection(
      std::move(strand), std::move(stream), std::move(slot), std::move(where), body_limit));
  asio::co_spawn(c->strand_, h2_callbacks::read_loop(c), asio::detached);
  c->flush();
  return c;
}

bool http2_connection::usable() const {
  return !dead_ && !going_away_ && nghttp2_session_get_next_stream_id(session_) < (1u << 30);
}

std::size_t http2_connection::peer_max_streams() const {
  return nghttp2_session_get_remote_settings(session_, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
}

void http2_connection::submit(http2_request req, std::chrono::steady_clock::time_point deadline,
                              callback done) {
  auto s = std::make_unique<stream>(strand_);
  s->req = std::move(req);
  s->done = std::move(done);
  auto& r = s->req;
  std::vector<std::string> names;  // lowercase copies that outlive the submit call
  names.reserve(r.headers.size());
  const std::string m = ":method", sch = ":scheme", https = "https", auth = ":authority",
                    path = ":path", ct = "content-type";
  std::vector<nghttp2_nv> hdrs{nv(m, r.method), nv(sch, https), nv(auth, r.authority),
                               nv(path, r.path)};
  if (!r.content_type.empty()) hdrs.push_back(nv(ct, r.content_type));
  for (auto& h : r.headers) {
    names.push_back(lower(h.name));
    if (connection_specific(names.back()) || names.back() == "content-type") continue;
    hdrs.push_back(nv(names.back(), h.value));
    // Credentials stay out of HPACK's dynamic table (RFC 7541 §7.1.3).
    if (h.sensitive) hdrs.back().flags = NGHTTP2_NV_FLAG_NO_INDEX;
  }
  nghttp2_data_provider body{};
  body.source.ptr = s.get();
  body.read_callback = h2_callbacks::read_body;
  bool has_body = !r.content_type.empty();
  int32_t id = nghttp2_submit_request(session_, nullptr, hdrs.data(), hdrs.size(),
                                      has_body ? &body : nullptr, nullptr);
  if (id < 0) {
    going_away_ = true;
    auto cb = std::move(s->done);
    asio::post(strand_, [cb = std::move(cb), where = where_, id] {
      cb(not_sent(domain::error_code::unavailable, domain::reason::processor_unreachable,
                  fmt::format("cannot open an HTTP/2 stream to {} ({}); nothing was sent", where,
                              nghttp2_strerror(id))));
    });
    return;
  }
  s->timer.expires_at(deadline);
  s->timer.async_wait([w = weak_from_this(), id](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto c = w.lock()) c->on_deadline(id);
  });
  streams_.emplace(id, std::move(s));
  flush();
}

void http2_connection::on_deadline(int32_t id) {
  auto it = streams_.find(id);
  if (it == streams_.end() || it->second->finished) return;
  if (it->second->headers_sent) {
    finish(id, domain::outcome_unknown(fmt::format(
                   "timed out after the request was sent to {}: the outcome is unknown; read the "
                   "payment's state or retry with the same idempotency key",
                   where_)));
  } else {
    finish(id, not_sent(domain::error_code::deadline_exceeded, domain::reason::deadline_before_send,
                        fmt::format("no HTTP/2 stream to {} opened before the deadline (the "
                                    "processor allows {} at once); nothing was sent",
                                    where_, peer_max_streams())));
  }
  // The stream stays until nghttp2 closes it: its body may still be read by nghttp2.
  nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
  flush();
}

void http2_connection::finish(int32_t id, domain::result<domain::http_response> outcome) {
  auto* s = h2_callbacks::find(*this, id);
  if (!s || s->finished) return;
  s->finished = true;
  s->timer.cancel();
  auto done = std::move(s->done);
  done(std::move(outcome));
}

void http2_connection::flush() {
  if (writing_ || dead_) return;
  if (!nghttp2_session_want_write(session_)) return;
  writing_ = true;
  asio::co_spawn(strand_, h2_callbacks::write_loop(shared_from_this()), asio::detached);
}

void http2_connection::drain() {
  if (dead_) return;
  going_away_ = true;
  nghttp2_session_terminate_session(session_, NGHTTP2_NO_ERROR);
  flush();
}

void http2_connection::fail_all(const std::string& why) {
  if (dead_) return;
  dead_ = true;
  auto streams = std::move(streams_);
  streams_.clear();
  for (auto& [id, s] : streams) {
    if (s->finished) continue;
    s->finished = true;
    s->timer.cancel();
    if (s->headers_sent) {
      s->done(domain::outcome_unknown(
          fmt::format("{} after the request was sent to {}: the outcome is unknown; read the "
                      "payment's state or retry with the same idempotency key",
                      why, where_)));
    } else {
      s->done(not_sent(domain::error_code::unavailable, domain::reason::processor_unreachable,
                       fmt::format("the HTTP/2 connection to {} ended before the request was "
                                   "sent ({}); nothing was sent",
                                   where_, why)));
    }
  }
  boost::system::error_code ec;
  boost::beast::get_lowest_layer(*stream_).socket().close(ec);
  slot_.reset();  // the host's connection count
}

}  // namespace cs::net
