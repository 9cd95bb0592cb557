#pragma once
// Child processes for the load harness (bench/) and the end-to-end tests: the simulator, the
// service and the echo server run as real processes whose stdout and stderr go to a log file, so
// a run measures or tests the binaries users run, not an in-process copy.

#include <chrono>
#include <string>
#include <vector>

namespace processor_sim::client {

struct child {
  int pid = -1;
  std::string name, log;
  bool running() const;
  // SIGTERM and wait; SIGKILL after `wait`. Returns the exit status, -1 when killed or not
  // started.
  int stop(std::chrono::milliseconds wait = std::chrono::seconds(15));
};

// Starts argv[0] with this process's environment plus `extra_env` ("KEY=value").
child spawn(const std::string& name, const std::vector<std::string>& argv, const std::string& log,
            const std::vector<std::string>& extra_env = {});

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);
// 64 random upper-case hex characters (an Adyen-style HMAC key for a simulator run).
std::string random_hex_key();
// A loopback port that was free a moment ago.
unsigned short free_port();

}  // namespace processor_sim::client
