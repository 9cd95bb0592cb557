#include "actors/pool_worker.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "actors/messages.hpp"
#include "transport/metrics/registry.hpp"

namespace cs::actors {
namespace {

struct worker_state {
  std::unordered_map<std::uint64_t, caf::response_promise> waiting;
  std::uint64_t next_id = 0;
  static inline const char* name = "connector_worker";
};

caf::behavior worker(caf::stateful_actor<worker_state>* self,
                     std::shared_ptr<transport::http_client> client,
                     std::shared_ptr<const pool_config> cfg) {
  return {
      [=](send_atom, outbound& o) -> caf::result<http_outcome> {
        auto& st = self->state;
        auto base = cfg->base_urls.find(o.request.base);
        if (base == cfg->base_urls.end())
          return http_outcome(
              domain::make_error(domain::error_code::internal, "",
                                 fmt::format("connector '{}' has no base URL named '{}' configured",
                                             cfg->connector, o.request.base)));
        auto id = st.next_id++;
        auto rp = self->make_response_promise();
        st.waiting.emplace(id, rp);
        auto& m = transport::metrics();
        m.in_flight.add({cfg->connector}, 1);
        if (st.waiting.size() == 1) m.busy_workers.add({cfg->connector}, 1);
        // The completion arrives on an I/O thread: hand it back as a message rather than
        // delivering the promise there (CAF 0.17 would not wake a sleeping worker).
        caf::actor me = caf::actor_cast<caf::actor>(self);
        client->send(base->second, std::move(o.request), o.timeout, [me, id](http_outcome r) {
          caf::anon_send(me, done_atom::value, id, std::move(r));
        });
        return rp;
      },
      [=](done_atom, std::uint64_t id, http_outcome& r) {
        auto& st = self->state;
        auto it = st.waiting.find(id);
        if (it == st.waiting.end()) return;
        transport::metrics().in_flight.add({cfg->connector}, -1);
        it->second.deliver(std::move(r));
        st.waiting.erase(it);
        if (st.waiting.empty()) transport::metrics().busy_workers.add({cfg->connector}, -1);
      },
  };
}

}  // namespace

caf::actor spawn_pool_worker(caf::actor_system& sys, std::shared_ptr<transport::http_client> client,
                             std::shared_ptr<const pool_config> cfg) {
  return sys.spawn(worker, std::move(client), std::move(cfg));
}

}  // namespace cs::actors
