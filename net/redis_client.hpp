#pragma once
// Asynchronous Redis client for the state replicas share (rate limits, webhook de-duplication).
// One TCP connection on an Asio strand; commands are pipelined and answered in order. hiredis
// (Debian's libhiredis) formats the commands and parses the replies; the socket, the timeouts
// and the reconnects are Asio's, because hiredis 0.14's async API has no timeouts of its own.
//
// Nothing here blocks the caller: `command` queues and returns, and `done` is called exactly once
// on an I/O thread — with the reply, or with a failure after at most `command_timeout` (plus the
// connect, which counts against it). While the server is down, commands fail at once until the
// next reconnect is due (backoff doubling from reconnect_min to reconnect_max), so callers fall
// back to local state instead of queueing behind a dead server.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace cs::net {

struct redis_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  std::string password;  // AUTH on every new connection when set
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{250};
  std::chrono::milliseconds reconnect_min{50};
  std::chrono::milliseconds reconnect_max{5000};
};

// A reply, copied out of hiredis.
struct redis_reply {
  enum class kind { nil, integer, string, status, array };
  kind type = kind::nil;
  long long integer = 0;
  std::string text;  // string, status
  std::vector<redis_reply> elements;
};

enum class redis_failure {
  unreachable,  // no connection (down, refused, lost, backing off): the command was not run
  timeout,      // no answer in time: it may or may not have run
  error_reply,  // the server answered with an error (-ERR …)
};

std::string_view to_string(redis_failure f) noexcept;

struct redis_outcome {
  redis_reply reply;
  std::optional<redis_failure> failure;
  std::string message;  // why, for logs (never holds the password)
  explicit operator bool() const noexcept { return !failure; }
};

// A Lua script run with EVALSHA, sent again as EVAL when the server does not have it (NOSCRIPT).
struct redis_script {
  std::string text;
  std::string sha1;  // hex
  static redis_script make(std::string text);
};

class redis_client {
 public:
  using callback = std::function<void(redis_outcome)>;

  static std::shared_ptr<redis_client> create(boost::asio::io_context& io, redis_options options);
  ~redis_client();
  redis_client(const redis_client&) = delete;
  redis_client& operator=(const redis_client&) = delete;

  // Runs one command (`args[0]` is its name). `done` runs exactly once, on an I/O thread.
  void command(std::vector<std::string> args, callback done);
  // EVALSHA, then EVAL on NOSCRIPT (each within command_timeout).
  void eval(const redis_script& script, std::vector<std::string> keys,
            std::vector<std::string> args, callback done);
  // Fails everything pending and closes the connection; later commands fail at once. Posts to
  // the io_context once: call it while that is alive (the destructor calls it only if nobody did,
  // so an owner that stopped the client may let the last copy go after the io_context).
  void stop();
  const redis_options& options() const noexcept;

  struct impl;

 private:
  explicit redis_client(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
  std::atomic<bool> stop_posted_{false};
};

}  // namespace cs::net
