#include "webhook_sender.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

namespace processor_sim {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

struct attempt_result {
  int status = 0;
  std::string error;
};

struct target {
  bool tls = false;
  std::string host, port, path;
};

std::optional<target> parse_target(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::nullopt;
  target t;
  t.tls = parsed->scheme() == "https";
  if (!t.tls && parsed->scheme() != "http") return std::nullopt;
  t.host = parsed->host_address();
  t.port = parsed->has_port() ? std::string(parsed->port()) : (t.tls ? "443" : "80");
  t.path = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) t.path += "?" + std::string(parsed->encoded_query());
  return t;
}

template <class Stream>
awaitable<attempt_result> exchange(Stream& stream, const target& t, const webhook_job& job) {
  http::request<http::string_body> req{http::verb::post, t.path, 11};
  req.set(http::field::host, t.host + ":" + t.port);
  req.set(http::field::user_agent, "processor-sim webhooks");
  req.set(http::field::content_type, job.content_type);
  for (const auto& [name, value] : job.headers) req.set(name, value);
  req.keep_alive(false);
  req.body() = job.body;
  req.prepare_payload();
  auto [write_ec, written] = co_await http::async_write(stream, req, tuple_awaitable);
  if (write_ec) co_return attempt_result{0, write_ec.message()};
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  auto [read_ec, read] = co_await http::async_read(stream, buffer, res, tuple_awaitable);
  if (read_ec) co_return attempt_result{0, read_ec.message()};
  co_return attempt_result{static_cast<int>(res.result_int()), {}};
}

}  // namespace

struct webhook_sender::impl {
  webhook_policy policy;
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> guard{ioc.get_executor()};
  ssl::context tls_ctx{ssl::context::tls_client};
  std::thread thread;
  mutable std::mutex mutex;
  std::vector<webhook_delivery> records;

  void update(std::size_t index, const attempt_result& r, unsigned attempts, const char* state) {
    std::lock_guard lock(mutex);
    auto& rec = records[index];
    rec.attempts = attempts;
    rec.final_status = r.status;
    rec.last_error = r.error;
    rec.state = state;
  }

  awaitable<attempt_result> attempt(const target& t, const webhook_job& job) {
    auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    auto [resolve_ec, endpoints] = co_await resolver.async_resolve(t.host, t.port, tuple_awaitable);
    if (resolve_ec) co_return attempt_result{0, resolve_ec.message()};
    const auto timeout = std::chrono::milliseconds(policy.attempt_timeout_ms);
    if (!t.tls) {
      beast::tcp_stream stream(executor);
      stream.expires_after(timeout);
      auto [ec, ep] = co_await stream.async_connect(endpoints, tuple_awaitable);
      if (ec) co_return attempt_result{0, ec.message()};
      co_return co_await exchange(stream, t, job);
    }
    beast::ssl_stream<beast::tcp_stream> stream(executor, tls_ctx);
    SSL_set_tlsext_host_name(stream.native_handle(), t.host.c_str());
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [ec, ep] =
        co_await beast::get_lowest_layer(stream).async_connect(endpoints, tuple_awaitable);
    if (ec) co_return attempt_result{0, ec.message()};
    auto [hs_ec] = co_await stream.async_handshake(ssl::stream_base::client, tuple_awaitable);
    if (hs_ec) co_return attempt_result{0, hs_ec.message()};
    co_return co_await exchange(stream, t, job);
  }

  awaitable<void> deliver(webhook_job job, std::size_t index) {
    asio::steady_timer timer(ioc);
    timer.expires_after(std::chrono::milliseconds(policy.initial_delay_ms));
    co_await timer.async_wait(tuple_awaitable);
    auto t = parse_target(job.url);
    if (!t) {
      update(index, {0, "unsupported webhook url"}, 0, "failed");
      co_return;
    }
    for (unsigned n = 0;; ++n) {
      attempt_result r = co_await attempt(*t, job);
      const bool ok = r.status >= 200 && r.status < 300;
      if (ok || n >= policy.retries) {
        update(index, r, n + 1, ok ? "delivered" : "failed");
        co_return;
      }
      update(index, r, n + 1, "pending");
      timer.expires_after(std::chrono::milliseconds(policy.backoff_base_ms << n));
      co_await timer.async_wait(tuple_awaitable);
    }
  }
};

webhook_sender::webhook_sender(webhook_policy policy) : impl_(std::make_shared<impl>()) {
  impl_->policy = policy;
  // Receivers in tests and demos use throw-away certificates; the simulator is a test tool and
  // the webhook signature, not TLS, is what authenticates the payload.
  impl_->tls_ctx.set_verify_mode(ssl::verify_none);
  impl_->thread = std::thread([i = impl_.get()] { i->ioc.run(); });
}

webhook_sender::~webhook_sender() {
  stop();
}

void webhook_sender::send(webhook_job job) {
  std::size_t index;
  {
    std::lock_guard lock(impl_->mutex);
    index = impl_->records.size();
    impl_->records.push_back({job.processor,
                              job.url,
                              job.event_code,
                              job.psp_reference,
                              job.original_reference,
                              0,
                              0,
                              "pending",
                              {}});
  }
  asio::co_spawn(impl_->ioc, impl_->deliver(std::move(job), index), asio::detached);
}

std::vector<webhook_delivery> webhook_sender::deliveries() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->records;
}

boost::json::value webhook_sender::deliveries_json() const {
  boost::json::array out;
  for (const auto& d : deliveries()) {
    out.push_back(boost::json::object{{"processor", d.processor},
                                      {"url", d.url},
                                      {"eventCode", d.event_code},
                                      {"pspReference", d.psp_reference},
                                      {"originalReference", d.original_reference},
                                      {"attempts", d.attempts},
                                      {"finalStatus", d.final_status},
                                      {"state", d.state},
                                      {"lastError", d.last_error}});
  }
  return out;
}

void webhook_sender::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->guard.reset();
  impl_->ioc.stop();
  impl_->thread.join();
}

}  // namespace processor_sim
