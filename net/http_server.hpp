#pragma once
// A small asynchronous HTTP/1.1 server (Boost.Beast) for the webhook receiver and health checks.
// Routing is the caller's: every request goes to one handler that answers through a responder,
// from any thread, exactly once.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/http.hpp"
#include "domain/result.hpp"

namespace boost::asio {
class io_context;
}

namespace cs::net {

struct server_request {
  std::string method;
  std::string target;
  std::vector<domain::http_header> headers;
  std::string body;
  std::string_view header(std::string_view name) const noexcept;
};

struct server_response {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
  std::vector<domain::http_header> headers;  // extra response headers
};

using responder = std::function<void(server_response)>;
using request_handler = std::function<void(server_request, responder)>;

struct http_server_options {
  // Connections served at once; beyond it the server stops accepting (the kernel's backlog holds
  // the rest) until one closes, so a flood cannot exhaust file descriptors.
  std::size_t max_connections = 1024;
};

class http_server {
 public:
  // Binds "host:port" (port 0 picks a free one); errors name `field`.
  static domain::result<std::unique_ptr<http_server>> start(boost::asio::io_context& io,
                                                            const std::string& address,
                                                            std::string_view field,
                                                            request_handler handler,
                                                            http_server_options options = {});
  ~http_server();
  unsigned short port() const noexcept;
  void stop();

  struct impl;

 private:
  explicit http_server(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

// "host:port" → (host, port); errors name `field`.
domain::result<std::pair<std::string, unsigned short>> split_address(std::string_view address,
                                                                     std::string_view field);

}  // namespace cs::net
