#include "procs.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace cs::bench {

proc_sample sample(int pid) {
  proc_sample out;
  const std::string dir = pid == 0 ? "/proc/self" : "/proc/" + std::to_string(pid);
  // Fields 14 and 15 of /proc/PID/stat (utime, stime) count every thread, including exited
  // ones; the command name (field 2) may hold spaces, so parse after its closing parenthesis.
  auto stat = read_file(dir + "/stat");
  if (auto close = stat.rfind(')'); close != std::string::npos) {
    std::istringstream in(stat.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {
      if (i == 14) utime = std::stoull(field);
      if (i == 15) stime = std::stoull(field);
    }
    out.cpu_s = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  std::istringstream status(read_file(dir + "/status"));
  std::string line;
  while (std::getline(status, line)) {
    auto value = [&] { return std::atol(line.c_str() + line.find(':') + 1); };
    if (line.rfind("VmRSS:", 0) == 0) out.rss_kb = value();
    if (line.rfind("VmHWM:", 0) == 0) out.peak_kb = value();
    if (line.rfind("Threads:", 0) == 0) out.threads = static_cast<int>(value());
  }
  return out;
}

bool port_open(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

std::string make_temp_dir(const std::string& prefix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) return {};
  return tmpl;
}

std::string machine_summary() {
  std::string model;
  std::istringstream cpu(read_file("/proc/cpuinfo"));
  std::string line;
  while (std::getline(cpu, line))
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  long mem_kb = 0;
  std::istringstream mem(read_file("/proc/meminfo"));
  while (std::getline(mem, line))
    if (line.rfind("MemTotal:", 0) == 0) mem_kb = std::atol(line.c_str() + 9);
  auto load = read_file("/proc/loadavg");
  if (auto sp = load.find(' ', load.find(' ', load.find(' ') + 1) + 1); sp != std::string::npos)
    load.resize(sp);
  std::ostringstream out;
  out << model << ", " << std::thread::hardware_concurrency() << " cores, "
      << (mem_kb + 512 * 1024) / (1024 * 1024) << " GiB RAM, load average " << load;
  return out.str();
}

}  // namespace cs::bench
