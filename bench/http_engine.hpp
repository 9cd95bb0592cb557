#pragma once
// Operations over HTTP/1.1 keep-alive with plain blocking Beast clients, one connection per
// worker thread: the bare HTTPS baseline (the simulator's Adyen /payments, no service in
// between) and the webhook scenario (signed POSTs to the service's /webhooks/... receiver).
// Blocking is deliberate: it is the least code between the socket and the measurement.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "load.hpp"
#include "requests.hpp"

namespace cs::bench {

struct http_endpoint {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  bool tls = false;
  std::string ca_file;  // TLS: trust this CA only, verify the peer and the host
};

struct http_reply {
  int status = 0;  // 0 = transport error (see `error`)
  std::string body, error;
};

// One request on a new connection (control routes such as /_sim/stats).
http_reply fetch(const http_endpoint& ep, const http_call& call);

class http_engine : public engine {
 public:
  // `make` builds the n-th call; a reply with a status in [200, 300) is ok.
  http_engine(http_endpoint ep, std::function<http_call(std::uint64_t)> make, int workers);
  ~http_engine() override;
  void start(done_fn done) override;

  struct connection;

 private:
  void work();
  http_endpoint ep_;
  std::function<http_call(std::uint64_t)> make_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<done_fn> queue_;
  bool stop_ = false;
  std::uint64_t next_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace cs::bench
