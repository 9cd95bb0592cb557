#pragma once
// processor-sim as a child process, for programs that drive it from outside (the load harness,
// the end-to-end tests). The simulator announces itself only through its state dir: with
// `--port 0` the kernel picks the port, and a new CA is generated at each start, so a caller
// must wait for DIR/port and trust DIR/ca.pem instead of guessing either.

#include <chrono>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace processor_sim::client {

struct sim_process {
  child proc;
  std::string state_dir;
  unsigned short port = 0;
  std::string ca_file;  // <state_dir>/ca.pem: the CA to trust (TLS verification stays on)

  std::string base_url() const;  // https://127.0.0.1:<port>
};

// Starts `bin --port 0 --state-dir <state_dir> <args...>` (stdout and stderr appended to `log`)
// and waits until it has written <state_dir>/port. `args` must not repeat --port, --state-dir or
// --host (the base URL assumes 127.0.0.1). On failure returns false with `why` naming the log, and
// the child is stopped.
bool start_sim(sim_process& out, const std::string& bin, const std::string& state_dir,
               const std::vector<std::string>& args, const std::string& log, std::string& why,
               std::chrono::milliseconds timeout = std::chrono::seconds(15));

}  // namespace processor_sim::client
