#pragma once
// The HTTP/2 side of the HTTPS listener: once ALPN has chosen "h2", one nghttp2 server session
// runs over the TLS stream. Each complete request goes to the same synchronous handler as on
// HTTP/1.1; delays wait on per-stream timers so one slow stream never holds up the others, and
// wire faults act on their own stream only (RST_STREAM instead of a dropped connection).

#include "server.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <cstdint>
#include <string_view>

namespace processor_sim {

using h2_tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

struct h2_options {
  std::uint32_t max_concurrent_streams = 1000;
};

// Serves HTTP/2 on a stream whose TLS handshake negotiated "h2", until the peer goes away, the
// connection is idle for 120 s or a protocol error ends it. Runs on the stream's executor (the
// connection's strand); every callback of the connection stays on it.
boost::asio::awaitable<void> serve_h2(h2_tls_stream stream, const https_server::handler& on_request,
                                      h2_options options = {});

// "h2" when `offered` (ALPN wire format) contains it and `allow_h2`, else "http/1.1" when
// offered; empty when neither (the handshake then goes on without ALPN: plain HTTP/1.1). The
// view points into `offered`, as OpenSSL's ALPN callback wants.
std::string_view choose_alpn(const unsigned char* offered, unsigned length, bool allow_h2);

}  // namespace processor_sim
