#pragma once
// nginx in front of connector-service replicas for a multi-replica run: the config is
// deploy/nginx/connector-service.conf.template filled in by deploy/nginx/render.sh (what
// docs/deploy.md tells operators to run), nginx runs in the foreground as a child process and
// its pid file, logs and temp files stay in the run's state dir. The bench's own starter: bench/
// does not link tests/ (tests/e2e/nginx_proxy.* is the replica test's).

#include <map>
#include <string>
#include <vector>

#include "procs.hpp"

namespace cs::bench {

struct nginx_process {
  std::string prefix;  // nginx.conf, error.log, access.log, nginx.pid
  unsigned short port = 0;
  child proc;  // the master; the template runs one worker (worker_pids)
  std::vector<int> worker_pids() const;
  // Calls per upstream address ("127.0.0.1:port") from the access log: the replica that answered
  // each call over the whole run (warm-up and drain included).
  std::map<std::string, long> calls_per_upstream() const;
};

// $CS_NGINX when set, else `nginx` on PATH, else /usr/sbin/nginx; "" when none is there.
std::string find_nginx();

// Renders the plain template for `replica_ports` on loopback into `prefix`, starts nginx on a
// free port and waits until it listens and has a worker; false + `why` on failure.
bool start_nginx(nginx_process& out, const std::string& prefix,
                 const std::vector<unsigned short>& replica_ports, std::string& why);

}  // namespace cs::bench
