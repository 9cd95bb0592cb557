// A small HTTP/1.1 client for the examples: plain TCP or TLS (OpenSSL) that trusts only the given
// CA file. One request per connection; the answer is read to the end of the stream.

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>

#include "support.hpp"

namespace cs::examples {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ssl_error() {
  char buf[256];
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  return buf;
}

int connect_to(const std::string& host, const std::string& port, std::string& error) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_socktype = SOCK_STREAM;
  if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &res); rc != 0) {
    error = gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  for (auto* a = res; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(res);
  if (fd < 0) error = "cannot connect to " + host + ":" + port;
  return fd;
}

// The raw answer over TLS; verification against `ca_file` only.
bool tls_exchange(int fd, const std::string& host, const std::string& ca_file,
                  const std::string& request, std::string& raw, std::string& error) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  if (ca_file.empty() || SSL_CTX_load_verify_locations(ctx.get(), ca_file.c_str(), nullptr) != 1) {
    error = "cannot load the CA file '" + ca_file + "' (CS_SIM_CA)";
    return false;
  }
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  in6_addr ip;
  bool is_ip = inet_pton(AF_INET, host.c_str(), &ip) == 1 || inet_pton(AF_INET6, host.c_str(), &ip);
  auto* param = SSL_get0_param(ssl.get());
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl.get(), host.c_str());
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
  SSL_set_fd(ssl.get(), fd);
  if (SSL_connect(ssl.get()) != 1) {
    error = "TLS handshake: " + ssl_error();
    return false;
  }
  if (SSL_write(ssl.get(), request.data(), static_cast<int>(request.size())) <= 0) {
    error = "TLS write: " + ssl_error();
    return false;
  }
  char buf[8192];
  int n;
  while ((n = SSL_read(ssl.get(), buf, sizeof buf)) > 0) raw.append(buf, static_cast<size_t>(n));
  return true;
}

bool plain_exchange(int fd, const std::string& request, std::string& raw, std::string& error) {
  for (size_t sent = 0; sent < request.size();) {
    auto n = ::write(fd, request.data() + sent, request.size() - sent);
    if (n <= 0) {
      error = "write failed";
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  char buf[8192];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) raw.append(buf, static_cast<size_t>(n));
  return true;
}

std::string dechunk(const std::string& body) {
  std::string out;
  size_t at = 0;
  while (at < body.size()) {
    auto eol = body.find("\r\n", at);
    if (eol == std::string::npos) break;
    auto len = std::strtoul(body.substr(at, eol - at).c_str(), nullptr, 16);
    if (len == 0) break;
    out.append(body, eol + 2, len);
    at = eol + 2 + len + 2;
  }
  return out;
}

void parse_reply(const std::string& raw, http_reply& r) {
  auto end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) {
    r.error = "no HTTP answer";
    return;
  }
  r.status = std::atoi(raw.c_str() + 9);
  size_t at = raw.find("\r\n") + 2;
  while (at < end) {
    auto eol = raw.find("\r\n", at);
    auto line = raw.substr(at, eol - at);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[lower(line.substr(0, colon))] = value;
    }
    at = eol + 2;
  }
  r.body = raw.substr(end + 4);
  if (lower(r.headers["transfer-encoding"]) == "chunked") r.body = dechunk(r.body);
}

}  // namespace

http_reply http_request(const std::string& method, const std::string& url, const std::string& body,
                        const std::map<std::string, std::string>& headers,
                        const std::string& ca_file) {
  http_reply r;
  bool tls = url.starts_with("https://");
  if (!tls && !url.starts_with("http://")) {
    r.error = "not an http(s) URL: " + url;
    return r;
  }
  auto rest = url.substr(tls ? 8 : 7);
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  auto target = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = authority.rfind(':');
  auto host = colon == std::string::npos ? authority : authority.substr(0, colon);
  auto port = colon == std::string::npos ? (tls ? "443" : "80") : authority.substr(colon + 1);

  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + authority +
                        "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n";
  for (const auto& [k, v] : headers) request += k + ": " + v + "\r\n";
  request += "\r\n" + body;

  int fd = connect_to(host, port, r.error);
  if (fd < 0) return r;
  std::string raw;
  bool ok = tls ? tls_exchange(fd, host, ca_file, request, raw, r.error)
                : plain_exchange(fd, request, raw, r.error);
  ::close(fd);
  if (ok) parse_reply(raw, r);
  return r;
}

http_reply sim_control(const stack& s, const std::string& method, const std::string& path,
                       const std::string& json_body) {
  return http_request(
      method, s.get("CS_SIM_URL") + path, json_body,
      json_body.empty() ? std::map<std::string, std::string>{}
                        : std::map<std::string, std::string>{{"Content-Type", "application/json"}},
      s.get("CS_SIM_CA"));
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::strtoul(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::map<std::string, std::string> query_params(const std::string& url) {
  std::map<std::string, std::string> out;
  auto q = url.find('?');
  if (q == std::string::npos) return out;
  auto query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  size_t at = 0;
  while (at <= query.size()) {
    auto amp = query.find('&', at);
    auto pair = query.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      out[url_decode(pair.substr(0, eq))] =
          eq == std::string::npos ? std::string{} : url_decode(pair.substr(eq + 1));
    }
    if (amp == std::string::npos) break;
    at = amp + 1;
  }
  return out;
}

}  // namespace cs::examples
