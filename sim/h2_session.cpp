#include "h2_session.hpp"

#include "h2_response.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <nghttp2/nghttp2.h>

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <string_view>

namespace processor_sim {
namespace asio = boost::asio;
using asio::awaitable;

namespace {

constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t body_limit = 16 * 1024 * 1024;  // as on HTTP/1.1
constexpr auto idle_timeout = std::chrono::seconds(120);

class session : public std::enable_shared_from_this<session> {
 public:
  session(h2_tls_stream stream, const https_server::handler& on_request)
      : stream_(std::move(stream)),
        on_request_(on_request),
        idle_(stream_.get_executor()),
        last_activity_(std::chrono::steady_clock::now()) {}
  ~session() {
    if (ng_) nghttp2_session_del(ng_);
  }

  awaitable<void> run(h2_options options) {
    auto self = shared_from_this();
    if (!init(options)) co_return;
    arm_idle_timer();
    flush();  // the server SETTINGS go first
    std::array<std::uint8_t, 16 * 1024> buf{};
    while (!closed_) {
      auto [ec, n] = co_await stream_.async_read_some(asio::buffer(buf), tuple_awaitable);
      if (ec) break;
      last_activity_ = std::chrono::steady_clock::now();
      if (nghttp2_session_mem_recv(ng_, buf.data(), n) < 0) break;  // the peer broke the protocol
      flush();
      if (!nghttp2_session_want_read(ng_)) co_return;  // GOAWAY exchanged: the writer hangs up
    }
    // The peer is gone (or sent garbage): what is left to write has no reader.
    close();
  }

 private:
  bool init(const h2_options& options) {
    nghttp2_session_callbacks* cbs = nullptr;
    if (nghttp2_session_callbacks_new(&cbs) != 0) return false;
    nghttp2_session_callbacks_set_on_begin_headers_callback(cbs, &session::on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(cbs, &session::on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs, &session::on_data_chunk);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, &session::on_frame_recv);
    nghttp2_session_callbacks_set_on_stream_close_callback(cbs, &session::on_stream_close);
    const int rv = nghttp2_session_server_new(&ng_, cbs, this);
    nghttp2_session_callbacks_del(cbs);
    if (rv != 0) return false;
    const nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams}};
    return nghttp2_submit_settings(ng_, NGHTTP2_FLAG_NONE, settings, 1) == 0;
  }

  static session& self_of(void* user_data) { return *static_cast<session*>(user_data); }

  static int on_begin_headers(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
    if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
      self_of(user_data).streams_[frame->hd.stream_id] = std::make_shared<h2_stream>(
          self_of(user_data).stream_.get_executor(), frame->hd.stream_id);
    }
    return 0;
  }

  static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                       std::size_t name_len, const std::uint8_t* value, std::size_t value_len,
                       std::uint8_t, void* user_data) {
    auto* st = self_of(user_data).find(frame->hd.stream_id);
    if (!st) return 0;
    // nghttp2 has already refused upper-case names (a stream error), so names arrive lower-case.
    st->add_header(std::string_view(reinterpret_cast<const char*>(name), name_len),
                   std::string_view(reinterpret_cast<const char*>(value), value_len));
    return 0;
  }

  static int on_data_chunk(nghttp2_session*, std::uint8_t, std::int32_t stream_id,
                           const std::uint8_t* data, std::size_t len, void* user_data) {
    auto& self = self_of(user_data);
    auto* st = self.find(stream_id);
    if (!st || st->answered) return 0;
    if (st->body.size() + len > body_limit) {
      // Answered at once; nghttp2 then resets the rest of the upload (RST_STREAM NO_ERROR).
      st->body.clear();
      self.answer(self.streams_[stream_id], text_response(413, "request body larger than 16 MiB"));
      return 0;
    }
    st->body.append(reinterpret_cast<const char*>(data), len);
    return 0;
  }

  static int on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
    const bool request_part = frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA;
    if (request_part && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
      self_of(user_data).dispatch(frame->hd.stream_id);
    }
    return 0;
  }

  static int on_stream_close(nghttp2_session*, std::int32_t stream_id, std::uint32_t,
                             void* user_data) {
    auto& self = self_of(user_data);
    auto it = self.streams_.find(stream_id);
    if (it == self.streams_.end()) return 0;
    it->second->closed = true;
    // A client giving up on a slow-loris reply stops the dripping; a pending delay still runs
    // out, so the idempotency key stays busy as long as it would on HTTP/1.1.
    if (it->second->dripping) it->second->timer.cancel();
    self.streams_.erase(it);
    return 0;
  }

  h2_stream* find(std::int32_t id) {
    auto it = streams_.find(id);
    return it == streams_.end() ? nullptr : it->second.get();
  }

  void dispatch(std::int32_t id) {
    auto it = streams_.find(id);
    if (it == streams_.end() || it->second->answered) return;
    auto st = it->second;
    sim_response out;
    try {
      out = on_request_(st->to_request());
    } catch (const std::exception& e) {
      // A simulator bug must not take the I/O thread down; the client sees a 500 it can report.
      out = text_response(500, std::string("processor-sim internal error: ") + e.what());
    }
    st->answered = true;
    if (out.delay_ms == 0) {
      answer(st, std::move(out));
      return;
    }
    st->timer.expires_after(std::chrono::milliseconds(out.delay_ms));
    auto pending = std::make_shared<sim_response>(std::move(out));
    st->timer.async_wait([self = shared_from_this(), st, pending](const auto&) {
      self->answer(st, std::move(*pending));
    });
  }

  void answer(const std::shared_ptr<h2_stream>& st, sim_response out) {
    st->answered = true;
    // From here on the answer is on its way: a retry with the same key is no longer concurrent.
    out.in_flight.reset();
    if (closed_ || st->closed) return;
    if (out.action == wire_action::reset) {
      nghttp2_submit_rst_stream(ng_, NGHTTP2_FLAG_NONE, st->stream_id, NGHTTP2_INTERNAL_ERROR);
      flush();
      return;
    }
    const int rv = st->submit(ng_, out);
    if (rv != 0) {
      nghttp2_submit_rst_stream(ng_, NGHTTP2_FLAG_NONE, st->stream_id, NGHTTP2_INTERNAL_ERROR);
    } else if (out.action == wire_action::slow_loris && !st->reply.empty()) {
      drip(st, out.drip_ms);
    }
    flush();
  }

  // Lets one more body byte out every drip_ms (the data provider defers in between).
  void drip(std::shared_ptr<h2_stream> st, unsigned drip_ms) {
    st->dripping = true;
    st->timer.expires_after(std::chrono::milliseconds(drip_ms));
    st->timer.async_wait([self = shared_from_this(), st, drip_ms](const auto& ec) {
      if (ec || self->closed_ || st->closed) return;
      st->allowance = 1;
      nghttp2_session_resume_data(self->ng_, st->stream_id);
      self->flush();
      if (st->sent < st->reply.size()) self->drip(st, drip_ms);
    });
  }

  // Writes what nghttp2 has queued; one writer at a time, the rest is picked up by its loop.
  void flush() {
    if (writing_ || closed_) return;
    writing_ = true;
    // Posted, not run inline: flush() is also called from nghttp2 callbacks, where calling
    // nghttp2_session_mem_send again is not allowed.
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      asio::co_spawn(self->stream_.get_executor(), self->write_loop(self), asio::detached);
    });
  }

  awaitable<void> write_loop(std::shared_ptr<session> self) {
    std::string out;
    for (;;) {
      out.clear();
      for (;;) {
        const std::uint8_t* data = nullptr;
        const auto n = nghttp2_session_mem_send(ng_, &data);
        if (n < 0) {
          close();
          break;
        }
        if (n == 0) break;
        out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
        if (out.size() >= 64 * 1024) break;
      }
      if (out.empty() || closed_) break;
      auto [ec, written] = co_await asio::async_write(stream_, asio::buffer(out), tuple_awaitable);
      if (ec) {
        close();
        break;
      }
    }
    writing_ = false;
    // After a GOAWAY (idle) or a fatal error nghttp2 wants nothing more: hang up.
    if (!closed_ && !nghttp2_session_want_read(ng_) && !nghttp2_session_want_write(ng_)) close();
  }

  // Idle: no bytes from the client and no stream open for 120 s -> GOAWAY, then close.
  void arm_idle_timer() {
    idle_.expires_at(last_activity_ + idle_timeout);
    idle_.async_wait([self = shared_from_this()](const auto& ec) {
      if (ec || self->closed_) return;
      const bool quiet = std::chrono::steady_clock::now() >= self->last_activity_ + idle_timeout;
      if (quiet && self->streams_.empty()) {
        nghttp2_session_terminate_session(self->ng_, NGHTTP2_NO_ERROR);
        self->flush();
        return;
      }
      if (quiet) self->last_activity_ = std::chrono::steady_clock::now();
      self->arm_idle_timer();
    });
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    idle_.cancel();
    for (auto& [id, st] : streams_) {
      if (st->dripping) st->timer.cancel();
    }
    boost::system::error_code ec;
    auto& socket = boost::beast::get_lowest_layer(stream_).socket();
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  h2_tls_stream stream_;
  const https_server::handler& on_request_;
  nghttp2_session* ng_ = nullptr;
  std::map<std::int32_t, std::shared_ptr<h2_stream>> streams_;
  asio::steady_timer idle_;
  std::chrono::steady_clock::time_point last_activity_;
  bool writing_ = false;
  bool closed_ = false;
};

}  // namespace

awaitable<void> serve_h2(h2_tls_stream stream, const https_server::handler& on_request,
                         h2_options options) {
  boost::beast::get_lowest_layer(stream).expires_never();  // the session keeps its own idle timer
  auto s = std::make_shared<session>(std::move(stream), on_request);
  co_await s->run(options);
}

std::string_view choose_alpn(const unsigned char* offered, unsigned length, bool allow_h2) {
  std::string_view h2, h1;
  for (unsigned i = 0; i < length;) {
    const unsigned n = offered[i];
    if (i + 1 + n > length) break;  // malformed list: use what was read so far
    const std::string_view proto(reinterpret_cast<const char*>(offered + i + 1), n);
    if (proto == "h2") h2 = proto;
    if (proto == "http/1.1") h1 = proto;
    i += 1 + n;
  }
  return !h2.empty() && allow_h2 ? h2 : h1;
}

}  // namespace processor_sim
