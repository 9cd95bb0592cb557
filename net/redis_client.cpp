#include "net/redis_client.hpp"

#include <fmt/format.h>
#include <hiredis/hiredis.h>
#include <openssl/sha.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <deque>

#include "net/metrics.hpp"
#include "obs/log.hpp"

namespace cs::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using clock = std::chrono::steady_clock;

std::string_view to_string(redis_failure f) noexcept {
  switch (f) {
    case redis_failure::unreachable:
      return "unreachable";
    case redis_failure::timeout:
      return "timeout";
    case redis_failure::error_reply:
      return "error_reply";
  }
  return "unknown";
}

redis_script redis_script::make(std::string text) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> d{};
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), d.data());
  std::string hex;
  for (auto b : d) hex += fmt::format("{:02x}", b);
  return {std::move(text), std::move(hex)};
}

namespace {

struct pending {
  std::string wire;  // the command in RESP
  redis_client::callback done;
  std::optional<asio::steady_timer> timer;
  bool finished = false;
};
using pending_ptr = std::shared_ptr<pending>;

redis_reply copy_reply(const redisReply* r) {
  redis_reply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.type = redis_reply::kind::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type =
          r->type == REDIS_REPLY_STRING ? redis_reply::kind::string : redis_reply::kind::status;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = redis_reply::kind::array;
      for (std::size_t i = 0; i < r->elements; ++i)
        out.elements.push_back(copy_reply(r->element[i]));
      break;
    default:
      break;
  }
  return out;
}

redis_outcome failed(redis_failure f, std::string message) {
  return {{}, f, std::move(message)};
}

struct reader_deleter {
  void operator()(redisReader* r) const { redisReaderFree(r); }
};

}  // namespace

struct redis_client::impl : std::enable_shared_from_this<impl> {
  enum class link { down, connecting, up };

  impl(asio::io_context& io, redis_options o)
      : options(std::move(o)),
        strand(asio::make_strand(io)),
        socket(strand),
        resolver(strand),
        connect_timer(strand),
        backoff(options.reconnect_min) {}

  redis_options options;
  asio::strand<asio::io_context::executor_type> strand;
  tcp::socket socket;
  tcp::resolver resolver;
  asio::steady_timer connect_timer;
  link state = link::down;
  std::uint64_t generation = 0;  // of the connection: handlers of an older one do nothing
  clock::time_point retry_at{};
  std::chrono::milliseconds backoff;
  bool reported_down = false;
  bool stopped = false;
  std::deque<pending_ptr> unsent, sent;
  bool writing = false;
  std::string write_buf;
  std::unique_ptr<redisReader, reader_deleter> reader;
  std::array<char, 16384> read_buf{};

  void finish(const pending_ptr& p, redis_outcome out) {
    if (p->finished) return;
    p->finished = true;
    if (p->timer) p->timer->cancel();
    auto done = std::move(p->done);
    done(std::move(out));
  }

  void fail_all(redis_failure f, const std::string& why) {
    auto a = std::move(sent);
    auto b = std::move(unsent);
    sent.clear();
    unsent.clear();
    for (auto& p : a) finish(p, failed(f, why));
    for (auto& p : b) finish(p, failed(f, why));
  }

  void went_down(const std::string& why, const char* event) {
    metrics().redis_connections.add({event});
    state = link::down;
    ++generation;
    boost::system::error_code ignored;
    socket.close(ignored);
    resolver.cancel();
    connect_timer.cancel();
    reader.reset();
    writing = false;
    retry_at = clock::now() + backoff;
    backoff = std::min(backoff * 2, options.reconnect_max);
    if (!reported_down && !stopped)
      obs::component_log("actors")->warn(
          "redis {}:{} unavailable ({}): shared state falls back to each replica's own; "
          "reconnecting with backoff",
          options.host, options.port, why);
    reported_down = true;
    fail_all(redis_failure::unreachable, fmt::format("redis unavailable: {}", why));
  }

  void submit(pending_ptr p) {
    if (stopped) return finish(p, failed(redis_failure::unreachable, "redis client stopped"));
    auto now = clock::now();
    if (state == link::down && now < retry_at)
      return finish(
          p,
          failed(
              redis_failure::unreachable,
              fmt::format(
                  "redis down, next reconnect in {} ms",
                  std::chrono::duration_cast<std::chrono::milliseconds>(retry_at - now).count())));
    p->timer.emplace(strand, options.command_timeout);
    p->timer->async_wait([self = shared_from_this(), p](boost::system::error_code ec) {
      if (ec || p->finished) return;
      self->finish(p, failed(redis_failure::timeout, "redis command timed out"));
      // Replies come in order: one that is late holds up every later one. Start afresh.
      if (self->state != link::down) self->went_down("a command timed out", "lost");
    });
    unsent.push_back(std::move(p));
    if (state == link::down) connect();
    flush();
  }

  void connect() {
    state = link::connecting;
    auto gen = ++generation;
    connect_timer.expires_after(options.connect_timeout);
    connect_timer.async_wait([self = shared_from_this(), gen](boost::system::error_code ec) {
      if (ec || gen != self->generation || self->state != link::connecting) return;
      self->went_down("connect timed out", "failed");
    });
    resolver.async_resolve(
        options.host, std::to_string(options.port),
        [self = shared_from_this(), gen](boost::system::error_code ec,
                                         tcp::resolver::results_type results) {
          if (gen != self->generation) return;
          if (ec) return self->went_down(fmt::format("resolve: {}", ec.message()), "failed");
          asio::async_connect(self->socket, results,
                              [self, gen](boost::system::error_code ec, const tcp::endpoint&) {
                                if (gen != self->generation) return;
                                if (ec) return self->went_down(ec.message(), "failed");
                                self->connected();
                              });
        });
  }

  void connected() {
    connect_timer.cancel();
    state = link::up;
    metrics().redis_connections.add({"opened"});
    if (reported_down)
      obs::component_log("actors")->info("redis {}:{} connected", options.host, options.port);
    reported_down = false;
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    reader.reset(redisReaderCreate());
    if (!options.password.empty()) {
      auto auth = std::make_shared<pending>();
      auth->wire = format({"AUTH", options.password});
      auth->done = [self = shared_from_this(), gen = generation](redis_outcome o) {
        if (!o && o.failure == redis_failure::error_reply && gen == self->generation)
          self->went_down("AUTH refused", "failed");
      };
      unsent.push_front(std::move(auth));
    }
    read();
    flush();
  }

  void flush() {
    if (writing || state != link::up) return;
    write_buf.clear();
    while (!unsent.empty()) {
      auto p = std::move(unsent.front());
      unsent.pop_front();
      if (p->finished) continue;  // timed out while waiting for the connection
      write_buf += p->wire;
      sent.push_back(std::move(p));
    }
    if (write_buf.empty()) return;
    writing = true;
    asio::async_write(
        socket, asio::buffer(write_buf),
        [self = shared_from_this(), gen = generation](boost::system::error_code ec, std::size_t) {
          if (gen != self->generation) return;
          self->writing = false;
          if (ec) return self->went_down(ec.message(), "lost");
          self->flush();
        });
  }

  void read() {
    socket.async_read_some(
        asio::buffer(read_buf),
        [self = shared_from_this(), gen = generation](boost::system::error_code ec, std::size_t n) {
          if (gen != self->generation) return;
          if (ec) return self->went_down(ec.message(), "lost");
          self->on_bytes(n);
        });
  }

  void on_bytes(std::size_t n) {
    auto gen = generation;  // a completion below may end this connection (AUTH refused)
    if (redisReaderFeed(reader.get(), read_buf.data(), n) != REDIS_OK)
      return went_down("reply too large", "lost");
    for (;;) {
      void* raw = nullptr;
      if (redisReaderGetReply(reader.get(), &raw) != REDIS_OK)
        return went_down("unreadable reply", "lost");
      if (!raw) break;
      auto* r = static_cast<redisReply*>(raw);
      redis_outcome out;
      if (r->type == REDIS_REPLY_ERROR)
        out = failed(redis_failure::error_reply, std::string(r->str, r->len));
      else
        out.reply = copy_reply(r);
      freeReplyObject(r);
      if (sent.empty()) return went_down("a reply nobody asked for", "lost");
      // Only an answer shows the server works: a server that accepts connections but never
      // answers (stopped, overloaded) keeps the backoff growing, so calls rarely wait on it.
      backoff = options.reconnect_min;
      auto p = std::move(sent.front());
      sent.pop_front();
      finish(p, std::move(out));
      if (gen != generation) return;
    }
    read();
  }

  static std::string format(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    char* cmd = nullptr;
    int len = redisFormatCommandArgv(&cmd, static_cast<int>(args.size()), argv.data(), lens.data());
    std::string out = len > 0 ? std::string(cmd, static_cast<std::size_t>(len)) : std::string();
    redisFreeCommand(cmd);
    return out;
  }
};

std::shared_ptr<redis_client> redis_client::create(asio::io_context& io, redis_options options) {
  return std::shared_ptr<redis_client>(
      new redis_client(std::make_shared<impl>(io, std::move(options))));
}

redis_client::redis_client(std::shared_ptr<impl> p) : impl_(std::move(p)) {}

redis_client::~redis_client() {
  stop();
}

const redis_options& redis_client::options() const noexcept {
  return impl_->options;
}

void redis_client::command(std::vector<std::string> args, callback done) {
  auto p = std::make_shared<pending>();
  p->wire = impl::format(args);
  p->done = std::move(done);
  asio::post(impl_->strand, [self = impl_, p = std::move(p)]() mutable { self->submit(p); });
}

void redis_client::eval(const redis_script& script, std::vector<std::string> keys,
                        std::vector<std::string> args, callback done) {
  std::vector<std::string> tail{std::to_string(keys.size())};
  tail.insert(tail.end(), keys.begin(), keys.end());
  tail.insert(tail.end(), args.begin(), args.end());
  std::vector<std::string> first{"EVALSHA", script.sha1};
  first.insert(first.end(), tail.begin(), tail.end());
  command(std::move(first), [self = impl_, text = script.text, tail = std::move(tail),
                             done = std::move(done)](redis_outcome o) mutable {
    if (o || o.failure != redis_failure::error_reply || !o.message.starts_with("NOSCRIPT"))
      return done(std::move(o));
    // The server has not seen the script (restarted, or another replica's flushed it).
    std::vector<std::string> again{"EVAL", std::move(text)};
    again.insert(again.end(), tail.begin(), tail.end());
    auto p = std::make_shared<pending>();
    p->wire = impl::format(again);
    p->done = std::move(done);
    asio::post(self->strand, [self, p = std::move(p)]() mutable { self->submit(p); });
  });
}

void redis_client::stop() {
  if (stop_posted_.exchange(true)) return;
  asio::post(impl_->strand, [self = impl_] {
    self->stopped = true;
    if (self->state != impl::link::down) self->went_down("stopped", "closed");
    self->fail_all(redis_failure::unreachable, "redis client stopped");
  });
}

}  // namespace cs::net
