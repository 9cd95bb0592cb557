#include "actors/runtime.hpp"

#include <caf/all.hpp>

#include <fmt/format.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <thread>

#include "actors/webhook.hpp"

namespace cs::actors {

struct runtime::impl {
  runtime_config cfg;
  caf::actor_system_config sys_cfg;  // must outlive the system
  std::unique_ptr<caf::actor_system> sys;
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  std::map<std::string, connector_handle, std::less<>> handles;
  webhook_handler_actor webhook;
  std::shared_ptr<net::redis_client> redis;
  bool stopped = false;
};

namespace {

std::string api_host_of(const connector_settings& s) {
  auto base = s.pool.base_urls.find("default");
  return base == s.pool.base_urls.end() ? std::string() : base->second.host;
}

}  // namespace

runtime::runtime(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

runtime::~runtime() {
  shutdown();
}

domain::result<std::unique_ptr<runtime>> runtime::start(runtime_config cfg) {
  auto p = std::make_unique<impl>();
  p->cfg = std::move(cfg);
  // On 2 cores the sharing policy beat work stealing at every load measured (cpp-stack.md).
  p->sys_cfg.set("scheduler.policy", caf::atom("sharing"));
  p->sys_cfg.set("scheduler.max-threads", p->cfg.actor_threads);
  p->sys_cfg.set("logger.console", caf::atom("none"));
  p->sys = std::make_unique<caf::actor_system>(p->sys_cfg);
  p->work.emplace(boost::asio::make_work_guard(p->io));
  for (std::size_t i = 0; i < p->cfg.io_threads; ++i)
    p->io_threads.emplace_back([io = &p->io] { io->run(); });
  std::unique_ptr<runtime> rt(new runtime(std::move(p)));
  auto& im = *rt->impl_;
  shared_state shared;
  if (im.cfg.redis) {
    im.redis = net::redis_client::create(im.io, *im.cfg.redis);
    shared = {im.redis, im.cfg.redis_key_prefix};
  }
  for (auto& [name, settings] : im.cfg.connectors) {
    settings.pool.shared = shared;
    const auto* descriptor = im.cfg.known.find(name);
    if (!descriptor)
      return domain::invalid_argument("connectors",
                                      fmt::format("connector '{}' is not in this build", name));
    auto pool = spawn_connector_pool(*im.sys, im.io, settings.pool);
    if (!pool) return std::move(pool).err();
    const domain::charge_marker* marker = nullptr;
    for (auto* m : im.cfg.charge_markers)
      if (m && m->connector == name) marker = m;
    im.handles.emplace(name, connector_handle{descriptor, api_host_of(settings),
                                              std::move(pool.value()), settings.request_timeout,
                                              settings.webhook_tolerance, shared, marker});
  }
  im.cfg.webhooks.shared = shared;
  auto webhook = spawn_webhook_actor(*im.sys, im.io, im.cfg.webhooks);
  if (!webhook) return std::move(webhook).err();
  im.webhook = std::move(webhook.value());
  return rt;
}

caf::actor_system& runtime::system() {
  return *impl_->sys;
}

const connector_handle* runtime::connector(std::string_view name) const {
  auto it = impl_->handles.find(name);
  return it == impl_->handles.end() ? nullptr : &it->second;
}

const domain::connector_set& runtime::known() const {
  return impl_->cfg.known;
}

const merchant_account* runtime::account(std::string_view name) const {
  auto it = impl_->cfg.accounts.find(name);
  return it == impl_->cfg.accounts.end() ? nullptr : &it->second;
}

std::vector<std::string> runtime::accounts_of(std::string_view connector) const {
  std::vector<std::string> out;
  for (auto& [name, a] : impl_->cfg.accounts)
    if (a.connector == connector) out.push_back(name);
  return out;
}

const webhook_handler_actor& runtime::webhook_actor() const {
  return impl_->webhook;
}

std::chrono::milliseconds runtime::default_deadline() const {
  return impl_->cfg.default_deadline;
}

void runtime::shutdown() {
  auto& im = *impl_;
  if (im.stopped) return;
  im.stopped = true;
  for (auto& [name, h] : im.handles) caf::anon_send_exit(h.pool, caf::exit_reason::user_shutdown);
  if (im.webhook) caf::anon_send_exit(im.webhook, caf::exit_reason::user_shutdown);
  im.handles.clear();
  im.webhook = nullptr;
  im.sys->await_all_actors_done();
  if (im.redis) im.redis->stop();  // before the I/O threads end: its socket closes on them
  im.redis.reset();
  // The settings' copies would otherwise keep the client until cfg dies, after the io_context.
  for (auto& [name, settings] : im.cfg.connectors) settings.pool.shared = {};
  im.cfg.webhooks.shared = {};
  im.work.reset();
  im.io.stop();
  for (auto& t : im.io_threads) t.join();
  im.sys.reset();
}

}  // namespace cs::actors
