#pragma once
// A small blocking HTTP/2 client for the simulator's own tests (nghttp2 over OpenSSL, the CA
// verified): several streams on one connection, stream errors and frame counts visible, which
// curl does not show (it drops the headers of a stream it sees reset).

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace processor_sim::testing {

struct h2_reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  std::uint32_t error_code = 0;  // of the stream's close: 0, or RST_STREAM's code (2 = INTERNAL)
  bool closed = false;
  unsigned data_frames = 0;  // DATA frames seen for the stream, also after the client reset it

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class h2_test_client {
 public:
  // Connects to 127.0.0.1:port and handshakes, offering "h2" and "http/1.1" in ALPN. Throws on
  // a connection or handshake failure.
  h2_test_client(const std::string& ca_pem, unsigned short port);
  ~h2_test_client();
  h2_test_client(const h2_test_client&) = delete;
  h2_test_client& operator=(const h2_test_client&) = delete;

  std::string alpn() const;  // what the server selected: "h2", "http/1.1" or ""
  // Opens a stream with this request; returns its id. The session preface goes with the first.
  std::int32_t submit(const std::string& method, const std::string& target,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {});
  // Exchanges frames until every submitted stream is closed (true) or `timeout` passes or the
  // connection fails (false).
  bool run(std::chrono::milliseconds timeout);
  // Sends RST_STREAM(CANCEL) for the stream.
  void cancel(std::int32_t stream_id);
  const h2_reply& reply(std::int32_t stream_id) const;
  std::uint32_t server_max_concurrent_streams() const;
  bool goaway_received() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace processor_sim::testing
