#pragma once
// The HTTPS listener: HTTP/1.1 keep-alive over TLS on a few I/O threads. It turns wire requests
// into sim_request, calls the handler synchronously and carries out the wire_action / delay the
// handler asks for (faults).

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
