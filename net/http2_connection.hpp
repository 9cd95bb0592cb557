#pragma once
// One HTTP/2 connection to a processor (ALPN chose "h2"): every call to that host is a stream on
// it, so 2,000 calls in flight need a few connections instead of 2,000 (issue 18). Framing is
// nghttp2's; this class moves its bytes over the TLS stream and turns each stream's close into
// the same outcomes the HTTP/1.1 path gives: a response, "nothing was sent" (retryable) or
// OUTCOME_UNKNOWN. Private to the net room (http_client.cpp); everything runs on the strand the
// TLS stream was made with, so no lock is needed.

#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "domain/http.hpp"
#include "domain/result.hpp"

struct nghttp2_session;

namespace cs::net {

using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
using io_strand = boost::asio::strand<boost::asio::io_context::executor_type>;

struct http2_request {
  std::string method;     // "POST"
  std::string authority;  // host[:port]
  std::string path;       // base path + target
  std::vector<domain::http_header> headers;
  std::string body;
  std::string content_type;  // empty: no body, no content-type
};

class http2_connection : public std::enable_shared_from_this<http2_connection> {
 public:
  using callback = std::function<void(domain::result<domain::http_response>)>;

  // Takes over a connected, handshaken TLS stream whose ALPN is "h2", sends the connection
  // preface and starts reading. `slot` is kept alive as long as the connection (host counting).
  static std::shared_ptr<http2_connection> start(io_strand strand,
                                                 std::unique_ptr<tls_stream> stream,
                                                 std::shared_ptr<void> slot, std::string where,
                                                 std::size_t body_limit);
  ~http2_connection();
  http2_connection(const http2_connection&) = delete;
  http2_connection& operator=(const http2_connection&) = delete;

  // Open and not going away (no GOAWAY received, stream ids left).
  bool usable() const;
  // Streams submitted and not yet answered (including those nghttp2 queues beyond the peer's
  // SETTINGS_MAX_CONCURRENT_STREAMS).
  std::size_t active() const { return streams_.size(); }
  // The peer's SETTINGS_MAX_CONCURRENT_STREAMS (nghttp2's default until its SETTINGS arrive).
  std::size_t peer_max_streams() const;
  // The OpenSSL session, for resumption by the next connection to the host.
  SSL* native_handle() { return stream_->native_handle(); }

  // On the strand. `done` is called exactly once, on the strand, by `deadline` at the latest.
  void submit(http2_request req, std::chrono::steady_clock::time_point deadline, callback done);
  // Sends GOAWAY and closes once the streams in flight are answered.
  void drain();

  struct stream;

 private:
  http2_connection(io_strand strand, std::unique_ptr<tls_stream> stream, std::shared_ptr<void> slot,
                   std::string where, std::size_t body_limit);
  void flush();
  void fail_all(const std::string& why);
  void finish(int32_t id, domain::result<domain::http_response> outcome);
  void on_deadline(int32_t id);
  static void install_callbacks(nghttp2_session** session, void* self);

  io_strand strand_;
  std::unique_ptr<tls_stream> stream_;
  std::shared_ptr<void> slot_;
  std::string where_;
  std::size_t body_limit_;
  nghttp2_session* session_ = nullptr;
  std::map<int32_t, std::unique_ptr<stream>> streams_;
  std::string out_;  // bytes being written
  bool writing_ = false;
  bool dead_ = false;
  bool going_away_ = false;

  friend struct h2_callbacks;
};

}  // namespace cs::net
