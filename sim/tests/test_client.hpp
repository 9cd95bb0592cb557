#pragma once
// Test helpers: an HTTPS client that verifies the simulator's certificate against its generated
// CA (TLS verification on), and a plain-HTTP listener that records webhooks.

#include <boost/json.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace processor_sim::testing {

struct http_reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::size_t content_length = 0;   // from the header
  boost::system::error_code error;  // transport error, if any

  boost::json::value json() const { return boost::json::parse(body); }
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class tls_client {
 public:
  // host is what the certificate is checked against ("127.0.0.1" or "localhost").
  tls_client(const std::string& ca_pem, unsigned short port, std::string host = "127.0.0.1");
  ~tls_client();

  // Sends one request on a kept-alive connection (reconnecting when needed). Transport errors are
  // reported in http_reply::error, never thrown.
  http_reply request(const std::string& method, const std::string& target,
                     const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {});
  // Total time one request may take (write and read, not connect); default 10 s. On expiry the
  // reply has error == beast::error::timeout and whatever arrived (status, partial body).
  void set_timeout(std::chrono::milliseconds total) { timeout_ = total; }
  // Connects and handshakes only; returns the handshake error.
  boost::system::error_code handshake();
  // How many TCP connections were opened so far (keep-alive checks).
  unsigned connections() const { return connections_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  unsigned connections_ = 0;
  std::chrono::milliseconds timeout_{10'000};
};

struct received_webhook {
  std::string target;
  std::string content_type;
  boost::json::value body;
  std::string raw_body;                        // bytes as received (signatures are over these)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class webhook_listener {
 public:
  // Answers 500 to the first `fail_first` deliveries, then 200 "[accepted]".
  explicit webhook_listener(unsigned fail_first = 0);
  ~webhook_listener();
  std::string url() const;  // .../webhooks/adyen
  std::string url_for(const std::string& path) const;
  // Waits until at least n webhooks were received; returns all received so far.
  std::vector<received_webhook> wait_for(
      std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  unsigned requests_seen() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Adyen's signature, recomputed independently of the simulator's code path.
std::string adyen_signature(const std::string& key_hex, const boost::json::object& item);
// Stripe's v1 signature: lower-case hex HMAC-SHA256(secret incl. "whsec_", "<t>.<body>").
std::string stripe_signature(const std::string& secret, const std::string& timestamp,
                             const std::string& body);

}  // namespace processor_sim::testing
