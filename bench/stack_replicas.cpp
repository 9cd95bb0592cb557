// The multi-replica part of the stack (issue 18 part 5): replicas 2..N of the connector-service
// and nginx in front of all of them. Replica 1 is the service stack.cpp starts.

#include <set>

#include "stack.hpp"

namespace cs::bench {
using namespace std::chrono_literals;

bool stack::start_replicas_and_nginx(std::string& why) {
  // free_port() only says a port was free a moment ago: never hand one out twice in a run.
  std::set<unsigned short> taken{sim_.port, grpc_port_, http_port_};
  auto fresh_port = [&] {
    unsigned short p = free_port();
    while (!taken.insert(p).second) p = free_port();
    return p;
  };
  for (int i = 1; i < o_.replicas; ++i) {
    replica r;
    r.grpc_port = fresh_port();
    r.http_port = fresh_port();
    const auto n = std::to_string(i + 1);
    const auto config_path = o_.dir + "/service-" + n + ".toml";
    write_file(config_path, service_config(r.grpc_port, r.http_port));
    r.proc = spawn("connector-service-" + n, {o_.service_bin, "serve", "--config", config_path},
                   o_.dir + "/service-" + n + ".log");
    if (r.proc.pid <= 0) return why = "cannot spawn " + o_.service_bin, false;
    more_.push_back(std::move(r));
  }
  for (auto& r : more_)
    if (!eventually(
            [&] { return !r.proc.running() || (port_open(r.grpc_port) && port_open(r.http_port)); },
            15s) ||
        !r.proc.running())
      return why = "service replica did not start (log: " + r.proc.log + ")", false;
  std::vector<unsigned short> ports{grpc_port_};
  for (const auto& r : more_) ports.push_back(r.grpc_port);
  return start_nginx(nginx_, o_.dir + "/nginx", ports, why);
}

std::vector<long> stack::calls_per_replica() const {
  if (nginx_.prefix.empty()) return {};
  auto by_address = nginx_.calls_per_upstream();
  auto count = [&](unsigned short port) {
    auto it = by_address.find("127.0.0.1:" + std::to_string(port));
    return it == by_address.end() ? 0L : it->second;
  };
  std::vector<long> out{count(grpc_port_)};
  for (const auto& r : more_) out.push_back(count(r.grpc_port));
  return out;
}

}  // namespace cs::bench
