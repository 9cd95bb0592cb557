#include "sim_process.hpp"

#include <thread>

namespace processor_sim::client {

std::string sim_process::base_url() const {
  return "https://127.0.0.1:" + std::to_string(port);
}

bool start_sim(sim_process& out, const std::string& bin, const std::string& state_dir,
               const std::vector<std::string>& args, const std::string& log, std::string& why,
               std::chrono::milliseconds timeout) {
  std::vector<std::string> argv{bin, "--port", "0", "--state-dir", state_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  out = sim_process{};
  out.state_dir = state_dir;
  out.proc = spawn("processor-sim", argv, log);
  if (out.proc.pid <= 0) return why = "cannot spawn " + bin, false;
  // The simulator writes DIR/port (atomically, after ca.pem) once it listens; a child that exits
  // first (a bad flag, a port in use) would otherwise be waited for until the timeout.
  const auto port_file = state_dir + "/port";
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (read_file(port_file).empty()) {
    if (!out.proc.running()) {
      out.proc.pid = -1;  // running() reaped it: there is nothing left to stop
      return why = "processor-sim exited at start (log: " + log + ")", false;
    }
    if (std::chrono::steady_clock::now() > until) {
      out.proc.stop(std::chrono::seconds(2));
      return why = "processor-sim did not write its port in time (log: " + log + ")", false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  out.port = static_cast<unsigned short>(std::stoi(read_file(port_file)));
  out.ca_file = state_dir + "/ca.pem";
  return true;
}

}  // namespace processor_sim::client
