#include "actors/connector_pool.hpp"

#include <fmt/format.h>
#include <caf/all.hpp>

#include <unordered_map>

#include "actors/messages.hpp"
#include "transport/metrics/registry.hpp"

namespace cs::actors {
namespace {

struct worker_state {
  std::unique_ptr<transport::http_client> client;
  std::shared_ptr<const pool_config> cfg;
  std::unordered_map<std::uint64_t, caf::response_promise> waiting;
  std::uint64_t next_id = 0;
  static inline const char* name = "connector_worker";
};

caf::behavior worker(caf::stateful_actor<worker_state>* self,
                     std::shared_ptr<transport::http_client> client_holder,
                     std::shared_ptr<const pool_config> cfg) {
  self->state.cfg = std::move(cfg);
  return {
      [=](send_atom, outbound& o) -> caf::result<http_outcome> {
        auto& st = self->state;
        auto base = st.cfg->base_urls.find(o.request.base);
        if (base == st.cfg->base_urls.end()) {
          domain::error e;
          e.code = domain::error_code::internal;
          e.message = fmt::format("connector '{}' has no base URL named '{}' configured",
                                  st.cfg->connector, o.request.base);
          return http_outcome(std::move(e));
        }
        auto id = st.next_id++;
        auto rp = self->make_response_promise();
        st.waiting.emplace(id, rp);
        auto& m = transport::metrics();
        m.in_flight.add({st.cfg->connector}, 1);
        if (st.waiting.size() == 1) m.busy_workers.add({st.cfg->connector}, 1);
        // The completion arrives on an I/O thread: hand it back as a message rather than
        // delivering the promise there (CAF 0.17 would not wake a sleeping worker).
        caf::actor me = caf::actor_cast<caf::actor>(self);
        client_holder->send(
            base->second, std::move(o.request), o.timeout,
            [me, id](http_outcome r) { caf::anon_send(me, done_atom::value, id, std::move(r)); });
        return rp;
      },
      [=](done_atom, std::uint64_t id, http_outcome& r) {
        auto& st = self->state;
        auto it = st.waiting.find(id);
        if (it == st.waiting.end()) return;
        transport::metrics().in_flight.add({st.cfg->connector}, -1);
        it->second.deliver(std::move(r));
        st.waiting.erase(it);
        if (st.waiting.empty()) transport::metrics().busy_workers.add({st.cfg->connector}, -1);
      },
  };
}

struct dispatcher_state {
  std::vector<caf::actor> workers;
  std::size_t next = 0;
  static inline const char* name = "connector_pool";
};

caf::behavior dispatcher(caf::stateful_actor<dispatcher_state>* self,
                         std::vector<caf::actor> workers) {
  for (auto& w : workers) self->link_to(w);
  self->state.workers = std::move(workers);
  return {
      [=](send_atom s, outbound& o) {
        auto& st = self->state;
        auto& w = st.workers[st.next++ % st.workers.size()];
        return self->delegate(w, s, std::move(o));
      },
  };
}

}  // namespace

domain::result<caf::actor> spawn_connector_pool(caf::actor_system& sys, boost::asio::io_context& io,
                                                pool_config cfg) {
  if (cfg.workers == 0)
    return domain::invalid_argument(fmt::format("connectors.{}.pool_size", cfg.connector),
                                    "must be at least 1");
  transport::metrics().pool_workers.set({cfg.connector}, static_cast<double>(cfg.workers));
  auto shared = std::make_shared<const pool_config>(std::move(cfg));
  std::vector<caf::actor> workers;
  for (std::size_t i = 0; i < shared->workers; ++i) {
    auto client = transport::http_client::create(io, shared->client);
    if (!client) return std::move(client).err();
    std::shared_ptr<transport::http_client> holder(std::move(client.value()));
    workers.push_back(sys.spawn(worker, holder, shared));
  }
  return sys.spawn(dispatcher, std::move(workers));
}

}  // namespace cs::actors
