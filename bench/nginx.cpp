#include "nginx.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace cs::bench {
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

std::vector<int> nginx_process::worker_pids() const {
  // Children of the master, from /proc/PID/stat's ppid (field 4).
  std::vector<int> out;
  if (proc.pid <= 0) return out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    auto stat = read_file(e.path().string() + "/stat");
    auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream in(stat.substr(close + 2));
    std::string state;
    int ppid = 0;
    if (in >> state >> ppid && ppid == proc.pid) out.push_back(std::stoi(name));
  }
  return out;
}

bool start_nginx(nginx_process& out, const std::string& prefix,
                 const std::vector<unsigned short>& replica_ports, std::string& why) {
  const auto nginx = find_nginx();
  if (nginx.empty()) {
    const char* named = std::getenv("CS_NGINX");
    return why =
               std::string(named && *named ? "CS_NGINX names no executable nginx"
                                           : "nginx not found (not on PATH, not /usr/sbin/nginx)") +
               ": a run with replicas puts nginx in front of them; run scripts/install-deps.sh, "
               "which installs Debian's nginx",
           false;
  }
  fs::create_directories(prefix);
  out.prefix = prefix;
  out.port = free_port();
  // render.sh writes nginx.conf from the plain template and checks it with `nginx -t`.
  std::string cmd = "NGINX_BIN='" + nginx + "' TEMPLATE=connector-service.conf.template '" +
                    CS_DEPLOY_DIR + "/nginx/render.sh' '" + prefix +
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
  if (!eventually(
          [&] {
            return !out.proc.running() || (port_open(out.port) && !out.worker_pids().empty());
          },
          10s) ||
      !out.proc.running())
    return why = "nginx did not start: " + read_file(prefix + "/error.log") +
                 read_file(prefix + "/nginx.out"),
           false;
  return true;
}

std::map<std::string, long> nginx_process::calls_per_upstream() const {
  // Lines of the template's `grpc` log format: "... upstream=a upstream_status=..." where `a` is
  // "x" or "x, y" when nginx moved on from an unreachable replica; the last one answered.
  std::map<std::string, long> out;
  std::istringstream in(read_file(prefix + "/access.log"));
  for (std::string line; std::getline(in, line);) {
    auto at = line.find(" upstream=");
    if (at == std::string::npos) continue;
    at += 10;
    auto end = line.find(" upstream_status=", at);
    auto up = line.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (auto last = up.rfind(", "); last != std::string::npos) up = up.substr(last + 2);
    if (!up.empty() && up != "-") ++out[up];
  }
  return out;
}

}  // namespace cs::bench
