#include "nginx_proxy.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace e2e {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string find_nginx() {
  if (const char* v = std::getenv("CS_NGINX"); v && *v) return ::access(v, X_OK) == 0 ? v : "";
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':'))
      if (!dir.empty() && ::access((dir + "/nginx").c_str(), X_OK) == 0) return dir + "/nginx";
  }
  return ::access("/usr/sbin/nginx", X_OK) == 0 ? "/usr/sbin/nginx" : "";
}

bool start_nginx(nginx_proxy& out, const std::string& prefix,
                 const std::vector<unsigned short>& replica_ports, std::string& why) {
  const auto nginx = find_nginx();
  if (nginx.empty())
    return why =
               "nginx not found (not on PATH, not /usr/sbin/nginx, CS_NGINX unset): run "
               "scripts/install-deps.sh, which installs Debian's nginx",
           false;
  fs::create_directories(prefix);
  out.prefix = prefix;
  out.port = free_port();
  // render.sh writes nginx.conf and checks it with `nginx -t`; its output goes to render.log.
  std::string cmd = "NGINX_BIN='" + nginx + "' '" CS_DEPLOY_DIR "/nginx/render.sh' '" + prefix +
                    "' 127.0.0.1:" + std::to_string(out.port);
  for (auto p : replica_ports) cmd += " 127.0.0.1:" + std::to_string(p);
  cmd += " >'" + prefix + "/render.log' 2>&1";
  if (std::system(cmd.c_str()) != 0)
    return why = "deploy/nginx/render.sh failed: " + read_file(prefix + "/render.log"), false;
  out.proc = spawn("nginx",
                   {nginx, "-p", prefix, "-e", prefix + "/error.log", "-c", prefix + "/nginx.conf",
                    "-g", "daemon off;"},
                   prefix + "/nginx.out");
  if (out.proc.pid <= 0) return why = "cannot spawn " + nginx, false;
  out.channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(out.port),
                                    grpc::InsecureChannelCredentials());
  if (!out.channel->WaitForConnected(std::chrono::system_clock::now() + 5s) || !out.proc.running())
    return why = "nginx did not start: " + read_file(prefix + "/error.log") +
                 read_file(prefix + "/nginx.out"),
           false;
  return true;
}

namespace {

// The `upstream=` field of one access-log line: "a" or "a, b" (every replica tried).
std::string upstreams_of(const std::string& line) {
  auto at = line.find(" upstream=");
  if (at == std::string::npos) return {};
  at += 10;
  auto end = line.find(" upstream_status=", at);
  return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

std::map<std::string, int> nginx_proxy::calls_per_replica() const {
  std::map<std::string, int> out;
  std::istringstream in(read_file(prefix + "/access.log"));
  for (std::string line; std::getline(in, line);) {
    auto up = upstreams_of(line);
    auto last = up.rfind(", ");
    if (last != std::string::npos) up = up.substr(last + 2);
    if (!up.empty() && up != "-") ++out[up];
  }
  return out;
}

int nginx_proxy::calls_moved_to_another_replica() const {
  int n = 0;
  std::istringstream in(read_file(prefix + "/access.log"));
  for (std::string line; std::getline(in, line);)
    if (upstreams_of(line).find(", ") != std::string::npos) ++n;
  return n;
}

}  // namespace e2e
