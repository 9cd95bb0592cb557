#pragma once
// Child processes (the simulator, the service, the echo server) and what /proc says about them:
// CPU time and memory are read from the kernel, not estimated, so every figure is comparable.

#include <chrono>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "sim_process.hpp"

namespace cs::bench {

// Child processes, files and ports, and the simulator's start: sim/client (shared with the e2e
// tests).
using processor_sim::client::child;
using processor_sim::client::free_port;
using processor_sim::client::random_hex_key;
using processor_sim::client::read_file;
using processor_sim::client::sim_process;
using processor_sim::client::spawn;
using processor_sim::client::write_file;

// CPU seconds (user + system, all threads) and memory of a process; pid 0 = this process.
struct proc_sample {
  double cpu_s = 0;
  long rss_kb = 0;   // VmRSS now
  long peak_kb = 0;  // VmHWM: the high-water mark since start
  int threads = 0;
};
proc_sample sample(int pid);

// True when something accepts TCP connections on 127.0.0.1:port.
bool port_open(unsigned short port);
// Polls `pred` every 20 ms until true or timeout.
template <class F>
bool eventually(F&& pred, std::chrono::milliseconds timeout);
std::string make_temp_dir(const std::string& prefix);

// The machine, for the report header: CPU model, cores, memory, load average.
std::string machine_summary();

}  // namespace cs::bench

#include <thread>
template <class F>
bool cs::bench::eventually(F&& pred, std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}
