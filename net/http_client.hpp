#pragma once
// Asynchronous HTTP/1.1 and HTTP/2 client (Boost.Beast + OpenSSL) with keep-alive connection reuse,
// connect and total timeouts and TLS verification that is always on. Idle connections the peer
// closed are detected and dropped before use; new connections resume the last TLS session of
// their host (fewer round trips and no full handshake). Beast stays in the .cpp.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "domain/http.hpp"
#include "domain/result.hpp"
#include "net/url.hpp"

namespace boost::asio {
class io_context;
}

namespace cs::net {

struct http_client_options {
  std::chrono::milliseconds connect_timeout{2000};
  std::size_t max_idle_per_host = 64;
  // Connections per host (in use + idle); a call finding all busy waits in line for one, within
  // its deadline, instead of opening yet another TLS connection.
  std::size_t max_connections = 64;
  // PEM file with extra trusted CAs (the simulator's test CA); the system store is always loaded.
  std::string ca_file;
  std::string user_agent = "connector-service";
  std::string name = "http";  // metrics label: the connector, or "webhook_sink"
  // Offer HTTP/2 by ALPN on TLS connections: where the processor accepts, calls to it are streams
  // on a few shared connections (at most `max_connections`); where it answers HTTP/1.1, the
  // host stays on HTTP/1.1 keep-alive connections as before.
  bool http2 = false;
};

class http_client {
 public:
  using outcome = domain::result<domain::http_response>;
  using callback = std::function<void(outcome)>;

  // Fails (error naming `tls.ca_file`) when the CA file cannot be loaded.
  static domain::result<std::unique_ptr<http_client>> create(boost::asio::io_context& io,
                                                             http_client_options options);
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // Sends `request` to `ep` (target appended to its base path) within `timeout`, which bounds
  // connect, TLS, write and read together. `done` is called exactly once, on an I/O thread.
  // Errors say whether the request may have reached the processor: before the first byte was
  // written it is UNAVAILABLE/PROCESSOR_UNREACHABLE; after, reason OUTCOME_UNKNOWN.
  void send(const endpoint& ep, domain::http_request request, std::chrono::milliseconds timeout,
            callback done);

  struct impl;

 private:
  explicit http_client(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

}  // namespace cs::net
