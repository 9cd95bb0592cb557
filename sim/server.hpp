#pragma once
// The HTTPS listener on a few I/O threads: HTTP/1.1 keep-alive over TLS, and HTTP/2 when the
// client offers "h2" in ALPN (h2_session.hpp; up to 1000 concurrent streams per connection). It
// turns wire requests into sim_request, calls the handler synchronously and carries out the
// wire_action / delay the handler asks for (faults): on HTTP/1.1 a reset or truncate drops the
// connection, on HTTP/2 it resets only its stream (RST_STREAM INTERNAL_ERROR).

#include "sim_http.hpp"
#include "tls_ca.hpp"

#include <functional>
#include <memory>
#include <string>

namespace processor_sim {

class https_server {
 public:
  using handler = std::function<sim_response(sim_request&&)>;
  // Asked once per accepted connection; true = answer the ClientHello with a fatal alert.
  using handshake_filter = std::function<bool()>;

  https_server(const tls_material& tls, handler on_request, handshake_filter fail_handshake = {});
  ~https_server();
  https_server(const https_server&) = delete;
  https_server& operator=(const https_server&) = delete;

  // On by default; off = ALPN never selects "h2" (HTTP/1.1 only, for clients' fallback tests).
  // Applies to handshakes from then on.
  void set_http2(bool enabled);
  // Binds and listens; returns the bound port (useful with port 0). Throws on failure.
  unsigned short listen(const std::string& host, unsigned short port);
  // Starts accepting on `threads` I/O threads.
  void start(unsigned threads);
  // Stops accepting, drops connections and joins the threads. Idempotent.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace processor_sim
