#pragma once
// A real redis-server for tests: started as a child process on a free loopback port, with no
// persistence, and killed when the object goes. The binary must be on PATH (Debian's
// redis-server, scripts/install-deps.sh): without it the test fails, it is not skipped.
// pause()/resume() (SIGSTOP/SIGCONT) make a server that accepts but never answers; stop() and
// start() again on the same port make one that went away and came back.

#include <arpa/inet.h>
#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace cs::test_support {

class redis_server {
 public:
  // `extra`: more redis-server options, e.g. {"--requirepass", "pw"}.
  explicit redis_server(std::vector<std::string> extra = {}) : extra_(std::move(extra)) {
    // The free port may be taken between the check and redis-server's bind (tests run in
    // parallel): then it exits at start, and another port is tried.
    for (int attempt = 0;; ++attempt) {
      port_ = free_port();
      try {
        start();
        return;
      } catch (const std::runtime_error& e) {
        if (attempt == 4 || std::string(e.what()).find("exited at start") == std::string::npos)
          throw;
      }
    }
  }
  ~redis_server() { stop(); }
  redis_server(const redis_server&) = delete;
  redis_server& operator=(const redis_server&) = delete;

  std::uint16_t port() const { return port_; }
  // The server's output (warnings only), kept out of the test's.
  std::string log_file() const {
    return (std::filesystem::temp_directory_path() /
            ("cs-test-redis-" + std::to_string(port_) + ".log"))
        .string();
  }

  void start() {
    if (pid_ > 0) return;
    auto bin = find_binary();
    auto port = std::to_string(port_);
    auto log = log_file();
    std::vector<std::string> args{
        bin,  "--port",      port, "--bind",     "127.0.0.1", "--save",    "", "--appendonly",
        "no", "--daemonize", "no", "--loglevel", "warning",   "--logfile", ""};
    args.insert(args.end(), extra_.begin(), extra_.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("redis_server: fork failed");
    if (pid_ == 0) {
      // Its output goes to its log file, not into the test's.
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execv(bin.c_str(), argv.data());
      ::_exit(127);
    }
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!answers() || !ours()) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("redis_server: redis-server exited at start (port " + port +
                                 "), see " + log);
      }
      if (std::chrono::steady_clock::now() > until)
        throw std::runtime_error("redis_server: redis-server did not answer within 10 s");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGCONT);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  void pause() { ::kill(pid_, SIGSTOP); }
  void resume() { ::kill(pid_, SIGCONT); }

  // A blocking command for the test's own checks (never used by the code under test): the reply
  // as text (an integer in decimal, an array's strings one per line).
  std::string run(const std::string& command) const {
    auto* c = redisConnect("127.0.0.1", port_);
    if (!c || c->err) throw std::runtime_error("redis_server: cannot connect");
    auto* r = static_cast<redisReply*>(redisCommand(c, command.c_str()));
    std::string out;
    if (r) {
      if (r->type == REDIS_REPLY_INTEGER)
        out = std::to_string(r->integer);
      else if (r->type == REDIS_REPLY_ARRAY)  // elements one per line
        for (std::size_t i = 0; i < r->elements; ++i)
          out.append(i ? "\n" : "").append(r->element[i]->str ? r->element[i]->str : "");
      else if (r->str)
        out.assign(r->str, r->len);
      freeReplyObject(r);
    }
    redisFree(c);
    return out;
  }

 private:
  static std::string find_binary() {
    std::stringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin");
    for (std::string dir; std::getline(path, dir, ':');) {
      auto p = std::filesystem::path(dir) / "redis-server";
      if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
    if (::access("/usr/bin/redis-server", X_OK) == 0) return "/usr/bin/redis-server";
    throw std::runtime_error(
        "redis_server: redis-server is not installed (apt-get install redis-server, or run "
        "scripts/install-deps.sh)");
  }

  static std::uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(fd);
      throw std::runtime_error("redis_server: no free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
  }

  // Another test's redis-server on the same port would answer too: check it is this child.
  bool ours() const {
    auto info = run("INFO server");
    return info.starts_with("NOAUTH") ||  // with --requirepass: cannot tell, assume so
           info.find("process_id:" + std::to_string(pid_) + "\r") != std::string::npos;
  }

  bool answers() const {
    timeval tv{0, 200000};
    auto* c = redisConnectWithTimeout("127.0.0.1", port_, tv);
    bool ok = false;
    if (c && !c->err) {
      auto* r = static_cast<redisReply*>(redisCommand(c, "PING"));
      ok = r && (r->type == REDIS_REPLY_STATUS || r->type == REDIS_REPLY_ERROR);  // NOAUTH too
      if (r) freeReplyObject(r);
    }
    if (c) redisFree(c);
    return ok;
  }

  std::uint16_t port_ = 0;
  std::vector<std::string> extra_;
  pid_t pid_ = -1;
};

}  // namespace cs::test_support
