#include "tiny_server.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace cs::examples {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    default:
      return "Service Unavailable";
  }
}

// The head up to the blank line, then Content-Length bytes of body.
bool read_request(int fd, tiny_request& req) {
  std::string buf;
  char chunk[4096];
  std::size_t end;
  while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
    auto n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0 || buf.size() > 65536) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  auto line_end = buf.find("\r\n");
  auto request_line = buf.substr(0, line_end);
  auto sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
  if (sp1 == std::string::npos || sp2 <= sp1) return false;
  req.method = request_line.substr(0, sp1);
  req.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  for (auto at = line_end + 2; at < end;) {
    auto eol = buf.find("\r\n", at);
    auto line = buf.substr(at, eol - at);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
      req.headers[line.substr(0, colon)] = value;
    }
    at = eol + 2;
  }
  std::size_t length = std::strtoul(req.header("content-length").c_str(), nullptr, 10);
  if (length > (1u << 20)) return false;
  req.body = buf.substr(end + 4);
  while (req.body.size() < length) {
    auto n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    req.body.append(chunk, static_cast<std::size_t>(n));
  }
  req.body.resize(length);
  return true;
}

void respond(int fd, const tiny_response& r) {
  std::string out =
      "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) +
      "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(r.body.size()) +
      "\r\nConnection: close\r\n\r\n" + r.body;
  (void)::write(fd, out.data(), out.size());
}

}  // namespace

std::string tiny_request::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (lower(k) == lower(name)) return v;
  return {};
}

tiny_server::tiny_server(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  socklen_t len = sizeof addr;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("webhook receiver: bind/listen");
    ::close(fd_);
    fd_ = -1;
    return;
  }
  port_ = ntohs(addr.sin_port);
}

tiny_server::~tiny_server() {
  if (fd_ >= 0) ::close(fd_);
}

void tiny_server::serve(int max_requests,
                        const std::function<tiny_response(const tiny_request&)>& handler) {
  for (int served = 0; !stopped_ && (max_requests <= 0 || served < max_requests);) {
    int fd = ::accept(fd_, nullptr, nullptr);
    if (fd < 0) {
      if (stopped_) return;
      continue;
    }
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    tiny_request req;
    respond(fd, read_request(fd, req) ? handler(req) : tiny_response{400, "bad request"});
    ::close(fd);
    ++served;
  }
}

void tiny_server::stop() {
  stopped_ = true;
  ::shutdown(fd_, SHUT_RDWR);  // wakes accept()
}

}  // namespace cs::examples
