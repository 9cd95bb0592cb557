#pragma once
// A minimal blocking HTTP/1.1 server for the webhook examples: loopback only, one request per
// connection (Connection: close), requests served one at a time.

#include <atomic>
#include <functional>
#include <map>
#include <string>

namespace cs::examples {

struct tiny_request {
  std::string method, target;
  std::map<std::string, std::string> headers;         // as received
  std::string body;                                   // byte for byte
  std::string header(const std::string& name) const;  // case-insensitive; "" when absent
};

struct tiny_response {
  int status = 200;
  std::string body;
};

class tiny_server {
 public:
  explicit tiny_server(int port);  // 0: a free port
  ~tiny_server();
  tiny_server(const tiny_server&) = delete;
  tiny_server& operator=(const tiny_server&) = delete;

  bool ok() const { return fd_ >= 0; }
  int port() const { return port_; }
  // Serves until stop(), or `max_requests` requests when > 0.
  void serve(int max_requests, const std::function<tiny_response(const tiny_request&)>& handler);
  // From another thread: ends serve() (after the request in progress).
  void stop();

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopped_{false};
};

}  // namespace cs::examples
