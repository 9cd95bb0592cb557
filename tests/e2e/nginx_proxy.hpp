#pragma once
// nginx in front of connector-service replicas, for the replica test: the config is
// deploy/nginx/connector-service.conf.template filled in by deploy/nginx/render.sh (the same
// script docs/deploy.md tells operators to use), and nginx runs as a foreground child process
// whose pid file, logs and temp files stay in its own folder.

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness.hpp"

namespace e2e {

struct nginx_proxy {
  std::string prefix;  // nginx's folder: nginx.conf, error.log, access.log, nginx.pid
  unsigned short port = 0;
  child proc;
  std::shared_ptr<grpc::Channel> channel;  // a client's channel to nginx (h2c)

  // Calls per replica address ("127.0.0.1:port") as nginx's access log tells: the replica that
  // answered each call (the last one tried, when nginx moved on from an unreachable one).
  std::map<std::string, int> calls_per_replica() const;
  // Access-log lines for which nginx tried more than one replica.
  int calls_moved_to_another_replica() const;
};

// The nginx binary: $CS_NGINX when set, else `nginx` on PATH, else /usr/sbin/nginx; "" when
// none is there (scripts/install-deps.sh installs Debian's).
std::string find_nginx();

// Renders the template for `replica_ports` on loopback into `prefix` and starts nginx on a free
// port; false + `why` (with nginx's error log) on failure.
bool start_nginx(nginx_proxy& out, const std::string& prefix,
                 const std::vector<unsigned short>& replica_ports, std::string& why);

}  // namespace e2e
