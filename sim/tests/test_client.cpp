#include "test_client.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <cstdio>
#include <optional>

namespace processor_sim::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct tls_client::impl {
  asio::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::string host;
  unsigned short port;
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;

  boost::system::error_code connect(unsigned& connections) {
    stream.emplace(ioc, ctx);
    buffer.clear();
    boost::system::error_code ec;
    if (host != "127.0.0.1") SSL_set_tlsext_host_name(stream->native_handle(), host.c_str());
    stream->set_verify_callback(ssl::host_name_verification(host));
    beast::get_lowest_layer(*stream).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(*stream).connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    if (ec) return ec;
    ++connections;
    stream->handshake(ssl::stream_base::client, ec);
    return ec;
  }
};

tls_client::tls_client(const std::string& ca_pem, unsigned short port, std::string host)
    : impl_(std::make_unique<impl>()) {
  impl_->ctx.add_certificate_authority(asio::buffer(ca_pem));
  impl_->ctx.set_verify_mode(ssl::verify_peer);
  impl_->host = std::move(host);
  impl_->port = port;
}

tls_client::~tls_client() = default;

boost::system::error_code tls_client::handshake() {
  auto ec = impl_->connect(connections_);
  impl_->stream.reset();
  return ec;
}

http_reply tls_client::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::map<std::string, std::string>& headers) {
  http_reply reply;
  if (!impl_->stream) {
    if (auto ec = impl_->connect(connections_)) {
      impl_->stream.reset();
      reply.error = ec;
      return reply;
    }
  }
  auto& stream = *impl_->stream;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, impl_->host);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  // Asynchronous, because Beast's stream timeouts only bound asynchronous operations: the
  // deadline covers the write and the whole read (a slow-loris body included).
  beast::get_lowest_layer(stream).expires_after(timeout_);
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
    reply.error = ec;
    if (ec) return;
    http::async_read(stream, impl_->buffer, parser,
                     [&](beast::error_code read_ec, std::size_t) { reply.error = read_ec; });
  });
  impl_->ioc.restart();
  impl_->ioc.run();
  if (parser.is_header_done()) {
    const auto& res = parser.get();
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(field.value());
    }
    reply.content_length = parser.content_length().value_or(0);
    reply.body = res.body();
  }
  if (reply.error || !parser.get().keep_alive()) impl_->stream.reset();
  return reply;
}

struct webhook_listener::impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  unsigned fail_first;
  std::atomic<bool> stopping{false};
  std::thread thread;
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::vector<received_webhook> received;
  unsigned requests = 0;

  void serve() {
    while (!stopping) {
      tcp::socket socket(ioc);
      boost::system::error_code ec;
      acceptor.accept(socket, ec);
      if (ec || stopping) return;
      beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;
      bool fail;
      {
        std::lock_guard lock(mutex);
        fail = requests++ < fail_first;
        if (!fail) {
          received_webhook w;
          w.target = std::string(req.target());
          w.content_type = std::string(req[http::field::content_type]);
          w.raw_body = req.body();
          boost::system::error_code json_ec;  // form bodies (Braintree) stay null here
          w.body = boost::json::parse(req.body(), json_ec);
          if (json_ec) w.body = nullptr;
          for (const auto& field : req) {
            std::string name(field.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            w.headers[name] = std::string(field.value());
          }
          received.push_back(std::move(w));
        }
      }
      changed.notify_all();
      http::response<http::string_body> res{
          fail ? http::status::internal_server_error : http::status::ok, 11};
      res.body() = fail ? "try later" : "[accepted]";
      res.keep_alive(false);
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  }
};

webhook_listener::webhook_listener(unsigned fail_first) : impl_(std::make_unique<impl>()) {
  impl_->fail_first = fail_first;
  impl_->thread = std::thread([this] { impl_->serve(); });
}

webhook_listener::~webhook_listener() {
  impl_->stopping = true;
  // Wake the blocking accept with a connection of our own.
  boost::system::error_code ec;
  tcp::socket poke(impl_->ioc);
  poke.connect(impl_->acceptor.local_endpoint(), ec);
  impl_->thread.join();
}

std::string webhook_listener::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) +
         "/webhooks/adyen";
}

std::string webhook_listener::url_for(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + path;
}

std::vector<received_webhook> webhook_listener::wait_for(std::size_t n,
                                                         std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, timeout, [&] { return impl_->received.size() >= n; });
  return impl_->received;
}

unsigned webhook_listener::requests_seen() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::string adyen_signature(const std::string& key_hex, const boost::json::object& item) {
  auto field = [&](const char* name) -> std::string {
    const auto* v = item.if_contains(name);
    return v && v->is_string() ? std::string(v->as_string()) : std::string{};
  };
  const auto& amount = item.at("amount").as_object();
  const std::string payload = field("pspReference") + ":" + field("originalReference") + ":" +
                              field("merchantAccountCode") + ":" + field("merchantReference") +
                              ":" + std::to_string(amount.at("value").as_int64()) + ":" +
                              std::string(amount.at("currency").as_string()) + ":" +
                              field("eventCode") + ":" + field("success");
  std::string key;
  for (std::size_t i = 0; i + 1 < key_hex.size(); i += 2) {
    key.push_back(static_cast<char>(std::stoi(key_hex.substr(i, 2), nullptr, 16)));
  }
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &len);
  unsigned char out[64] = {0};
  int n = EVP_EncodeBlock(out, mac, static_cast<int>(len));
  return std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
}

std::string stripe_signature(const std::string& secret, const std::string& timestamp,
                             const std::string& body) {
  const std::string payload = timestamp + "." + body;
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &len);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", mac[i]);
    hex += byte;
  }
  return hex;
}

}  // namespace processor_sim::testing
