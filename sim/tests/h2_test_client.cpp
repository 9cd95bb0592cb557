#include "h2_test_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace processor_sim::testing {

struct h2_test_client::impl {
  int fd = -1;
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  nghttp2_session* session = nullptr;
  std::map<std::int32_t, h2_reply> replies;
  std::map<std::int32_t, std::pair<std::string, std::size_t>> uploads;  // body, bytes sent
  bool goaway = false;
  bool failed = false;

  ~impl() {
    if (session) nghttp2_session_del(session);
    if (ssl) SSL_free(ssl);
    if (ctx) SSL_CTX_free(ctx);
    if (fd >= 0) ::close(fd);
  }

  static impl& of(void* p) { return *static_cast<impl*>(p); }

  static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                       std::size_t name_len, const std::uint8_t* value, std::size_t value_len,
                       std::uint8_t, void* user) {
    auto& r = of(user).replies[frame->hd.stream_id];
    std::string n(reinterpret_cast<const char*>(name), name_len);
    std::string v(reinterpret_cast<const char*>(value), value_len);
    if (n == ":status") r.status = std::stoi(v);
    r.headers[n] = v;
    return 0;
  }
  static int on_data(nghttp2_session*, std::uint8_t, std::int32_t id, const std::uint8_t* data,
                     std::size_t len, void* user) {
    of(user).replies[id].body.append(reinterpret_cast<const char*>(data), len);
    return 0;
  }
  // Called for every frame header, also of frames nghttp2 then ignores (a closed stream's).
  static int on_begin_frame(nghttp2_session*, const nghttp2_frame_hd* hd, void* user) {
    if (hd->type == NGHTTP2_DATA) ++of(user).replies[hd->stream_id].data_frames;
    if (hd->type == NGHTTP2_GOAWAY) of(user).goaway = true;
    return 0;
  }
  static int on_close(nghttp2_session*, std::int32_t id, std::uint32_t error, void* user) {
    auto& r = of(user).replies[id];
    r.closed = true;
    r.error_code = error;
    return 0;
  }
  static ssize_t read_upload(nghttp2_session*, std::int32_t id, std::uint8_t* buf,
                             std::size_t length, std::uint32_t* flags, nghttp2_data_source*,
                             void* user) {
    auto& [body, sent] = of(user).uploads[id];
    const std::size_t n = std::min(length, body.size() - sent);
    std::memcpy(buf, body.data() + sent, n);
    sent += n;
    if (sent == body.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }

  bool send_pending() {
    for (;;) {
      const std::uint8_t* data = nullptr;
      const auto n = nghttp2_session_mem_send(session, &data);
      if (n < 0) return false;
      if (n == 0) return true;
      if (SSL_write(ssl, data, static_cast<int>(n)) <= 0) return false;
    }
  }
};

h2_test_client::h2_test_client(const std::string& ca_pem, unsigned short port)
    : impl_(std::make_unique<impl>()) {
  auto& d = *impl_;
  d.fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;  // frames go out one SSL_write each: Nagle would hold them for the ACK
  ::setsockopt(d.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(d.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error("h2_test_client: connect failed");
  }
  d.ctx = SSL_CTX_new(TLS_client_method());
  BIO* bio = BIO_new_mem_buf(ca_pem.data(), static_cast<int>(ca_pem.size()));
  X509* ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  X509_STORE_add_cert(SSL_CTX_get_cert_store(d.ctx), ca);
  X509_free(ca);
  SSL_CTX_set_verify(d.ctx, SSL_VERIFY_PEER, nullptr);
  static constexpr unsigned char protos[] = "\x02h2\x08http/1.1";
  SSL_CTX_set_alpn_protos(d.ctx, protos, sizeof protos - 1);
  d.ssl = SSL_new(d.ctx);
  X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(d.ssl), "127.0.0.1");
  SSL_set_fd(d.ssl, d.fd);
  if (SSL_connect(d.ssl) != 1) throw std::runtime_error("h2_test_client: TLS handshake failed");

  nghttp2_session_callbacks* cbs = nullptr;
  nghttp2_session_callbacks_new(&cbs);
  nghttp2_session_callbacks_set_on_header_callback(cbs, &impl::on_header);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs, &impl::on_data);
  nghttp2_session_callbacks_set_on_begin_frame_callback(cbs, &impl::on_begin_frame);
  nghttp2_session_callbacks_set_on_stream_close_callback(cbs, &impl::on_close);
  nghttp2_session_client_new(&d.session, cbs, &d);
  nghttp2_session_callbacks_del(cbs);
  nghttp2_submit_settings(d.session, NGHTTP2_FLAG_NONE, nullptr, 0);
}

h2_test_client::~h2_test_client() = default;

std::string h2_test_client::alpn() const {
  const unsigned char* p = nullptr;
  unsigned n = 0;
  SSL_get0_alpn_selected(impl_->ssl, &p, &n);
  return std::string(reinterpret_cast<const char*>(p), n);
}

std::int32_t h2_test_client::submit(const std::string& method, const std::string& target,
                                    const std::string& body,
                                    const std::map<std::string, std::string>& headers) {
  std::vector<std::pair<std::string, std::string>> fields{
      {":method", method}, {":scheme", "https"}, {":authority", "127.0.0.1"}, {":path", target}};
  for (const auto& [name, value] : headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    fields.emplace_back(lower, value);
  }
  std::vector<nghttp2_nv> nva;
  for (auto& [n, v] : fields) {
    nva.push_back({reinterpret_cast<std::uint8_t*>(n.data()),
                   reinterpret_cast<std::uint8_t*>(v.data()), n.size(), v.size(),
                   NGHTTP2_NV_FLAG_NONE});
  }
  nghttp2_data_provider provider{};
  provider.read_callback = &impl::read_upload;
  const auto id = nghttp2_submit_request(impl_->session, nullptr, nva.data(), nva.size(),
                                         body.empty() ? nullptr : &provider, nullptr);
  if (id < 0) throw std::runtime_error("h2_test_client: submit failed");
  impl_->uploads[id] = {body, 0};
  impl_->replies[id];
  return id;
}

bool h2_test_client::run(std::chrono::milliseconds timeout) {
  auto& d = *impl_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<std::uint8_t> buf(64 * 1024);
  for (;;) {
    if (d.failed || !d.send_pending()) return d.failed = true, false;
    const bool all_closed = std::all_of(d.replies.begin(), d.replies.end(),
                                        [](const auto& r) { return r.second.closed; });
    if (all_closed) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (SSL_pending(d.ssl) == 0) {
      pollfd p{d.fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    }
    const int n = SSL_read(d.ssl, buf.data(), static_cast<int>(buf.size()));
    if (n <= 0) return d.failed = true, false;
    if (nghttp2_session_mem_recv(d.session, buf.data(), static_cast<std::size_t>(n)) < 0) {
      return d.failed = true, false;
    }
  }
}

void h2_test_client::cancel(std::int32_t stream_id) {
  nghttp2_submit_rst_stream(impl_->session, NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
  impl_->send_pending();
}

const h2_reply& h2_test_client::reply(std::int32_t stream_id) const {
  return impl_->replies.at(stream_id);
}

std::uint32_t h2_test_client::server_max_concurrent_streams() const {
  return nghttp2_session_get_remote_settings(impl_->session,
                                             NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
}

bool h2_test_client::goaway_received() const {
  return impl_->goaway;
}

}  // namespace processor_sim::testing
