#pragma once
// One HTTP/2 stream of the simulator's server session: the request as it arrives (pseudo-headers,
// headers, body) and the answer as nghttp2 pulls it (a data provider that can stop half-way for
// `truncate` or hand out one byte at a time for `slow_loris`).

#include "sim_http.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <nghttp2/nghttp2.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace processor_sim {

struct h2_stream {
  h2_stream(const boost::asio::any_io_executor& executor, std::int32_t id)
      : stream_id(id), timer(executor) {}

  const std::int32_t stream_id;
  // The request.
  std::string method, path, authority;
  std::map<std::string, std::string> headers;
  std::string body;
  // Waits out the handler's delay, then paces a slow-loris body.
  boost::asio::steady_timer timer;
  bool answered = false;  // handed to the handler (or refused) already
  bool closed = false;    // nghttp2 closed the stream (END_STREAM both ways or RST_STREAM)
  bool dripping = false;
  // The answer's body and how it goes out.
  wire_action mode = wire_action::respond;
  std::string reply;
  std::size_t sent = 0;
  std::size_t allowance = 0;  // slow_loris: bytes the provider may hand out before deferring

  // Pseudo-headers go to method/path/authority; other names as they came (HTTP/2: lower-case).
  void add_header(std::string_view name, std::string_view value);
  // The transport-neutral request; :authority becomes `host` as on HTTP/1.1. Moves the body out.
  sim_request to_request();
  // HEADERS (:status, server, content-type, content-length, the handler's headers lower-cased)
  // and the body through a data provider. Returns nghttp2's error code.
  int submit(nghttp2_session* session, sim_response& out);
};

}  // namespace processor_sim
